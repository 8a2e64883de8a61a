package huawei

import (
	"context"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Check gets an access token and validates (validate_only) a message to a
// token no device has: Huawei answers 80300007 only to an app it
// authenticated and lets send.
func (ch *Channel) Check(ctx context.Context, c models.Certificate, secrets models.CertificateSecrets) vendors.CheckResult {
	r := ch.Send(ctx, c, secrets, vendors.Message{Title: "pushcheck connection test", Desc: "connection test", DryRun: true}, vendors.ProbeToken)
	return vendors.ProbeCheck(r, "Huawei issued an access token for client "+c.Settings.ClientID+" and Push Kit accepted it (a probe token was refused, as only authenticated senders are told)",
		"80300007", "80100000")
}
