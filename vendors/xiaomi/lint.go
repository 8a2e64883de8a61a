package xiaomi

import (
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Lint checks a message against Mi Push's rules before sending.
func (ch *Channel) Lint(msg vendors.Message, c models.Certificate, _ time.Time) []models.Warning {
	const v = models.VendorXiaomi
	out := vendors.TooLong(v, "title", msg.Title, maxTitle, vendors.Refuses(v))
	out = append(out, vendors.TooLong(v, "desc", msg.Desc, maxDescription, vendors.Refuses(v))...)
	for k, val := range msg.AppExtras() {
		out = append(out, vendors.TooLong(v, "extra."+k, val, maxExtraValue, vendors.Answers(v, "65015"))...)
	}
	out = append(out, vendors.NoBadge(v, msg, vendors.Phrased("MIUI and HyperOS count the app's notifications themselves", models.T("lint.xiaomi.badge_how")))...)
	out = append(out, vendors.NoImage(v, msg, vendors.Phrased("its push API takes no picture URL (since August 2023 Xiaomi no longer sets a large icon or big picture per message), so the notification shows title and text only", models.T("lint.xiaomi.image_why")))...)
	out = append(out, vendors.CallAsNotification(v, msg, vendors.Phrased("a notification on channel "+vendors.OrNone(channel(msg, c))+" (Xiaomi's VoIP Service Kit, a separate API, is not built)",
		models.Tf("lint.xiaomi.call_how", "Channel", vendors.OrNoneText(channel(msg, c)))))...)
	if msg.Sound != "" && msg.Sound != "default" {
		out = append(out, vendors.Warning("sound_channel", "Xiaomi plays %q only on Android 7 and older, or through a channel the app created with that sound", msg.Sound).
			Says(models.Tf("lint.xiaomi.sound_channel", "Sound", fmt.Sprintf("%q", msg.Sound))))
	}
	if channel(msg, c) == "" {
		out = append(out, vendors.Warning("channel_missing", "no Xiaomi channel ID (message or certificate #%d): the default channel shows %d message a day per device", c.ID, defaultChannelCap).
			Says(models.Tf("lint.xiaomi.channel_missing", "ID", c.ID, "Cap", defaultChannelCap)))
	}
	return out
}
