package huawei

import (
	"slices"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Lint checks a message against Push Kit's rules before sending.
func (ch *Channel) Lint(msg vendors.Message, c models.Certificate, _ time.Time) []models.Warning {
	req := buildRequest(msg, c, "")
	out := vendors.TooLarge(models.VendorHuawei, "message", req.Message, maxBody, vendors.RefusesWith(models.VendorHuawei, "80300008"))
	out = append(out, vendors.ActivityClickWithoutPackage(models.VendorHuawei, msg, c)...)
	out = append(out, vendors.ImageLint(models.VendorHuawei, msg, "android.notification.image", vendors.Phrased("a small picture on the right of the notification; Huawei takes images under 512 KB and recommends 40×40 dp (JPG, JPEG, PNG)", models.T("lint.huawei.image_limits")))...)
	if msg.Call != nil {
		out = append(out, vendors.Warning("call_voip_category", "Huawei call invitation: a notification in category %s, which rings as service & communication only when the app was granted that category (自分类权益, AppGallery Connect); a killed app shows the notification, and its call screen opens when the user taps it", category(msg, c)).
			Says(models.Tf("lint.huawei.call_voip_category", "Category", category(msg, c))))
	}
	if msg.Sound != "" && msg.Sound != "default" {
		out = append(out, vendors.Warning("sound_channel", "Huawei plays a custom sound only when it creates the notification channel: a device that already has the channel keeps its old sound until the app is reinstalled").
			Says(models.T("lint.huawei.sound_channel")))
	}
	if _, ok := msg.BadgeNumber(); ok && c.Settings.BadgeClass == "" {
		out = append(out, vendors.Warning("badge_no_class", "certificate #%d has no badge class, so Huawei shows no badge number: set the launcher activity on the certificate", c.ID).
			Says(models.Tf("lint.badge_no_class", "ID", c.ID, "Vendor", "Huawei")))
	}
	switch cat := category(msg, c); {
	case msg.Huawei.Test:
		out = append(out, vendors.Warning("test_message", "Huawei test message: at most 500 a day per app, outside the per-device caps").
			Says(models.T("lint.huawei.test_message")))
	case cat == "":
		out = append(out, vendors.Warning("category_missing", "no Huawei category (message or certificate #%d): Huawei's classifier decides, and information & marketing messages are silent, at most %d a day per device", c.ID, marketingCap).
			Says(models.Tf("lint.huawei.category_missing", "ID", c.ID, "Cap", marketingCap)))
	case !slices.Contains(categories(), cat):
		out = append(out, vendors.Blocker("category_unknown", "Huawei category %s is not one of Huawei's: it answers 80100003", cat).
			Says(models.Tf("lint.huawei.category_unknown", "Category", cat)))
	case cat == "MARKETING":
		out = append(out, vendors.Warning("marketing_class", "category MARKETING: silent, at most %d a day per device", marketingCap).
			Says(models.Tf("lint.huawei.marketing_class", "Cap", marketingCap)))
	}
	return out
}
