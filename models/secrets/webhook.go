package secrets

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/pushcheck/pushcheck/models"
)

// webhookContext binds a sealed webhook to its app, so a sealed value
// copied to another app's row does not open.
func webhookContext(appID int64) string {
	return "alert-webhook:" + strconv.FormatInt(appID, 10)
}

// SealWebhookSecrets encrypts an app's webhook URL and signing secret for
// storage.
func (s *Sealer) SealWebhookSecrets(appID int64, ws models.WebhookSecrets) (string, error) {
	plain, err := json.Marshal(ws)
	if err != nil {
		return "", fmt.Errorf("seal webhook of app %d: %w", appID, err)
	}
	return s.Seal(plain, webhookContext(appID))
}

// OpenWebhookSecrets decrypts a stored webhook's URL and secret.
func (s *Sealer) OpenWebhookSecrets(w models.AlertWebhook) (models.WebhookSecrets, error) {
	var ws models.WebhookSecrets
	plain, err := s.Open(w.Sealed, webhookContext(w.AppID))
	if err != nil {
		return ws, fmt.Errorf("webhook of app %d: %w", w.AppID, err)
	}
	if err := json.Unmarshal(plain, &ws); err != nil {
		return ws, fmt.Errorf("webhook of app %d: %w", w.AppID, err)
	}
	return ws, nil
}
