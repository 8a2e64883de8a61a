package handlers

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
)

func (h *Handler) registerPushAPIRoutes(g *echo.Group) {
	g.POST("/:app/pushes", h.apiSendPush, requireRole(models.RoleOperator))
	g.POST("/:app/pushes/lint", h.apiLintPush, requireRole(models.RoleOperator))
	g.GET("/:app/pushes", h.apiListPushes)
	g.GET("/:app/pushes/:push", h.apiPush)
}

type deliveryJSON struct {
	ID              string           `json:"id"`
	DeviceID        string           `json:"device_id"`
	UserID          string           `json:"user_id"`
	Vendor          string           `json:"vendor"`
	CertificateID   *int64           `json:"certificate_id"`
	Class           string           `json:"class,omitempty"`
	Status          string           `json:"status"`
	HTTPStatus      int              `json:"http_status,omitempty"`
	Code            string           `json:"code"`
	Explanation     string           `json:"explanation"`
	Fix             string           `json:"fix"`
	VendorMessageID string           `json:"vendor_message_id"`
	UniqueID        string           `json:"apns_unique_id,omitempty"`
	LatencyMS       int64            `json:"latency_ms"`
	Request         string           `json:"request,omitempty"`
	Response        string           `json:"response,omitempty"`
	Warnings        []models.Warning `json:"warnings"`
}

type pushJSON struct {
	ID         int64              `json:"id"`
	Target     string             `json:"target"`
	Mode       string             `json:"mode"`
	DryRun     bool               `json:"dry_run"`
	Operator   string             `json:"operator"`
	Message    models.PushMessage `json:"message"`
	CreatedAt  time.Time          `json:"created_at"`
	Deliveries []deliveryJSON     `json:"deliveries,omitempty"`
}

func (h *Handler) toPushJSON(p models.Push, ds []models.Delivery) pushJSON {
	out := pushJSON{ID: p.ID, Target: p.Target, Mode: string(p.Mode), DryRun: p.DryRun, Operator: p.OperatorEmail, Message: p.Message, CreatedAt: p.CreatedAt}
	now := h.now()
	for _, d := range ds {
		out.Deliveries = append(out.Deliveries, deliveryJSON{
			ID: d.ID, DeviceID: d.DeviceID, UserID: d.UserID, Vendor: string(d.Vendor), CertificateID: d.CertificateID, Class: string(d.Class),
			Status: string(d.Shown(now)), HTTPStatus: d.HTTPStatus, Code: d.Code, Explanation: d.Explanation, Fix: d.Fix,
			VendorMessageID: d.VendorMessageID, UniqueID: d.UniqueID, LatencyMS: d.LatencyMS, Request: d.Request, Response: d.Response,
			Warnings: d.Warnings,
		})
	}
	return out
}

func (h *Handler) apiSendPush(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	var req models.PushRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	push, deliveries, err := h.dispatch.Send(c.Request().Context(), app, currentOperator(c), req)
	if err != nil {
		return err
	}
	h.log.Info("test push sent", "app_id", app.ID, "push_id", push.ID, "target", push.Target, "operator", currentOperator(c).Email, "request_id", requestIDOf(c))
	return c.JSON(http.StatusCreated, h.toPushJSON(push, deliveries))
}

func (h *Handler) apiPush(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(c.Param("push"), 10, 64)
	if err != nil {
		return models.NotFound("push %q does not exist", c.Param("push"))
	}
	push, deliveries, err := h.store.PushByID(c.Request().Context(), app.ID, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, h.toPushJSON(push, deliveries))
}

func (h *Handler) apiListPushes(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	var before int64
	if v := c.QueryParam("before"); v != "" {
		if before, err = strconv.ParseInt(v, 10, 64); err != nil {
			return models.Invalid("before", "before must be a push ID")
		}
	}
	pushes, err := h.store.Pushes(c.Request().Context(), app.ID, before, 50)
	if err != nil {
		return err
	}
	out := make([]pushJSON, len(pushes))
	for i, p := range pushes {
		out[i] = h.toPushJSON(p, nil)
	}
	return c.JSON(http.StatusOK, map[string]any{"pushes": out})
}
