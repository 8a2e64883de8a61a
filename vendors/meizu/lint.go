package meizu

import (
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Lint checks a message against Flyme Push's rules before sending.
func (ch *Channel) Lint(msg vendors.Message, c models.Certificate, _ time.Time) []models.Warning {
	const v = models.VendorMeizu
	out := vendors.TooLong(v, "title", msg.Title, maxTitle, vendors.Refuses(v))
	out = append(out, vendors.TooLong(v, "desc", msg.Desc, maxContent, vendors.Refuses(v))...)
	out = append(out, vendors.NoCustomSound(v, msg, vendors.Phrased("Meizu only switches the sound on or off (meizu.sound)", models.T("lint.meizu.sound_how")))...)
	out = append(out, vendors.NoBadge(v, msg, vendors.Phrased("Flyme counts notifications itself", models.T("lint.meizu.badge_how")))...)
	out = append(out, vendors.NoImage(v, msg, vendors.Phrased("the pushByPushId API has no picture field for ordinary apps (Flyme's expanded big picture is a feature of Meizu's VIP apps)", models.T("lint.meizu.image_why")))...)
	out = append(out, vendors.CallAsNotification(v, msg, vendors.Phrased("a private (私信) notification", models.T("lint.meizu.call_how")))...)
	if msg.Call != nil {
		out = append(out, vendors.Warning("call_ttl_hour", "Meizu keeps messages for whole hours (validTime 1–72): an invitation to an offline phone may arrive up to an hour late, after the call ended").
			Says(models.T("lint.meizu.call_ttl_hour")))
	}
	if ch.Class(msg, c) == models.ClassMarketing {
		out = append(out, vendors.Warning("marketing_class", "Meizu public message (公信): at most %d a day per device (110011 beyond)", publicCap).
			Says(models.Tf("lint.meizu.marketing_class", "Cap", publicCap)))
	}
	return out
}
