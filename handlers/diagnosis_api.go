package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
)

func (h *Handler) registerDiagnosisAPIRoutes(g *echo.Group) {
	g.GET("/:app/users/:user/diagnosis", h.apiDiagnosis)
	g.POST("/:app/users/:user/reports", h.apiCreateReport)
	g.GET("/:app/reports/:report", h.apiReport)
}

// apiDiagnosis is the verdict as JSON. The optional query parameters
// message_type, desc, ext and oppo_channel_id describe the missed message.
func (h *Handler) apiDiagnosis(c echo.Context) error {
	app, userID, err := h.appUser(c)
	if err != nil {
		return err
	}
	msg, err := models.ParseMissedMessage(c.QueryParam)
	if err != nil {
		return err
	}
	v, err := h.diagnoser.Diagnose(c.Request().Context(), app.ID, userID, msg, h.now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, v)
}

type reportJSON struct {
	ID       string         `json:"id"`
	URL      string         `json:"url"`
	UserID   string         `json:"user_id"`
	Operator string         `json:"operator"`
	Verdict  models.Verdict `json:"verdict"`
	Markdown string         `json:"markdown"`
}

// apiCreateReport freezes the verdict behind a permalink, with the same
// optional message description as the diagnosis.
func (h *Handler) apiCreateReport(c echo.Context) error {
	app, userID, err := h.appUser(c)
	if err != nil {
		return err
	}
	msg, err := models.ParseMissedMessage(c.QueryParam)
	if err != nil {
		return err
	}
	r, err := h.createReport(c, app, userID, msg)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, h.toReportJSON(c, app, r))
}

func (h *Handler) apiReport(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	r, err := h.reports.ReportByID(c.Request().Context(), app.ID, c.Param("report"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, h.toReportJSON(c, app, r))
}

func (h *Handler) toReportJSON(c echo.Context, app models.App, r models.Report) reportJSON {
	url := h.reportURL(c, app.ID, r.ID)
	return reportJSON{ID: r.ID, URL: url, UserID: r.UserID, Operator: r.OperatorEmail, Verdict: r.Verdict, Markdown: r.Verdict.Markdown(app.Name, url)}
}
