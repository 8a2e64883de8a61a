package handlers

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// Reports freeze a verdict behind a permalink for tickets. Any signed-in
// operator may make one: it records what they were allowed to see anyway.
func (h *Handler) registerReportRoutes(g *echo.Group) {
	g.POST("/apps/:app/users/:user/reports", h.createReportPage)
	g.GET("/apps/:app/reports/:report", h.showReport)
	g.GET("/apps/:app/reports/:report/markdown", h.reportMarkdown)
}

func (h *Handler) createReport(c echo.Context, app models.App, userID string, msg models.MissedMessage) (models.Report, error) {
	v, err := h.diagnoser.Diagnose(c.Request().Context(), app.ID, userID, msg, h.now())
	if err != nil {
		return models.Report{}, err
	}
	// The devices table is frozen with the verdict: the ticket's reader
	// sees the states and tokens the verdict was decided on.
	devices, err := h.devices.DevicesOfUser(c.Request().Context(), app.ID, userID)
	if err != nil {
		return models.Report{}, err
	}
	rows, err := h.deviceRows(c, app.ID, devices)
	if err != nil {
		return models.Report{}, err
	}
	r, err := h.reports.SaveReport(c.Request().Context(), v, views.ReportDevices(rows), currentOperator(c).Email)
	if err != nil {
		return models.Report{}, err
	}
	h.log.InfoContext(c.Request().Context(), "verdict report saved", "app_id", app.ID, "report", r.ID, "user_id", userID, "operator", currentOperator(c).Email)
	return r, nil
}

func (h *Handler) createReportPage(c echo.Context) error {
	app, userID, err := h.appUser(c)
	if err != nil {
		return err
	}
	msg, err := models.ParseMissedMessage(c.FormValue)
	if err != nil {
		return err
	}
	r, err := h.createReport(c, app, userID, msg)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.AppPath(app.ID, "/reports/"+r.ID))
}

func (h *Handler) loadReport(c echo.Context) (models.App, models.Report, error) {
	app, err := h.appParam(c)
	if err != nil {
		return models.App{}, models.Report{}, err
	}
	r, err := h.reports.ReportByID(c.Request().Context(), app.ID, c.Param("report"))
	return app, r, err
}

func (h *Handler) showReport(c echo.Context) error {
	app, r, err := h.loadReport(c)
	if err != nil {
		return err
	}
	p, err := h.page(c, tr(c).Tf("title.report", "User", r.UserID), "check", &app)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.ReportPage(p, views.ReportView{Report: r, Markdown: views.ReportMarkdown(c.Request().Context(), r.Verdict, app.Name, h.reportURL(c, app.ID, r.ID))}))
}

// reportMarkdown is the report as plain text, for tools that paste it.
func (h *Handler) reportMarkdown(c echo.Context) error {
	app, r, err := h.loadReport(c)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, "text/markdown; charset=utf-8", []byte(views.ReportMarkdown(c.Request().Context(), r.Verdict, app.Name, h.reportURL(c, app.ID, r.ID))))
}

// reportURL is the permalink: under PUSHCHECK_PUBLIC_URL, else as the
// operator's browser reached the console.
func (h *Handler) reportURL(c echo.Context, appID int64, id string) string {
	return h.baseURL(c) + views.AppPath(appID, "/reports/"+id)
}

// baseURL is PUSHCHECK_PUBLIC_URL, else the console as the browser
// reached it.
func (h *Handler) baseURL(c echo.Context) string {
	if base := strings.TrimSuffix(h.cfg.PublicURL, "/"); base != "" {
		return base
	}
	return c.Scheme() + "://" + c.Request().Host
}
