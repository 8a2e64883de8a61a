package honor

import (
	"fmt"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Diagnose adds Honor's class and its per-device marketing cap.
func (ch *Channel) Diagnose(in models.DiagnosisInput) []models.Check {
	return []models.Check{classCheck(in), vendors.DeviceCapOf(in, marketingCap)}
}

func classCheck(in models.DiagnosisInput) models.Check {
	const id, title = "message_class", "Honor message class"
	c := in.Certificate
	if in.Class == models.ClassService {
		return models.Pass(id, title, fmt.Sprintf("importance NORMAL on #%d: service & communication, rings, no daily cap", c.ID)).
			Says(models.Tf("verdict.honor.class.service", "ID", c.ID))
	}
	return models.Warn(id, title, fmt.Sprintf("importance %s on #%d: Honor treats the messages as information & marketing, silent, at most %d a day per device", vendors.OrNone(c.Settings.Importance), c.ID, marketingCap),
		"apply for self-classification in the Honor developer console, then set importance NORMAL on the certificate",
		"is sent as marketing by Honor (silent, capped)").
		Says(models.Tf("verdict.honor.class.marketing.evidence", "Importance", vendors.OrNoneText(c.Settings.Importance), "ID", c.ID, "Cap", marketingCap),
			models.T("verdict.honor.class.marketing.fix"), models.T("verdict.honor.class.marketing.cause"))
}
