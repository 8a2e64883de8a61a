package harmony

import (
	"context"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Check signs a JWT with the certificate's key and sends a notification
// to a token no phone has (vendors.ProbeToken). Huawei checks the JWT
// before the tokens: an authorization error (80200001, 80200005,
// 80300036) or a project error (80300002) means the key or the project is
// wrong; a verdict on the token itself (80300007 with a reason such as
// tokenFormatError or noRight) is given only to a sender it authenticated,
// and notifies no one.
func (ch *Channel) Check(ctx context.Context, c models.Certificate, secrets models.CertificateSecrets) vendors.CheckResult {
	r := ch.Send(ctx, c, secrets, vendors.Message{Title: "pushcheck connection test", Desc: "connection test"}, vendors.ProbeToken)
	code, reason := splitReason(r.Code)
	switch {
	case reason != "" && r.Kind != models.AnswerAuth:
		return vendors.CheckResult{OK: true, Message: "Huawei took the JWT signed with key " + c.Settings.KeyID + " of project " + c.Settings.ProjectID +
			" and judged the probe token (" + code + " " + reason + "): the key works, and no one was notified"}
	case r.Outcome == vendors.Accepted:
		return vendors.CheckResult{OK: true, Message: "Huawei accepted the key of project " + c.Settings.ProjectID}
	case r.Outcome == vendors.Failed:
		return vendors.CheckResult{Message: r.Explanation}
	}
	return vendors.CheckResult{Message: r.Code + ": " + r.Explanation + " — " + r.Fix}
}
