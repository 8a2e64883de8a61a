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
		return []models.Check{models.Pass(id, title, fmt.Sprintf("channel %s on #%d (private or public as created in the Xiaomi console)", c.Settings.ChannelID, c.ID)).
			Says(models.Tf("verdict.xiaomi.channel.pass", "Channel", c.Settings.ChannelID, "ID", c.ID))}
	}
	return []models.Check{
		models.Warn(id, title, fmt.Sprintf("no channel ID on #%d: messages fall into Xiaomi's default channel, %d a day per device", c.ID, defaultChannelCap),
			"apply for a private (私信) channel in the Xiaomi console and set its ID on the certificate", "has no Xiaomi channel (1 message a day)").
			Says(models.Tf("verdict.xiaomi.channel.missing.evidence", "ID", c.ID, "Cap", defaultChannelCap),
				models.T("verdict.xiaomi.channel.missing.fix"), models.T("verdict.xiaomi.channel.missing.cause")),
		vendors.DeviceCap(in, models.ClassDefault, defaultChannelCap, "default-channel"),
	}
}
