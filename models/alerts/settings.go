package alerts

import (
	"context"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// Webhook is the app's webhook as admins see it: kind, masked URL,
// whether a secret is set, the last delivery.
func (s *Service) Webhook(ctx context.Context, appID int64) (models.AlertWebhook, error) {
	return s.store.WebhookOfApp(ctx, appID)
}

// SaveWebhook creates or changes the app's webhook: the input is checked,
// merged with what is stored (an omitted URL or secret keeps its value),
// and the URL and secret are sealed.
func (s *Service) SaveWebhook(ctx context.Context, appID int64, in models.WebhookInput) (models.AlertWebhook, error) {
	w, err := s.store.WebhookOfApp(ctx, appID)
	exists := err == nil
	switch {
	case models.ErrorCode(err) == models.CodeNotFound:
		w = models.AlertWebhook{AppID: appID}
	case err != nil:
		return models.AlertWebhook{}, err
	}
	var ws models.WebhookSecrets
	if exists {
		if ws, err = s.sealer.OpenWebhookSecrets(w); err != nil {
			return models.AlertWebhook{}, err
		}
	}
	if err := in.Apply(&w, &ws, exists); err != nil {
		return models.AlertWebhook{}, err
	}
	if w.Sealed, err = s.sealer.SealWebhookSecrets(appID, ws); err != nil {
		return models.AlertWebhook{}, err
	}
	return s.store.SaveWebhook(ctx, w)
}

// DeleteWebhook stops posting the app's alerts anywhere.
func (s *Service) DeleteWebhook(ctx context.Context, appID int64) error {
	return s.store.DeleteWebhook(ctx, appID)
}

// SendTestMessage posts a test message to the app's webhook and records
// the delivery like the check's. The returned delivery says whether the
// platform took it.
func (s *Service) SendTestMessage(ctx context.Context, app models.App, now time.Time) (models.WebhookDelivery, error) {
	w, err := s.store.WebhookOfApp(ctx, app.ID)
	if err != nil {
		return models.WebhookDelivery{}, err
	}
	d, err := s.deliver(ctx, w, testMessage(s.say(w.Kind), app, s.consoleURL, now))
	if err == nil && !d.OK {
		s.log.WarnContext(ctx, "alerts: test message refused", "app_id", app.ID, "kind", w.Kind, "reason", d.Message)
	}
	return d, err
}
