package handlers

import (
	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// page gathers what the layout needs: who is signed in, the CSRF token,
// the apps for the header's switcher, and for admins the certificates
// needing attention.
func (h *Handler) page(c echo.Context, title, nav string, app *models.App) (views.Page, error) {
	p := h.pageOrAnonymous(c, title)
	p.Nav, p.App = nav, app
	if p.Operator == nil {
		return p, nil
	}
	apps, err := h.apps.Apps(c.Request().Context())
	if err != nil {
		return p, err
	}
	p.Apps = apps
	if p.Can(models.RoleAdmin) {
		// Admins renew and fix certificates, so every page tells them.
		if p.Alerts, err = h.certificateAlerts(c); err != nil {
			return p, err
		}
	}
	return p, nil
}

// pageOrAnonymous builds a page without touching the database, for error
// pages and the sign-in forms.
func (h *Handler) pageOrAnonymous(c echo.Context, title string) views.Page {
	p := views.Page{Title: title, Now: h.now(), Version: h.cfg.Version, StaleAfter: h.cfg.StaleAfter}
	if op, ok := c.Get(operatorKey).(models.Operator); ok {
		p.Operator = &op
	}
	if sess, ok := c.Get(sessionKey).(models.Session); ok {
		p.CSRF = sess.CSRFToken
	}
	return p
}
