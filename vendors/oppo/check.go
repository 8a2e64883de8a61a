package oppo

import (
	"context"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Check makes OPPO's auth call, which proves the AppKey and MasterSecret
// without sending anything; the region's host is the certificate's.
func (ch *Channel) Check(ctx context.Context, c models.Certificate, secrets models.CertificateSecrets) vendors.CheckResult {
	client, err := ch.connector.HTTPClient(c, secrets)
	if err != nil {
		return vendors.CheckResult{Message: err.Error()}
	}
	host := hostCN
	if c.Settings.Region == "intl" {
		host = hostIntl
	}
	ctx, cancel := context.WithTimeout(ctx, ch.connector.CallTimeout())
	defer cancel()
	_, err = fetchToken(client, host, c, secrets)(ctx)
	return vendors.AuthCheck(err, "OPPO ("+host+") issued an auth_token for AppKey "+c.Settings.AppKey, explainAuth)
}
