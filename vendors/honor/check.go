package honor

import (
	"context"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Check gets an access token and sends to a token no device has: Honor
// lists it in expireTokens or failTokens only for an app it authenticated.
func (ch *Channel) Check(ctx context.Context, c models.Certificate, secrets models.CertificateSecrets) vendors.CheckResult {
	r := ch.Send(ctx, c, secrets, vendors.Message{Title: "pushcheck connection test", Desc: "connection test"}, vendors.ProbeToken)
	return vendors.ProbeCheck(r, "Honor issued an access token for client "+c.Settings.ClientID+" and Honor Push accepted it for app "+c.Settings.AppID+" (a probe token was refused)",
		"failToken", "80300007")
}
