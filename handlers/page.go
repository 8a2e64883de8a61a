package handlers

import (
	"github.com/labstack/echo/v4"
	"golang.org/x/sync/errgroup"

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
	// The apps and the certificate alerts are read side by side, each
	// into its own variable (p is copied by its methods).
	var (
		apps   []models.App
		alerts []models.CertificateAlert
		g      errgroup.Group
	)
	g.Go(func() (err error) {
		apps, err = h.apps.Apps(c.Request().Context())
		return err
	})
	if p.Can(models.RoleAdmin) {
		// Admins renew and fix certificates, so every page tells them.
		g.Go(func() (err error) {
			alerts, err = h.certificateAlerts(c)
			return err
		})
	}
	err := g.Wait()
	p.Apps, p.Alerts = apps, alerts
	return p, err
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
