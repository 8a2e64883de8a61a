package handlers

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// The push-check page is the home page: one search box for a user ID.
func (h *Handler) registerHomeRoutes(g *echo.Group) {
	g.GET("/", h.root)
	g.GET("/apps/:app", h.home)
	g.GET("/apps/:app/lookup", h.lookup)
}

// root sends the operator to the first app's push check.
func (h *Handler) root(c echo.Context) error {
	apps, err := h.apps.Apps(c.Request().Context())
	if err != nil {
		return err
	}
	if len(apps) == 0 {
		p, err := h.page(c, tr(c).T("home.no_apps"), "check", nil)
		if err != nil {
			return err
		}
		return render(c, http.StatusOK, views.NoAppsPage(p))
	}
	return c.Redirect(http.StatusSeeOther, views.AppPath(apps[0].ID, ""))
}

func (h *Handler) home(c echo.Context) error {
	return h.renderHome(c, http.StatusOK, "", "")
}

func (h *Handler) renderHome(c echo.Context, status int, query, errMessage string) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	p, err := h.page(c, tr(c).T("nav.check"), "check", &app)
	if err != nil {
		return err
	}
	all := p.Alerts // an admin's page has them already
	if !p.Can(models.RoleAdmin) {
		if all, err = h.certificateAlerts(c); err != nil {
			return err
		}
	}
	return render(c, status, views.HomePage(p, query, errMessage, h.recentUsers(c, app.ID), alertsOfApp(all, app.ID)))
}

// lookup turns the search form into the user's own URL, which support
// engineers paste into tickets.
func (h *Handler) lookup(c echo.Context) error {
	user := strings.TrimSpace(c.QueryParam("user"))
	if err := models.ValidateUserID(user); err != nil {
		e, _ := models.AsError(err)
		return h.renderHome(c, http.StatusBadRequest, user, tr(c).Error(e))
	}
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.UserPath(app.ID, user))
}
