package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// The device side of the API: the app (or the IM server for it) reports the
// push binding and the app state. This is the hot path.
func (h *Handler) registerDeviceAPIRoutes(g *echo.Group) {
	g.PUT("/:device", h.apiRegisterDevice)
	g.POST("/:device/state", h.apiReportState)
	g.POST("/:device/logout", h.apiLogout)
	g.DELETE("/:device", h.apiDeleteDevice)
}

func deviceApp(c echo.Context) models.App { return c.Get(appKey).(models.App) }

type registrationReply struct {
	deviceJSON
	Warnings []warningJSON `json:"warnings"`
}

func (h *Handler) apiRegisterDevice(c echo.Context) error {
	deviceID, err := pathUnescape(c.Param("device"))
	if err != nil {
		return err
	}
	var reg models.Registration
	if err := decodeJSON(c, &reg); err != nil {
		return err
	}
	app := deviceApp(c)
	d, err := h.devices.RegisterDevice(c.Request().Context(), app.ID, deviceID, reg, h.now())
	if err != nil {
		return err
	}
	rows, err := h.deviceRows(c, app.ID, []models.Device{d})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, registrationReply{deviceJSON: toDeviceJSON(rows[0]), Warnings: registrationWarnings(c, rows[0])})
}

// registrationWarnings tell the app developer, at integration time, about a
// report that was accepted as evidence but will not lead to pushes. The
// code stays; the message follows Accept-Language.
func registrationWarnings(c echo.Context, r views.DeviceRow) []warningJSON {
	loc, ctx := tr(c), c.Request().Context()
	w := []warningJSON{}
	d := r.Device
	switch {
	case d.CertificateID == nil:
		w = append(w, warningJSON{"certificate_missing", loc.T("device_api.warning.certificate_missing")})
	case r.Certificate == nil:
		w = append(w, warningJSON{"certificate_unknown", loc.Tf("device_api.warning.certificate_unknown", "Certificate", *d.CertificateID)})
	case r.Certificate.Vendor != d.Vendor:
		w = append(w, warningJSON{"certificate_vendor_mismatch", loc.Tf("device_api.warning.certificate_vendor_mismatch",
			"Certificate", *d.CertificateID, "CertificateVendor", views.VendorLabel(ctx, r.Certificate.Vendor), "TokenVendor", views.VendorLabel(ctx, d.Vendor))})
	}
	if d.Vendor == models.VendorAPNs && d.Environment == "" {
		w = append(w, warningJSON{"environment_missing", loc.T("device_api.warning.environment_missing")})
	}
	if d.NotificationsEnabled != nil && !*d.NotificationsEnabled {
		w = append(w, warningJSON{"notifications_disabled", loc.T("device_api.warning.notifications_disabled")})
	}
	return w
}

func (h *Handler) apiReportState(c echo.Context) error {
	deviceID, err := pathUnescape(c.Param("device"))
	if err != nil {
		return err
	}
	var report models.StateReport
	if err := decodeJSON(c, &report); err != nil {
		return err
	}
	d, err := h.devices.ReportState(c.Request().Context(), deviceApp(c).ID, deviceID, report, h.now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"device_id": d.DeviceID, "state": d.State, "unread": d.Unread, "state_since": d.StateSince})
}

func (h *Handler) apiLogout(c echo.Context) error {
	deviceID, err := pathUnescape(c.Param("device"))
	if err != nil {
		return err
	}
	var report models.LogoutReport
	if c.Request().ContentLength != 0 {
		if err := decodeJSON(c, &report); err != nil {
			return err
		}
	}
	d, err := h.devices.LogoutDevice(c.Request().Context(), deviceApp(c).ID, deviceID, report, h.now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"device_id": d.DeviceID, "state": d.State, "state_since": d.StateSince})
}

func (h *Handler) apiDeleteDevice(c echo.Context) error {
	deviceID, err := pathUnescape(c.Param("device"))
	if err != nil {
		return err
	}
	if err := h.devices.DeleteDevice(c.Request().Context(), deviceApp(c).ID, deviceID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
