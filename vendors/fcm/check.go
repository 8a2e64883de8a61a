package fcm

import (
	"context"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// probeToken names no device. A validate-only send to it needs a working
// token exchange and FCM permission, then fails only on the token.
const probeToken = "pushcheck-connection-test"

// Check exchanges the service account for an access token and validates
// (dry run) a message with it.
func (ch *Channel) Check(ctx context.Context, c models.Certificate, secrets models.CertificateSecrets) vendors.CheckResult {
	r := ch.Send(ctx, c, secrets, vendors.Message{Title: "pushcheck connection test", DryRun: true}, probeToken)
	switch {
	case r.Outcome == vendors.Validated || r.Outcome == vendors.Accepted || r.Code == "INVALID_ARGUMENT" || r.Code == "UNREGISTERED":
		return vendors.CheckResult{OK: true, Message: "Google issued an access token for " + c.Settings.ClientEmail + " and FCM accepted it for project " + c.Settings.ProjectID}
	case r.Outcome == vendors.Failed:
		return vendors.CheckResult{Message: r.Explanation}
	}
	return vendors.CheckResult{Message: r.Code + ": " + r.Explanation + " — " + r.Fix}
}
