package vivo

import (
	"context"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Check makes vivo's auth call, which proves the AppID, AppKey and
// AppSecret without sending anything.
func (ch *Channel) Check(ctx context.Context, c models.Certificate, secrets models.CertificateSecrets) vendors.CheckResult {
	client, err := ch.connector.HTTPClient(c, secrets)
	if err != nil {
		return vendors.CheckResult{Message: err.Error()}
	}
	ctx, cancel := context.WithTimeout(ctx, ch.connector.CallTimeout())
	defer cancel()
	_, err = fetchToken(client, c, secrets)(ctx)
	return vendors.AuthCheck(err, "vivo issued an authToken for AppID "+c.Settings.AppID, explainAuth)
}
