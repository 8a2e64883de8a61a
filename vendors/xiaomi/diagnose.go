package xiaomi

import (
	"fmt"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Diagnose adds Xiaomi's channel: without one, the default channel's one
// message a day.
func (ch *Channel) Diagnose(in models.DiagnosisInput) []models.Check {
	const id, title = "xiaomi_channel", "Xiaomi channel"
	c := in.Certificate
	if in.Class != models.ClassDefault {
		return []models.Check{models.Pass(id, title, fmt.Sprintf("channel %s on #%d (private or public as created in the Xiaomi console)", c.Settings.ChannelID, c.ID))}
	}
	return []models.Check{
		models.Warn(id, title, fmt.Sprintf("no channel ID on #%d: messages fall into Xiaomi's default channel, %d a day per device", c.ID, defaultChannelCap),
			"apply for a private (私信) channel in the Xiaomi console and set its ID on the certificate", "has no Xiaomi channel (1 message a day)"),
		vendors.DeviceCap(in, models.ClassDefault, defaultChannelCap, "default-channel"),
	}
}
