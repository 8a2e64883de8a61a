package handlers

import (
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// A push's page shows each device's trace and keeps it live; Replay sends
// the same message again.
func (h *Handler) registerPushPageRoutes(g *echo.Group) {
	g.GET("/apps/:app/pushes/:push", h.pushPage)
	g.GET("/apps/:app/pushes/:push/live", h.pushLive)
	g.POST("/apps/:app/pushes/:push/replay", h.replayPush, requireRole(models.RoleOperator))
}

// pushParam finds the push the path names, with its deliveries.
func (h *Handler) pushParam(c echo.Context, app models.App) (models.Push, []models.Delivery, error) {
	id, err := strconv.ParseInt(c.Param("push"), 10, 64)
	if err != nil {
		return models.Push{}, nil, models.NotFound("push %q does not exist", c.Param("push"))
	}
	return h.pushes.PushByID(c.Request().Context(), app.ID, id)
}

// pageRows is the most deliveries a push's page draws (and redraws each
// second while live); the progress counts them all.
const pageRows = 200

// results gathers what a push's rows show: device names and traces.
func (h *Handler) results(ctx context.Context, appID int64, p models.Push, ds []models.Delivery) (views.PushResults, error) {
	r := views.PushResults{Push: p, Deliveries: ds}
	if len(ds) > pageRows {
		counted := models.ProgressOf(ds)
		r.Counted, r.Deliveries, r.Hidden = &counted, ds[:pageRows], len(ds)-pageRows
		ds = r.Deliveries
	}
	pks := make([]int64, len(ds))
	for i, d := range ds {
		pks[i] = d.DevicePK
	}
	var err error
	if r.Devices, err = h.devices.DevicesByPK(ctx, appID, pks); err != nil {
		return r, err
	}
	if r.Traces, err = h.traces(ctx, ds); err != nil {
		return r, err
	}
	return r, nil
}

// traces reads the deliveries' events.
func (h *Handler) traces(ctx context.Context, ds []models.Delivery) (map[string][]models.DeliveryEvent, error) {
	ids := make([]string, len(ds))
	for i, d := range ds {
		ids[i] = d.ID
	}
	return h.pushes.TracesOf(ctx, ids)
}

func (h *Handler) pushPage(c echo.Context) error {
	app, r, err := h.pushResultsParam(c)
	if err != nil {
		return err
	}
	r.Matrix = true
	p, err := h.page(c, tr(c).Tf("push.title", "ID", strconv.FormatInt(r.Push.ID, 10)), "history", &app)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.PushPage(p, r))
}

// pushLive is the fragment the open page polls.
func (h *Handler) pushLive(c echo.Context) error {
	app, r, err := h.pushResultsParam(c)
	if err != nil {
		return err
	}
	r.Matrix = c.QueryParam("matrix") == "1"
	p, err := h.page(c, "", "history", &app)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.PushLive(p, r))
}

// pushResultsParam reads the app and the push the path names, with what
// its rows show.
func (h *Handler) pushResultsParam(c echo.Context) (models.App, views.PushResults, error) {
	app, err := h.appParam(c)
	if err != nil {
		return app, views.PushResults{}, err
	}
	push, deliveries, err := h.pushParam(c, app)
	if err != nil {
		return app, views.PushResults{}, err
	}
	r, err := h.results(c.Request().Context(), app.ID, push, deliveries)
	return app, r, err
}

func (h *Handler) replayPush(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	original, deliveries, err := h.pushParam(c, app)
	if err != nil {
		return err
	}
	push, _, err := h.replay(c, app, original, deliveries)
	if e, ok := models.AsError(err); ok && e.Code == models.CodeInvalid {
		// The target may have changed since: say why on the original's page.
		r, err := h.results(c.Request().Context(), app.ID, original, deliveries)
		if err != nil {
			return err
		}
		r.Matrix, r.Error = true, tr(c).Tf("push_page.replay_refused", "Reason", tr(c).Error(e))
		p, err := h.page(c, tr(c).Tf("push.title", "ID", strconv.FormatInt(original.ID, 10)), "history", &app)
		if err != nil {
			return err
		}
		return render(c, http.StatusBadRequest, views.PushPage(p, r))
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.PushPath(app.ID, push.ID))
}

// replay sends a push's message again to the same target, and audits it.
func (h *Handler) replay(c echo.Context, app models.App, original models.Push, deliveries []models.Delivery) (models.Push, []models.Delivery, error) {
	ids := make([]string, len(deliveries))
	for i, d := range deliveries {
		ids[i] = d.DeviceID
	}
	req, err := models.ReplayOf(original, ids)
	if err != nil {
		return models.Push{}, nil, err
	}
	push, deliveries, err := h.sender.Send(c.Request().Context(), app, currentOperator(c), req)
	h.auditPush(c, app, models.AuditPushReplay, req, push, deliveries, err, "replay of push #"+strconv.FormatInt(original.ID, 10))
	return push, deliveries, err
}
