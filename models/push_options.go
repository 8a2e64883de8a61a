package models

import "regexp"

// The Android vendors' own composer fields (PRODUCT.md push request). Each
// maps onto one vendor's wire format in vendors/<vendor>/message.go.

// HuaweiPushOptions: android.category, notification importance, and
// target_user_type 1 (test message: 500 a day, outside the caps).
type HuaweiPushOptions struct {
	Category   string `json:"category,omitempty"`
	Importance string `json:"importance,omitempty"` // NORMAL | LOW
	Test       bool   `json:"test,omitempty"`
}

// HonorPushOptions: notification importance and targetUserType 1.
type HonorPushOptions struct {
	Importance string `json:"importance,omitempty"` // NORMAL | LOW
	Test       bool   `json:"test,omitempty"`
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
	}
	if h := r.Honor; h != nil {
		if err := validateImportance("honor.importance", h.Importance); err != nil {
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
