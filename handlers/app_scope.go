package handlers

import (
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// appParam loads the app named by the :app path parameter.
func (h *Handler) appParam(c echo.Context) (models.App, error) {
	id, err := appIDParam(c)
	if err != nil {
		return models.App{}, err
	}
	return h.apps.AppByID(c.Request().Context(), id)
}

// appIDParam reads the :app path parameter without loading the app.
func appIDParam(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("app"), 10, 64)
	if err != nil || id <= 0 {
		return 0, models.NotFound("app %q does not exist", c.Param("app"))
	}
	return id, nil
}

// appUser loads the :app path parameter and decodes :user.
func (h *Handler) appUser(c echo.Context) (models.App, string, error) {
	app, err := h.appParam(c)
	if err != nil {
		return models.App{}, "", err
	}
	userID, err := pathUnescape(c.Param("user"))
	return app, userID, err
}

// deviceRows adds to each device what pages and the API show beside it: its
// certificate (one query for all), staleness and reachability.
func (h *Handler) deviceRows(c echo.Context, appID int64, devices []models.Device) ([]views.DeviceRow, error) {
	var ids []int64
	for _, d := range devices {
		if d.CertificateID != nil {
			ids = append(ids, *d.CertificateID)
		}
	}
	certs, err := h.certificates.KnownCertificates(c.Request().Context(), appID, ids)
	if err != nil {
		return nil, err
	}
	now := h.now()
	rows := make([]views.DeviceRow, len(devices))
	for i, d := range devices {
		var cert *models.Certificate
		if d.CertificateID != nil {
			if c, ok := certs[*d.CertificateID]; ok {
				cert = &c
			}
		}
		rows[i] = views.DeviceRow{
			Device: d, Certificate: cert, Stale: d.Stale(now, h.cfg.StaleAfter),
			Reachability: models.ReachabilityOf(d, cert != nil, now, h.cfg.StaleAfter),
		}
	}
	return rows, nil
}
