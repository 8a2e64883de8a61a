package handlers

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
)

// The app acknowledges a test push with the delivery ID it found in the
// push's payload (pushcheck_delivery_id), authenticated by the app's API
// key like its device reports.
func (h *Handler) registerAckRoutes(g *echo.Group) {
	g.POST("/:delivery/ack", h.ackDelivery)
}

type ackRequest struct {
	Stage string `json:"stage"` // received | displayed | clicked
	At    string `json:"at"`    // RFC 3339; empty: now
}

type ackJSON struct {
	DeliveryID string    `json:"delivery_id"`
	PushID     int64     `json:"push_id"`
	Stage      string    `json:"stage"`
	StageAt    time.Time `json:"stage_at"`
}

func (h *Handler) ackDelivery(c echo.Context) error {
	app := deviceApp(c)
	var req ackRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	stage := models.Stage(strings.TrimSpace(req.Stage))
	if !slices.Contains(models.AckStages(), stage) {
		return models.Invalid("stage", "stage must be received, displayed or clicked")
	}
	now := h.now()
	at := now
	if req.At != "" {
		t, err := time.Parse(time.RFC3339, req.At)
		if err != nil {
			return models.Invalid("at", "at must be an RFC 3339 time, e.g. 2026-11-22T08:00:00Z")
		}
		if t.After(now.Add(time.Minute)) {
			return models.Invalid("at", "at is in the future; is the phone's clock right?")
		}
		at = t
	}
	raw := `{"stage":"` + string(stage) + `","at":"` + at.UTC().Format(time.RFC3339Nano) + `"}`
	d, err := h.pushes.Ack(c.Request().Context(), app.ID, c.Param("delivery"), stage, at, raw)
	if err != nil {
		return err
	}
	h.metrics.Acked(d.Vendor, stage)
	out := ackJSON{DeliveryID: d.ID, PushID: d.PushID, Stage: string(d.Stage)}
	if d.StageAt != nil {
		out.StageAt = *d.StageAt
	}
	return c.JSON(http.StatusOK, out)
}
