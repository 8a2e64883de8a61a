package harmony

import (
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Lint checks a message against Push Kit v3's rules and the rights on
// the certificate before sending.
func (ch *Channel) Lint(msg vendors.Message, c models.Certificate, _ time.Time) []models.Warning {
	req := buildRequest(msg, c, "")
	out := vendors.TooLarge(models.VendorHarmony, "message", req.body, maxBody, vendors.RefusesWith(models.VendorHuawei, "80300008"))
	switch req.pushType {
	case pushTypeCall:
		out = append(out, lintCall(msg, c)...)
	case pushTypeBackground:
		out = append(out, lintBackground(msg)...)
	default:
		out = append(out, lintCategory(msg, c)...)
		out = append(out, lintAlert(msg, c)...)
	}
	if msg.Harmony.Test {
		out = append(out, vendors.Warning("test_message", "HarmonyOS NEXT test message: at most %d tokens a request and %d a day per project, outside the per-device caps", maxTestTokens, testPerDay).
			Says(models.Tf("lint.harmony.test_message", "Tokens", maxTestTokens, "PerDay", testPerDay)))
	}
	return out
}

func lintCall(msg vendors.Message, c models.Certificate) []models.Warning {
	var out []models.Warning
	if !c.Settings.CallRight {
		out = append(out, vendors.Blocker("call_no_right", "certificate #%d does not hold the HarmonyOS NEXT in-app call right: Huawei refuses push-type 10 for every token (80300007 noPushTypeRight), so the phone never rings; apply for the right in AppGallery Connect and tick it on the certificate", c.ID).
			Says(models.Tf("lint.harmony.call_no_right", "ID", c.ID)))
	}
	if ttl := msg.Harmony.TTLSeconds; ttl != nil && *ttl > 60 {
		out = append(out, vendors.Warning("call_ttl", "a HarmonyOS NEXT call invitation that lives %d s may ring long after the caller hung up: Huawei advises a ttl of 30–60 s", *ttl).
			Says(models.Tf("lint.harmony.call_ttl", "TTL", *ttl)))
	}
	return out
}

func lintBackground(msg vendors.Message) []models.Warning {
	_, badge := msg.BadgeNumber()
	if msg.Title == "" && msg.Desc == "" && msg.Image == "" && !badge && msg.Sound == "" {
		return nil
	}
	return []models.Warning{vendors.Warning("background_silent", "a HarmonyOS NEXT background message shows nothing: title, text, image, badge and sound are not sent; the app gets ext and the delivery ID in extraData when its process runs (else it is cached: receipt 27)").
		Says(models.T("lint.harmony.background_silent"))}
}

// lintCategory: a category outside the list is refused; one the app holds
// no right for is silently sent as MARKETING (Huawei's push-apply-right).
func lintCategory(msg vendors.Message, c models.Certificate) []models.Warning {
	cat := category(msg, c)
	switch {
	case cat == "PLAY_VOICE":
		return []models.Warning{vendors.Blocker("category_play_voice", "HarmonyOS NEXT category PLAY_VOICE is for voice-broadcast messages (push-type 2), which pushcheck does not build: Huawei refuses it (80300007 notSupportPlayVoice)").
			Says(models.T("lint.harmony.category_play_voice"))}
	case !slices.Contains(categories(), cat):
		return []models.Warning{vendors.Blocker("category_unknown", "HarmonyOS NEXT category %s is not one of Huawei's (%s): it answers 80100003", cat, strings.Join(categories(), ", ")).
			Says(models.Tf("lint.harmony.category_unknown", "Category", cat, "Categories", strings.Join(categories(), ", ")))}
	case msg.Harmony.Test:
		return nil // test messages are outside the caps
	case msg.Harmony.Category == "" && c.Settings.Category == "":
		return []models.Warning{vendors.Warning("category_missing", "no HarmonyOS NEXT category (message or certificate #%d): sent as MARKETING, silent and at most %d a day per device", c.ID, marketingCap).
			Says(models.Tf("lint.harmony.category_missing", "ID", c.ID, "Cap", marketingCap))}
	case cat == "MARKETING":
		return []models.Warning{vendors.Warning("marketing_class", "HarmonyOS NEXT category MARKETING: silent, at most %d a day per device", marketingCap).
			Says(models.Tf("lint.harmony.marketing_class", "Cap", marketingCap))}
	case !granted(cat, c):
		return []models.Warning{vendors.Warning("category_not_granted", "certificate #%d holds no HarmonyOS NEXT right for category %s: Huawei sends it as MARKETING without an error — silent, at most %d a day per device (receipt 256 beyond); apply for the right in AppGallery Connect and tick it on the certificate", c.ID, cat, marketingCap).
			Says(models.Tf("lint.harmony.category_not_granted", "ID", c.ID, "Category", cat, "Cap", marketingCap))}
	}
	return nil
}

func lintAlert(msg vendors.Message, c models.Certificate) []models.Warning {
	var out []models.Warning
	if t := msg.Click(c).Type; msg.Harmony.Click == nil && (t == "activity" || t == "intent") {
		out = append(out, vendors.Warning("click_needs_skills", "HarmonyOS NEXT has no Android %s: a tap opens a custom page only by the skills action or URI of one of the app's abilities (harmony.click_action); this one opens the app's home page", t).
			Says(models.Tf("lint.harmony.click_needs_skills", "Type", t)))
	}
	if msg.Image != "" {
		out = append(out, lintImage(msg.Image)...)
	}
	if _, set := msg.BadgeNumber(); set && msg.Harmony.BadgeAdd != nil {
		out = append(out, vendors.Warning("badge_both", "both a badge number and badge_add: HarmonyOS NEXT applies setNum and ignores addNum").
			Says(models.T("lint.harmony.badge_both")))
	}
	if msg.Harmony.SoundDuration != nil && (msg.Sound == "" || msg.Sound == "default") {
		out = append(out, vendors.Warning("sound_duration_alone", "HarmonyOS NEXT applies sound_duration only with a custom sound (a file in the app's resources/rawfile); it is not sent").
			Says(models.T("lint.harmony.sound_duration_alone")))
	}
	return out
}

// lintImage: notification.image is shown only in the formats Huawei
// lists and up to 192 KB of pixels, which only the file itself tells.
func lintImage(raw string) []models.Warning {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" {
		return []models.Warning{vendors.Blocker("image_not_https", "HarmonyOS NEXT takes notification images over https only: Huawei answers 80100003").
			Says(models.T("lint.harmony.image_not_https"))}
	}
	switch strings.ToLower(path.Ext(u.Path)) {
	case ".png", ".jpg", ".jpeg", ".bmp":
		return nil
	case ".webp":
		return []models.Warning{vendors.Warning("image_format", "HarmonyOS NEXT shows WEBP images from 6.1.0 on; older phones show the notification without it").
			Says(models.T("lint.harmony.image_webp"))}
	}
	return []models.Warning{vendors.Warning("image_format", "HarmonyOS NEXT shows PNG, JPG/JPEG and BMP images (WEBP from 6.1.0) of at most 192 KB of pixels; %s may not be shown", path.Base(u.Path)).
		Says(models.Tf("lint.harmony.image_format", "File", path.Base(u.Path)))}
}
