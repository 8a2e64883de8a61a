package honor

import (
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Lint checks a message against Honor Push's rules before sending.
func (ch *Channel) Lint(msg vendors.Message, c models.Certificate, _ time.Time) []models.Warning {
	req := buildRequest(msg, c, "")
	out := vendors.TooLarge(models.VendorHonor, "message", req, maxBody, vendors.Refuses(models.VendorHonor))
	out = append(out, vendors.NoCustomSound(models.VendorHonor, msg, vendors.Phrased("the notification channel the app created decides the sound", models.T("lint.honor.sound_how")))...)
	out = append(out, vendors.ActivityClickWithoutPackage(models.VendorHonor, msg, c)...)
	out = append(out, vendors.ImageLint(models.VendorHonor, msg, "android.notification.image", vendors.Phrased("a small picture on the right of the notification; Honor's limits are not published in its reference (Tencent IM advises at most 100 KB, 160×160 px)", models.T("lint.honor.image_limits")))...)
	out = append(out, vendors.CallAsNotification(models.VendorHonor, msg, vendors.Phrased("a notification at importance "+importance(msg, c), models.Tf("lint.honor.call_how", "Importance", importance(msg, c))))...)
	if _, ok := msg.BadgeNumber(); ok && c.Settings.BadgeClass == "" {
		out = append(out, vendors.Warning("badge_no_class", "certificate #%d has no badge class, so Honor shows no badge number: set the launcher activity on the certificate", c.ID).
			Says(models.Tf("lint.badge_no_class", "ID", c.ID, "Vendor", "Honor")))
	}
	switch {
	case msg.Honor.Test:
		out = append(out, vendors.Warning("test_message", "Honor test message: at most 1000 a day per app, outside the per-device cap").
			Says(models.T("lint.honor.test_message")))
	case importance(msg, c) == "":
		out = append(out, vendors.Warning("importance_missing", "no Honor importance (message or certificate #%d): Honor treats it as information & marketing, silent, at most %d a day per device", c.ID, marketingCap).
			Says(models.Tf("lint.honor.importance_missing", "ID", c.ID, "Cap", marketingCap)))
	case importance(msg, c) == "LOW":
		out = append(out, vendors.Warning("marketing_class", "importance LOW: information & marketing, silent, at most %d a day per device", marketingCap).
			Says(models.Tf("lint.honor.marketing_class", "Cap", marketingCap)))
	}
	return out
}
