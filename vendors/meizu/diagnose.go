package meizu

import (
	"fmt"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Diagnose adds Meizu's public/private class and the per-device public cap.
func (ch *Channel) Diagnose(in models.DiagnosisInput) []models.Check {
	const id, title = "message_class", "Meizu message class"
	c := in.Certificate
	class := models.Pass(id, title, fmt.Sprintf("private messages (私信) on #%d: no per-device cap", c.ID)).
		Says(models.Tf("verdict.meizu.class.private", "ID", c.ID))
	if in.Class == models.ClassMarketing {
		class = models.Warn(id, title, fmt.Sprintf("public messages (公信) on #%d: at most %d a day per device", c.ID, publicCap),
			"apply for private-message rights in the Meizu console and mark the certificate private", "gets Meizu public messages (capped)").
			Says(models.Tf("verdict.meizu.class.public.evidence", "ID", c.ID, "Cap", publicCap),
				models.T("verdict.meizu.class.public.fix"), models.T("verdict.meizu.class.public.cause"))
	}
	return []models.Check{class, vendors.DeviceCapOf(in, publicCap)}
}
