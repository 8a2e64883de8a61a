package models

import (
	"encoding/json"
	"regexp"
	"strings"
	"unicode/utf8"
)

// The Android vendors' own composer fields (PRODUCT.md push request). Each
// maps onto one vendor's wire format in vendors/<vendor>/message.go.

// HuaweiPushOptions: android.category, notification importance,
// target_user_type 1 (test message: 500 a day, outside the caps), and the
// notification group (android.notification.group: the phone shows a
// group's newest message and its count).
type HuaweiPushOptions struct {
	Category   string `json:"category,omitempty"`
	Importance string `json:"importance,omitempty"` // NORMAL | LOW
	Test       bool   `json:"test,omitempty"`
	Group      string `json:"group,omitempty"`
}

// HarmonyPushOptions are Push Kit v3's fields (HarmonyOS NEXT): the
// push-type header, payload.notification's category, clickAction, badge
// addNum, soundDuration and foregroundShow, and pushOptions' testMessage,
// ttl and receiptId. The general fields (title, desc, sound, badge as
// setNum, image) map as for every vendor; the delivery ID is the biTag.
type HarmonyPushOptions struct {
	PushType       string        `json:"push_type,omitempty"` // alert (default) | background | call; widget, live_view, tts are refused
	Category       string        `json:"category,omitempty"`
	Click          *HarmonyClick `json:"click_action,omitempty"`
	BadgeAdd       *int          `json:"badge_add,omitempty"`      // 1–99
	SoundDuration  *int          `json:"sound_duration,omitempty"` // 1–60 s, with sound
	ForegroundShow *bool         `json:"foreground_show,omitempty"`
	Test           bool          `json:"test,omitempty"`
	TTLSeconds     *int          `json:"ttl_seconds,omitempty"` // up to 1,296,000 (15 days)
	ReceiptID      string        `json:"receipt_id,omitempty"`
}

// HarmonyClick opens a custom page of the app (clickAction actionType 1):
// by the ability's skills action and/or a URI, with JSON data the page
// reads. Without it the tap opens the app's home page (actionType 0).
type HarmonyClick struct {
	Action string          `json:"action,omitempty"`
	URI    string          `json:"uri,omitempty"`
	Data   json.RawMessage `json:"data,omitempty"`
}

// The HarmonyOS push types the composer offers, and those Push Kit has
// that pushcheck does not build yet.
const (
	HarmonyAlert      = "alert"      // push-type 0
	HarmonyBackground = "background" // push-type 6
	HarmonyCall       = "call"       // push-type 10 (in-app call, VoIP)
)

// CallInvitation makes a push an incoming-call invitation, sent as IM
// SDKs send one so that the phone rings even when the app was killed:
// APNs voip to the VoIP token, HarmonyOS push-type 10, an FCM
// high-priority data message, and the vendor's call category elsewhere.
type CallInvitation struct {
	CallID string `json:"call_id,omitempty"` // default: the delivery ID
	Caller string `json:"caller,omitempty"`  // default: the push's title
	Video  bool   `json:"video,omitempty"`
}

// FCMWebOptions are FCM's webpush block, for browsers (devices with
// platform web): the page a click opens, the Web Push TTL and Urgency
// headers, and the notification's icon.
type FCMWebOptions struct {
	Link       string `json:"link,omitempty"` // https only
	TTLSeconds *int   `json:"ttl_seconds,omitempty"`
	Urgency    string `json:"urgency,omitempty"` // very-low | low | normal | high
	Icon       string `json:"icon,omitempty"`    // https URL
}

// HonorPushOptions: notification importance, targetUserType 1, and the
// notification group (android.notification.group, kept from Huawei).
type HonorPushOptions struct {
	Importance string `json:"importance,omitempty"` // NORMAL | LOW
	Test       bool   `json:"test,omitempty"`
	Group      string `json:"group,omitempty"`
}

// XiaomiPushOptions: extra.channel_id and notify_type.
type XiaomiPushOptions struct {
	ChannelID  string `json:"channel_id,omitempty"`
	NotifyType *int   `json:"notify_type,omitempty"` // -1 all, or 1 sound | 2 vibrate | 4 lights
}

// OPPOPushOptions: channel_id (else the certificate's default), category
// and notify_level.
type OPPOPushOptions struct {
	ChannelID   string `json:"channel_id,omitempty"`
	Category    string `json:"category,omitempty"`
	NotifyLevel *int   `json:"notify_level,omitempty"` // 1, 2 or 16
}

// VivoPushOptions: classification, category and pushMode.
type VivoPushOptions struct {
	Classification *int   `json:"classification,omitempty"` // 0 operation, 1 system
	Category       string `json:"category,omitempty"`
	PushMode       string `json:"push_mode,omitempty"` // formal | test
}

// MeizuPushOptions: noticeMsgType (public/private) and sound on/off.
type MeizuPushOptions struct {
	NoticeMsgType *int  `json:"notice_msg_type,omitempty"` // 0 public (公信), 1 private (私信)
	Sound         *bool `json:"sound,omitempty"`
}

// vendorCategory is the shape of the vendors' category values (IM,
// DEVICE_REMINDER, …); which values a vendor accepts is its own answer.
func vendorCategory() *regexp.Regexp { return regexp.MustCompile(`^[A-Z][A-Z_]{1,31}$`) }

func validateVendorOptions(r PushRequest) error {
	if h := r.Huawei; h != nil {
		if err := validateImportance("huawei.importance", h.Importance); err != nil {
			return err
		}
		if h.Category != "" && !vendorCategory().MatchString(h.Category) {
			return Invalid("huawei.category", "Huawei categories are upper case, e.g. IM, VOIP, SUBSCRIPTION, ACCOUNT")
		}
		if err := validateGroup("huawei.group", h.Group); err != nil {
			return err
		}
	}
	if h := r.Honor; h != nil {
		if err := validateImportance("honor.importance", h.Importance); err != nil {
			return err
		}
		if err := validateGroup("honor.group", h.Group); err != nil {
			return err
		}
	}
	if x := r.Xiaomi; x != nil && x.NotifyType != nil && (*x.NotifyType < -1 || *x.NotifyType == 0 || *x.NotifyType > 7) {
		return Invalid("xiaomi.notify_type", "Xiaomi notify_type is -1 (all) or a sum of 1 sound, 2 vibrate, 4 lights")
	}
	if o := r.OPPO; o != nil {
		if o.Category != "" && !vendorCategory().MatchString(o.Category) {
			return Invalid("oppo.category", "OPPO categories are upper case, e.g. IM, ACCOUNT, ORDER, MARKETING")
		}
		if o.NotifyLevel != nil {
			switch *o.NotifyLevel {
			case 1, 2, 16:
			default:
				return Invalid("oppo.notify_level", "OPPO notify_level is 1 (shade), 2 (shade and lock screen) or 16 (shade, lock screen, banner, sound and vibration)")
			}
			if o.Category == "" {
				return Invalid("oppo.category", "OPPO takes notify_level only together with a category")
			}
		}
	}
	if v := r.Vivo; v != nil {
		if v.Classification != nil && *v.Classification != 0 && *v.Classification != 1 {
			return Invalid("vivo.classification", "vivo classification is 0 (operation message) or 1 (system message)")
		}
		if v.Category != "" && !vendorCategory().MatchString(v.Category) {
			return Invalid("vivo.category", "vivo categories are upper case, e.g. IM, ACCOUNT, TODO, MARKETING")
		}
		if v.PushMode != "" && v.PushMode != "formal" && v.PushMode != "test" {
			return Invalid("vivo.push_mode", "vivo push_mode is formal or test")
		}
	}
	if m := r.Meizu; m != nil && m.NoticeMsgType != nil && *m.NoticeMsgType != 0 && *m.NoticeMsgType != 1 {
		return Invalid("meizu.notice_msg_type", "Meizu notice_msg_type is 0 (public message, capped per day) or 1 (private message)")
	}
	return nil
}

func validateImportance(field, v string) error {
	if v != "" && v != "NORMAL" && v != "LOW" {
		return Invalid(field, "importance is NORMAL (service and communication: sound, lock screen) or LOW (marketing: silent, capped)")
	}
	return nil
}

// maxGroup bounds a notification group's name. Huawei and Honor document
// the field as a string without a length; 64 characters is pushcheck's
// own bound, the size of the vendors' other identifiers (bi_tag,
// profile_id).
const maxGroup = 64

// validateGroup accepts a group name the phone can compare: no leading or
// trailing spaces, at most maxGroup characters.
func validateGroup(field, g string) error {
	switch {
	case g != strings.TrimSpace(g):
		return Invalid(field, "the group name has leading or trailing spaces, which make it another group")
	case utf8.RuneCountInString(g) > maxGroup:
		return Invalid(field, "the group name is longer than %d characters", maxGroup)
	}
	return nil
}
