package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

func (h *Handler) registerDeviceRoutes(g *echo.Group) {
	g.GET("/apps/:app/devices", h.listDevices)
	g.GET("/apps/:app/devices/:device", h.showDevice)
}

// timelineShown bounds the device page's timeline.
const timelineShown = 100

func (h *Handler) listDevices(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	p, err := h.page(c, tr(c).T("nav.devices"), "devices", &app)
	if err != nil {
		return err
	}
	view := views.DevicesView{Filters: map[string]string{}}
	for _, k := range []string{"vendor", "state", "platform", "certificate_id", "q", "before"} {
		view.Filters[k] = c.QueryParam(k)
	}
	status := http.StatusOK
	filter, err := models.ParseDeviceFilter(c.QueryParam)
	if e, ok := models.AsError(err); ok && e.Code == models.CodeInvalid {
		// Show the whole list with the problem, rather than an error page.
		view.Error, status = tr(c).Error(e), http.StatusBadRequest
		view.Filters = map[string]string{}
		filter, err = models.ParseDeviceFilter(func(string) string { return "" })
	}
	if err != nil {
		return err
	}
	filter.StaleBefore = h.now().Add(-h.cfg.StaleAfter)
	view.Filter = filter
	page, counts, err := h.devicePage(c, app.ID, filter)
	if err != nil {
		return err
	}
	view.Rows, view.Next, view.Counts = page.rows, page.next, counts
	return render(c, status, views.DevicesPage(p, view))
}

type devicePage struct {
	rows []views.DeviceRow
	next int64
}

func (h *Handler) devicePage(c echo.Context, appID int64, f models.DeviceFilter) (devicePage, models.DeviceCounts, error) {
	ctx := c.Request().Context()
	list, err := h.devices.ListDevices(ctx, appID, f)
	if err != nil {
		return devicePage{}, models.DeviceCounts{}, err
	}
	counts, err := h.devices.CountDevices(ctx, appID, f)
	if err != nil {
		return devicePage{}, models.DeviceCounts{}, err
	}
	rows, err := h.deviceRows(c, appID, list.Devices)
	if err != nil {
		return devicePage{}, models.DeviceCounts{}, err
	}
	return devicePage{rows: rows, next: list.Next}, counts, nil
}

func (h *Handler) showDevice(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	view, err := h.deviceView(c, app.ID)
	if err != nil {
		return err
	}
	p, err := h.page(c, views.DeviceTitle(view.Row.Device), "devices", &app)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.DevicePage(p, view))
}

func (h *Handler) deviceView(c echo.Context, appID int64) (views.DeviceView, error) {
	deviceID, err := pathUnescape(c.Param("device"))
	if err != nil {
		return views.DeviceView{}, err
	}
	d, err := h.devices.DeviceByDeviceID(c.Request().Context(), appID, deviceID)
	if err != nil {
		return views.DeviceView{}, err
	}
	rows, err := h.deviceRows(c, appID, []models.Device{d})
	if err != nil {
		return views.DeviceView{}, err
	}
	timeline, err := h.devices.DeviceTimeline(c.Request().Context(), d.ID, 0, timelineShown)
	if err != nil {
		return views.DeviceView{}, err
	}
	verdict, err := h.diagnoser.DiagnoseOne(c.Request().Context(), d, h.now())
	if err != nil {
		return views.DeviceView{}, err
	}
	return views.DeviceView{Row: rows[0], Verdict: verdict, Timeline: timeline}, nil
}
