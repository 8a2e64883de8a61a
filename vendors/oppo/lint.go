package oppo

import (
	"encoding/json"
	"time"
	"unicode/utf8"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Lint checks a message against OPPO Push's rules before sending.
func (ch *Channel) Lint(msg vendors.Message, c models.Certificate, _ time.Time) []models.Warning {
	const v = models.VendorOPPO
	out := vendors.TooLong(v, "title", msg.Title, maxTitle, vendors.RefusesCode(v, "41"))
	out = append(out, vendors.TooLong(v, "desc", msg.Desc, maxContent, vendors.RefusesCode(v, "41"))...)
	if n := utf8.RuneCountInString(msg.AppExtrasJSON()); n > maxActionParameters {
		out = append(out, vendors.Blocker("payload_too_large", "OPPO action_parameters (ext and the delivery ID) is %d characters; OPPO accepts %d", n, maxActionParameters).
			Says(models.Tf("lint.oppo.payload_too_large", "Length", n, "Max", maxActionParameters)))
	}
	if msg.Ext != "" && !json.Valid([]byte(msg.Ext)) {
		out = append(out, vendors.Blocker("ext_not_json", "ext is not JSON: OPPO hands the app only JSON action parameters, so the IM server's ext is dropped").
			Says(models.T("lint.oppo.ext_not_json")))
	}
	if channel(msg, c) == "" {
		out = append(out, vendors.Blocker("channel_missing", "no OPPO channel ID: neither the message nor certificate #%d sets one, and OPPO shows nothing on Android 8+", c.ID).
			Says(models.Tf("lint.oppo.channel_missing", "ID", c.ID)))
	}
	out = append(out, vendors.NoCustomSound(v, msg, vendors.Phrased("the channel the app created decides the sound", models.T("lint.oppo.sound_how")))...)
	out = append(out, vendors.NoBadge(v, msg, vendors.Phrased("ColorOS shows a dot or count only for apps granted it, never from the push", models.T("lint.oppo.badge_how")))...)
	out = append(out, vendors.NoImage(v, msg, vendors.Phrased("OPPO takes pictures only by the ID of one uploaded to it first (small_picture_id for the icon, big_picture_id for the big-picture style, which OPPO allows only in broadcasts), never by URL", models.T("lint.oppo.image_why")))...)
	out = append(out, vendors.CallAsNotification(v, msg, vendors.Phrased("a notification in category "+category(msg, c)+" at notify_level 16 (banner, vibration, ring)", models.Tf("lint.oppo.call_how", "Category", category(msg, c))))...)
	if ch.Class(msg, c) == models.ClassMarketing {
		out = append(out, vendors.Warning("marketing_class", "OPPO category %s: content & marketing, at most %d a day per device", vendors.OrNone(category(msg, c)), marketingCap).
			Says(models.Tf("lint.oppo.marketing_class", "Category", vendors.OrNoneText(category(msg, c)), "Cap", marketingCap)))
	}
	return out
}
