package vivo

import (
	"time"
	"unicode/utf8"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Lint checks a message against vivo Push's rules before sending, at now
// for the operation-message window.
func (ch *Channel) Lint(msg vendors.Message, c models.Certificate, now time.Time) []models.Warning {
	const v = models.VendorVivo
	out := tooLong("title", msg.Title, maxTitle)
	out = append(out, tooLong("desc", msg.Desc, maxContent)...)
	if n := utf8.RuneCountInString(msg.AppExtrasJSON()); n > maxCustomMap {
		out = append(out, vendors.Blocker("payload_too_large", "vivo clientCustomMap (ext and the delivery ID) is %d characters; vivo accepts %d", n, maxCustomMap).
			Says(models.Tf("lint.vivo.payload_too_large", "Length", n, "Max", maxCustomMap)))
	}
	out = append(out, vendors.NoCustomSound(v, msg, vendors.Phrased("vivo rings or vibrates by notifyType only", models.T("lint.vivo.sound_how")))...)
	out = append(out, vendors.NoBadge(v, msg, vendors.Phrased("OriginOS badges count notifications, with the user's permission", models.T("lint.vivo.badge_how")))...)
	out = append(out, vendors.NoImage(v, msg, vendors.Phrased("its push API has no picture field, so the notification shows title and text only", models.T("lint.vivo.image_why")))...)
	out = append(out, vendors.CallAsNotification(v, msg, vendors.Phrased("a system message in category "+category(msg, c)+" that rings and vibrates (notifyType 4)", models.Tf("lint.vivo.call_how", "Category", category(msg, c))))...)
	switch class := ch.Class(msg, c); {
	case class == models.ClassTest:
		out = append(out, vendors.Warning("test_push", "vivo test push (pushMode 1): only devices registered as test devices in the vivo console receive it").
			Says(models.T("lint.vivo.test_push")))
	case class == models.ClassMarketing && !inOperationWindow(now):
		out = append(out, vendors.Blocker("operation_window", "vivo operation message at %s Beijing time: vivo delivers operation messages only 07:00-23:00; set a system category (IM) or classification 1",
			models.VendorTime(v, now).Format("15:04")).Says(models.Tf("lint.vivo.operation_window", "Time", models.VendorTime(v, now).Format("15:04"))))
	case class == models.ClassMarketing:
		out = append(out, vendors.Warning("marketing_class", "vivo operation message: delivered only 07:00-23:00 Beijing time, at most %d a day per user", operationCap).
			Says(models.Tf("lint.vivo.marketing_class", "Cap", operationCap)))
	}
	return out
}

// tooLong counts as vivo does (textLength: a Chinese character counts 2),
// so 21 Chinese characters already exceed a 40-character title
// (docs/vendors/vivo.md §3; the emulator refuses the same with 10085).
func tooLong(field, value string, max int) []models.Warning {
	n := textLength(value)
	if n <= max {
		return nil
	}
	return []models.Warning{vendors.Blocker(field+"_too_long", "vivo %s counts %d (a Chinese character counts 2); vivo allows %d: vivo refuses it with 10085", field, n, max).
		Says(models.Tf("lint.vivo.too_long", "Field", field, "Length", n, "Max", max))}
}
