package meizu

import (
	"context"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Check sends to a pushId no device has. Flyme has no token to request:
// it checks the sign first (1006), so only an authenticated request gets
// as far as reporting the pushId illegal, and nothing is delivered.
func (ch *Channel) Check(ctx context.Context, c models.Certificate, secrets models.CertificateSecrets) vendors.CheckResult {
	r := ch.Send(ctx, c, secrets, vendors.Message{Title: "pushcheck test", Desc: "connection test"}, vendors.ProbeToken)
	return vendors.ProbeCheck(r, "Flyme Push ("+hostOf(c.Settings.Region)+") accepted the signature of AppID "+c.Settings.AppID+" (a probe pushId was refused)")
}
