package handlers

import (
	"fmt"
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
	return c.JSON(http.StatusOK, registrationReply{deviceJSON: toDeviceJSON(rows[0]), Warnings: registrationWarnings(rows[0])})
}

// registrationWarnings tell the app developer, at integration time, about a
// report that was accepted as evidence but will not lead to pushes.
func registrationWarnings(r views.DeviceRow) []warningJSON {
	w := []warningJSON{}
	d := r.Device
	switch {
	case d.CertificateID == nil:
		w = append(w, warningJSON{"certificate_missing", "no certificate_id reported: the IM server cannot choose vendor credentials for this token"})
	case r.Certificate == nil:
		w = append(w, warningJSON{"certificate_unknown", fmt.Sprintf("certificate %d does not exist in this app: use an ID from the Certificates page", *d.CertificateID)})
	case r.Certificate.Vendor != d.Vendor:
		w = append(w, warningJSON{"certificate_vendor_mismatch", fmt.Sprintf("certificate %d is for %s, but the token is from %s", *d.CertificateID, r.Certificate.Vendor.Label(), d.Vendor.Label())})
	}
	if d.Vendor == models.VendorAPNs && d.Environment == "" {
		w = append(w, warningJSON{"environment_missing", "report environment (development or production) so a sandbox/production mismatch can be diagnosed"})
	}
	if d.NotificationsEnabled != nil && !*d.NotificationsEnabled {
		w = append(w, warningJSON{"notifications_disabled", "the user has turned notifications off: pushes are accepted but not shown"})
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
