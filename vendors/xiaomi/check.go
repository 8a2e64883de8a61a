package xiaomi

import (
	"context"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Check sends to a regId no device has: Xiaomi checks the AppSecret and
// package first, and answers "No valid targets" only to an authenticated
// app, so nothing is delivered and the credentials are proven.
func (ch *Channel) Check(ctx context.Context, c models.Certificate, secrets models.CertificateSecrets) vendors.CheckResult {
	r := ch.Send(ctx, c, secrets, vendors.Message{Title: "pushcheck connection test", Desc: "connection test"}, vendors.ProbeToken)
	return vendors.ProbeCheck(r, "Mi Push ("+hostOf(c.Settings.Region)+") accepted the AppSecret for "+c.Settings.PackageName+" (a probe regId was refused)", "20301")
}
