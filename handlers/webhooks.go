package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// Admins point an app's certificate alerts at a chat webhook on the app's
// settings page, and send it a test message.
func (h *Handler) registerWebhookRoutes(admin *echo.Group) {
	admin.POST("/apps/:app/webhook", h.saveWebhook)
	admin.POST("/apps/:app/webhook/test", h.testWebhook)
	admin.POST("/apps/:app/webhook/delete", h.deleteWebhook)
}

// webhookFormInput reads the settings form: an empty URL or secret keeps
// the stored one, "remove secret" clears it.
func webhookFormInput(c echo.Context) models.WebhookInput {
	in := models.WebhookInput{Kind: c.FormValue("kind")}
	if u := c.FormValue("url"); u != "" {
		in.URL = &u
	}
	if s := c.FormValue("secret"); s != "" {
		in.Secret = &s
	}
	if c.FormValue("remove_secret") != "" {
		empty := ""
		in.Secret = &empty
	}
	return in
}

func (h *Handler) saveWebhook(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	in := webhookFormInput(c)
	w, err := h.storeWebhook(c, app, in)
	if e, ok := models.AsError(err); ok && e.Code == models.CodeInvalid {
		return h.renderAppSettings(c, app, http.StatusBadRequest, views.AppSettingsView{
			Webhook: views.WebhookForm{Kind: models.WebhookKind(in.Kind), URL: c.FormValue("url"), Error: tr(c).Error(e), ErrorField: e.Field}})
	}
	if err != nil {
		return err
	}
	h.log.InfoContext(c.Request().Context(), "alert webhook saved", "app_id", app.ID, "kind", w.Kind, "operator", currentOperator(c).Email)
	return c.Redirect(http.StatusSeeOther, views.AppPath(app.ID, "/settings#webhook"))
}

func (h *Handler) testWebhook(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	d, err := h.sendTestMessage(c, app)
	if err != nil {
		return err
	}
	return h.renderAppSettings(c, app, http.StatusOK, views.AppSettingsView{Webhook: views.WebhookForm{Sent: &d}})
}

// sendTestMessage posts the test message and audits it with its outcome.
func (h *Handler) sendTestMessage(c echo.Context, app models.App) (models.WebhookDelivery, error) {
	d, err := h.alerts.SendTestMessage(c.Request().Context(), app, h.now())
	outcome := outcomeOf(err)
	if err == nil && !d.OK {
		outcome = "failed: " + d.Message
	}
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: models.AuditWebhookTest, Target: app.Name, Outcome: outcome})
	return d, err
}

func (h *Handler) deleteWebhook(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	if err := h.removeWebhook(c, app); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.AppPath(app.ID, "/settings#webhook"))
}

// storeWebhook saves the app's webhook and audits it with the kind and
// the masked URL: the URL itself and the secret never reach the log.
func (h *Handler) storeWebhook(c echo.Context, app models.App, in models.WebhookInput) (models.AlertWebhook, error) {
	w, err := h.alerts.SaveWebhook(c.Request().Context(), app.ID, in)
	detail := ""
	if err == nil {
		detail = string(w.Kind) + " " + w.URLShown
	}
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: models.AuditWebhookUpdate, Target: app.Name, Detail: detail, Outcome: outcomeOf(err)})
	return w, err
}

// removeWebhook deletes the app's webhook and audits it.
func (h *Handler) removeWebhook(c echo.Context, app models.App) error {
	err := h.alerts.DeleteWebhook(c.Request().Context(), app.ID)
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: models.AuditWebhookDelete, Target: app.Name, Outcome: outcomeOf(err)})
	return err
}

// webhookOf is the app's webhook; ok is false when it has none.
func (h *Handler) webhookOf(c echo.Context, appID int64) (w models.AlertWebhook, ok bool, err error) {
	w, err = h.alerts.Webhook(c.Request().Context(), appID)
	if models.ErrorCode(err) == models.CodeNotFound {
		return w, false, nil
	}
	return w, err == nil, err
}

// certificateAlerts is what the pages show: every app's alerts in the
// admins' banner, the current app's on its home page.
func (h *Handler) certificateAlerts(c echo.Context) ([]models.CertificateAlert, error) {
	return h.alerts.Current(c.Request().Context(), h.now())
}

// alertsOfApp keeps one app's alerts.
func alertsOfApp(all []models.CertificateAlert, appID int64) []models.CertificateAlert {
	var out []models.CertificateAlert
	for _, a := range all {
		if a.Certificate.AppID == appID {
			out = append(out, a)
		}
	}
	return out
}
