package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
)

// The operator side of the API: the push-check view as JSON, for scripts and
// CI. Every connector checks the token's role on the server.
func (h *Handler) registerOperatorAPIRoutes(g *echo.Group) {
	g.GET("", h.apiListApps)
	g.POST("", h.apiCreateApp, requireRole(models.RoleAdmin))
	g.GET("/:app/users/:user/devices", h.apiUserDevices)
	g.GET("/:app/devices", h.apiListDevices)
	g.GET("/:app/devices/:device", h.apiDevice)
	h.registerCertificateAPIRoutes(g)
	h.registerPushAPIRoutes(g)
	h.registerDiagnosisAPIRoutes(g)
	h.registerLimitAPIRoutes(g)
	h.registerGroupAPIRoutes(g)
	h.registerPhoneAPIRoutes(g)
	h.registerWebhookAPIRoutes(g)
	h.registerSandboxRequestAPIRoutes(g)
}

type appJSON struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	APIKey    string `json:"api_key,omitempty"`
	CreatedAt string `json:"created_at"`
}

func (h *Handler) apiListApps(c echo.Context) error {
	apps, err := h.apps.Apps(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]appJSON, len(apps))
	for i, a := range apps {
		out[i] = appJSON{ID: a.ID, Name: a.Name, CreatedAt: a.CreatedAt.UTC().Format(timeFormat)}
	}
	return c.JSON(http.StatusOK, map[string]any{"apps": out})
}

const timeFormat = "2006-01-02T15:04:05Z07:00"

func (h *Handler) apiCreateApp(c echo.Context) error {
	var body struct {
		Name string `json:"name"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	ctx := c.Request().Context()
	app, secret, err := h.apps.CreateAppWithKey(ctx, body.Name)
	h.audit(c, models.AuditEntry{Action: models.AuditAppCreate, Target: body.Name, Outcome: outcomeOf(err)})
	if err != nil {
		return err
	}
	h.log.InfoContext(c.Request().Context(), "app created", "app_id", app.ID, "operator", currentOperator(c).Email)
	return c.JSON(http.StatusCreated, appJSON{ID: app.ID, Name: app.Name, APIKey: secret, CreatedAt: app.CreatedAt.UTC().Format(timeFormat)})
}

func (h *Handler) apiUserDevices(c echo.Context) error {
	app, userID, err := h.appUser(c)
	if err != nil {
		return err
	}
	view, err := h.userView(c, app, userID, models.MissedMessage{})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{
		"app_id":     app.ID,
		"user_id":    userID,
		"summary":    map[string]any{"devices": len(view.Devices), "reachable": view.Verdict.Verdict.Receiving(), "verdict": view.Verdict.Verdict.Summary},
		"devices":    toDevicesJSON(view.Devices),
		"moved_away": toEventsJSON(view.MovedAway),
	})
}

func (h *Handler) apiDevice(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	view, err := h.deviceView(c, app.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"device": toDeviceJSON(view.Row), "timeline": toEventsJSON(view.Timeline)})
}

func (h *Handler) apiListDevices(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	filter, err := models.ParseDeviceFilter(c.QueryParam)
	if err != nil {
		return err
	}
	filter.StaleBefore = h.now().Add(-h.cfg.StaleAfter)
	page, counts, err := h.devicePage(c, app.ID, filter)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{
		"devices":     toDevicesJSON(page.rows),
		"next_cursor": page.next,
		"counts":      toCountsJSON(counts),
	})
}

// countsJSON is the device list's counts. A number in at_least is a lower
// bound: counting it stopped at a cap (10,000 for the fresh and stale
// split of a large app, 1,000 under a search).
type countsJSON struct {
	Total    int64                   `json:"total"`
	ByVendor map[models.Vendor]int64 `json:"by_vendor"`
	ByState  map[string]int64        `json:"by_state"`
	AtLeast  []string                `json:"at_least"`
}

func toCountsJSON(c models.DeviceCounts) countsJSON {
	out := countsJSON{Total: c.Total, ByVendor: c.ByVendor, ByState: c.ByState, AtLeast: []string{}}
	if c.TotalAtLeast {
		out.AtLeast = append(out.AtLeast, "total")
	}
	if c.VendorAtLeast {
		out.AtLeast = append(out.AtLeast, "by_vendor")
	}
	for _, st := range models.StateFilters() {
		if c.StateAtLeast[st] {
			out.AtLeast = append(out.AtLeast, "by_state."+st)
		}
	}
	return out
}
