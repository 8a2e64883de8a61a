package models

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"unicode/utf8"
)

// The fields of rich notifications, call invitations, web push and
// HarmonyOS NEXT are checked here for shape; whether a vendor takes them,
// and what it does with them, is each vendor's lint.

const (
	maxImageURL  = 1024
	maxThreadID  = 64
	maxCallField = 128
	// HarmonyOS v3 limits (Push Kit's request parameters page).
	harmonyMaxBadge         = 99
	harmonyMaxSoundDuration = 60
	harmonyMaxTTL           = 1_296_000 // 15 days
	harmonyMaxReceiptID     = 64
)

func validateRichOptions(r PushRequest) error {
	if r.Image != "" {
		if err := validateHTTPSURL("image", r.Image, maxImageURL); err != nil {
			return err
		}
	}
	if c := r.Call; c != nil {
		for _, f := range []struct{ field, value string }{{"call.call_id", c.CallID}, {"call.caller", c.Caller}} {
			if utf8.RuneCountInString(f.value) > maxCallField {
				return Invalid(f.field, "%s is longer than %d characters", f.field, maxCallField)
			}
		}
	}
	if a := r.APNs; a != nil {
		switch a.InterruptionLevel {
		case "", "passive", "active", "time-sensitive", "critical":
		default:
			return Invalid("apns.interruption_level", "APNs interruption-level is passive, active, time-sensitive or critical")
		}
		if len(a.ThreadID) > maxThreadID {
			return Invalid("apns.thread_id", "the thread ID is longer than %d bytes", maxThreadID)
		}
	}
	if f := r.FCM; f != nil && f.Web != nil {
		if err := validateWebOptions(*f.Web); err != nil {
			return err
		}
	}
	if h := r.Harmony; h != nil {
		if err := validateHarmonyOptions(*h); err != nil {
			return err
		}
	}
	return nil
}

func validateWebOptions(w FCMWebOptions) error {
	if w.Link != "" {
		if err := validateHTTPSURL("fcm.web.link", w.Link, maxImageURL); err != nil {
			return err
		}
	}
	if w.Icon != "" {
		if err := validateHTTPSURL("fcm.web.icon", w.Icon, maxImageURL); err != nil {
			return err
		}
	}
	if w.TTLSeconds != nil && (*w.TTLSeconds < 0 || *w.TTLSeconds > 2_419_200) {
		return Invalid("fcm.web.ttl_seconds", "the Web Push TTL is 0 to 2,419,200 seconds (FCM keeps a message at most 28 days)")
	}
	switch w.Urgency {
	case "", "very-low", "low", "normal", "high":
	default:
		return Invalid("fcm.web.urgency", "Urgency is very-low, low, normal or high (RFC 8030)")
	}
	return nil
}

func validateHarmonyOptions(h HarmonyPushOptions) error {
	switch h.PushType {
	case "", HarmonyAlert, HarmonyBackground, HarmonyCall:
	case "widget", "live_view", "tts":
		return Invalid("harmony.push_type", "pushcheck does not build HarmonyOS %s messages yet (push-type %s): they need the card, Live View or voice-broadcast payloads and rights; use alert, background or call", h.PushType, map[string]string{"widget": "1", "live_view": "7", "tts": "2"}[h.PushType])
	default:
		return Invalid("harmony.push_type", "HarmonyOS push_type is alert (0), background (6) or call (10)")
	}
	if h.Category != "" && !vendorCategory().MatchString(h.Category) {
		return Invalid("harmony.category", "HarmonyOS categories are upper case, e.g. IM, VOIP, SUBSCRIPTION, MARKETING")
	}
	if c := h.Click; c != nil {
		if strings.TrimSpace(c.Action) == "" && strings.TrimSpace(c.URI) == "" {
			return Invalid("harmony.click_action", "a custom page needs its skills action, its URI, or both")
		}
		if len(c.Data) > 0 {
			trimmed := bytes.TrimSpace(c.Data)
			if !json.Valid(trimmed) || len(trimmed) == 0 || trimmed[0] != '{' {
				return Invalid("harmony.click_action.data", "HarmonyOS takes the page's data as a JSON object, e.g. {\"chat\":\"alice\"}")
			}
		}
	}
	if h.BadgeAdd != nil && (*h.BadgeAdd < 1 || *h.BadgeAdd > harmonyMaxBadge) {
		return Invalid("harmony.badge_add", "HarmonyOS badge addNum is 1 to %d", harmonyMaxBadge)
	}
	if h.SoundDuration != nil && (*h.SoundDuration < 1 || *h.SoundDuration > harmonyMaxSoundDuration) {
		return Invalid("harmony.sound_duration", "HarmonyOS soundDuration is 1 to %d seconds", harmonyMaxSoundDuration)
	}
	if h.TTLSeconds != nil && (*h.TTLSeconds < 0 || *h.TTLSeconds > harmonyMaxTTL) {
		return Invalid("harmony.ttl_seconds", "HarmonyOS ttl is 0 to %d seconds (15 days)", harmonyMaxTTL)
	}
	if len(h.ReceiptID) > harmonyMaxReceiptID {
		return Invalid("harmony.receipt_id", "the receipt ID is longer than %d characters", harmonyMaxReceiptID)
	}
	return nil
}

// validateHTTPSURL accepts an absolute https URL with a host: vendors
// fetch images and browsers open links only over https.
func validateHTTPSURL(field, raw string, max int) error {
	if len(raw) > max {
		return Invalid(field, "%s is longer than %d bytes", field, max)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || !strings.EqualFold(u.Scheme, "https") {
		return Invalid(field, "%s must be an https URL (vendors fetch images and browsers open links only over https)", field)
	}
	return nil
}
