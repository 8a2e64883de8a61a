package apns

import (
	"context"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// probeToken is a well-formed token no device has. APNs checks the
// provider's credentials before the token, so only a correctly
// authenticated client is told BadDeviceToken for it.
const probeToken = "0000000000000000000000000000000000000000000000000000000000000000"

// Check sends to the probe token and reads who APNs says we are.
func (ch *Channel) Check(ctx context.Context, c models.Certificate, secrets models.CertificateSecrets) vendors.CheckResult {
	r := ch.Send(ctx, c, secrets, vendors.Message{Title: "pushcheck connection test"}, probeToken)
	switch {
	case r.Code == "BadDeviceToken" || r.Outcome == vendors.Accepted:
		return vendors.CheckResult{OK: true, Message: "APNs authenticated the credentials for " + c.Settings.BundleID + " (it rejected a probe token, as it only tells authenticated clients)"}
	case r.Outcome == vendors.Failed:
		return vendors.CheckResult{Message: r.Explanation}
	}
	return vendors.CheckResult{Message: r.Code + ": " + r.Explanation + " — " + r.Fix}
}
