package handlers

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
)

// The app's alert webhook through the API, for admins: the same checks
// and sealing as the settings page.
func (h *Handler) registerWebhookAPIRoutes(g *echo.Group) {
	admin := requireRole(models.RoleAdmin)
	g.GET("/:app/webhook", h.apiWebhook, admin)
	g.PUT("/:app/webhook", h.apiSaveWebhook, admin)
	g.DELETE("/:app/webhook", h.apiDeleteWebhook, admin)
	g.POST("/:app/webhook/test", h.apiTestWebhook, admin)
}

// webhookJSON shows a webhook without its secrets: the URL masked,
// whether a signing secret is set.
type webhookJSON struct {
	Kind         models.WebhookKind   `json:"kind"`
	URL          string               `json:"url"`
	SecretSet    bool                 `json:"secret_set"`
	LastDelivery *webhookDeliveryJSON `json:"last_delivery"`
	UpdatedAt    time.Time            `json:"updated_at"`
}

type webhookDeliveryJSON struct {
	OK      bool      `json:"ok"`
	Message string    `json:"message"`
	At      time.Time `json:"at"`
}

func toWebhookJSON(w models.AlertWebhook) webhookJSON {
	out := webhookJSON{Kind: w.Kind, URL: w.URLShown, SecretSet: w.SecretSet, UpdatedAt: w.UpdatedAt}
	if w.LastDeliveryAt != nil {
		out.LastDelivery = &webhookDeliveryJSON{OK: w.LastDeliveryOK != nil && *w.LastDeliveryOK, Message: w.LastDeliveryMessage, At: *w.LastDeliveryAt}
	}
	return out
}

func (h *Handler) apiWebhook(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	w, err := h.alerts.Webhook(c.Request().Context(), app.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toWebhookJSON(w))
}

func (h *Handler) apiSaveWebhook(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	var in models.WebhookInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	w, err := h.storeWebhook(c, app, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toWebhookJSON(w))
}

func (h *Handler) apiDeleteWebhook(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	if err := h.removeWebhook(c, app); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// apiTestWebhook answers 200 with how the post ended: a platform that
// refuses the message is the answer, not an error of this request.
func (h *Handler) apiTestWebhook(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	d, err := h.sendTestMessage(c, app)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, webhookDeliveryJSON{OK: d.OK, Message: d.Message, At: d.At})
}
