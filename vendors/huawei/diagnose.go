package huawei

import (
	"fmt"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Diagnose adds Huawei's class and its per-device marketing cap.
func (ch *Channel) Diagnose(in models.DiagnosisInput) []models.Check {
	return []models.Check{classCheck(in), vendors.DeviceCapOf(in, marketingCap)}
}

func classCheck(in models.DiagnosisInput) models.Check {
	const id, title = "message_class", "Huawei message class"
	c := in.Certificate
	switch cat := c.Settings.Category; {
	case in.Class == models.ClassService:
		return models.Pass(id, title, fmt.Sprintf("category %s on #%d: service & communication, rings, no daily cap", cat, c.ID))
	case cat == "MARKETING":
		return models.Warn(id, title, fmt.Sprintf("category MARKETING on #%d: silent, at most %d a day per device", c.ID, marketingCap),
			"send chat messages with category IM", "sends chat as marketing (silent, capped)")
	}
	return models.Warn(id, title, fmt.Sprintf("no category on #%d: Huawei's classifier decides, and information & marketing messages are silent, at most %d a day per device", c.ID, marketingCap),
		"apply for self-classification (自分类权益) in AppGallery Connect, then set category IM on the certificate",
		"may be classed as marketing by Huawei (silent, capped)")
}
