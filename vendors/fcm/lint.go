package fcm

import (
	"encoding/json"
	"sort"
	"strings"
	"time"

	"firebase.google.com/go/v4/messaging"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Lint checks a message against FCM's rules before sending.
func (ch *Channel) Lint(msg vendors.Message, c models.Certificate, _ time.Time) []models.Warning {
	m := message(msg, "")
	content := struct {
		Notification *messaging.Notification  `json:"notification,omitempty"`
		Data         map[string]string        `json:"data,omitempty"`
		Web          *messaging.WebpushConfig `json:"webpush,omitempty"`
	}{m.Notification, m.Data, m.Webpush}
	out := vendors.TooLarge(models.VendorFCM, "notification and data", content, maxPayload, vendors.Answers(models.VendorFCM, "INVALID_ARGUMENT"))
	if t := msg.FCM.TTLSeconds; t != nil && *t > maxTTL {
		out = append(out, vendors.Blocker("ttl_too_long", "FCM TTL is %d s; FCM accepts at most %d (4 weeks)", *t, maxTTL).
			Says(models.Tf("lint.fcm.ttl_too_long", "TTL", *t, "Max", maxTTL)))
	}
	out = append(out, reservedKeysLint(msg)...)
	// Without a device's platform (the composer lints per certificate),
	// web push options mean browsers are among the targets.
	web := msg.Platform == models.PlatformWeb
	webOptions := msg.FCM.Web != (models.FCMWebOptions{})
	switch {
	case web || msg.Platform == "" && webOptions:
		out = append(out, webLint(msg)...)
	case webOptions:
		out = append(out, vendors.Warning("web_options_unused", "the FCM web push options are for browsers: this %s device gets the android and apns blocks", msg.Platform).
			Says(models.Tf("lint.fcm.web_options_unused", "Platform", msg.Platform)))
	}
	if msg.Call != nil {
		out = append(out, callLint(msg.Platform))
	}
	switch {
	case msg.Image == "":
	case msg.Call != nil && !web:
		out = append(out, vendors.Warning("image_unsent", "FCM call invitation: a data-only message, so the image is not sent").
			Says(models.T("lint.fcm.image_unsent")))
	default:
		out = append(out, imageLint(msg, web)...)
	}
	return out
}

// reservedKeysLint: pushcheck sends ext under one data key, but IM servers
// that spread ext's keys into data (many do) are refused for a reserved
// key.
func reservedKeysLint(msg vendors.Message) []models.Warning {
	var ext map[string]any
	if json.Unmarshal([]byte(msg.Ext), &ext) != nil {
		return nil
	}
	var reserved []string
	for k := range ext {
		if reservedDataKey(k) {
			reserved = append(reserved, k)
		}
	}
	if len(reserved) == 0 {
		return nil
	}
	sort.Strings(reserved)
	return []models.Warning{vendors.Warning("reserved_data_key", "ext has keys FCM reserves (%s): an IM server that copies ext's keys into FCM data is refused with INVALID_ARGUMENT", strings.Join(reserved, ", ")).
		Says(models.Tf("lint.fcm.reserved_data_key", "Keys", strings.Join(reserved, ", ")))}
}

// imageLint: FCM fetches notification.image on Android (up to 1 MB); iOS
// shows it only through the app's notification service extension; a
// browser shows webpush.notification.image where it supports images.
func imageLint(msg vendors.Message, web bool) []models.Warning {
	if web {
		return vendors.ImageLint(models.VendorFCM, msg, "webpush.notification.image", vendors.Phrased("Chromium browsers show it; Firefox and Safari show the notification without it", models.T("lint.fcm.image_web")))
	}
	return vendors.ImageLint(models.VendorFCM, msg, "notification.image", vendors.Phrased("Android downloads it and shows it up to 1 MB (JPEG, PNG and BMP everywhere; WebP and HEIF vary); on iOS it also goes to apns.fcm_options.image with mutable-content 1, and only an app whose notification service extension calls Firebase's image helper shows it", models.T("lint.fcm.image_android")))
}

// callLint: FCM has no call message. On Android an invitation is a
// high-priority data message the app turns into a call notification;
// iOS and browsers cannot ring through FCM.
func callLint(p models.Platform) models.Warning {
	switch p {
	case models.PlatformIOS:
		return vendors.Warning("call_ios", "FCM cannot send PushKit VoIP pushes: on iOS the invitation arrives as a data message only while the app runs, and never rings; send calls to iPhones through an APNs certificate and the device's VoIP token").
			Says(models.T("lint.fcm.call_ios"))
	case models.PlatformWeb:
		return vendors.Warning("call_web", "FCM web push cannot ring a browser: the invitation is an ordinary web notification (Urgency high, TTL %d s), shown only while the browser runs", vendors.CallTTLSeconds).
			Says(models.Tf("lint.fcm.call_web", "TTL", vendors.CallTTLSeconds))
	}
	return vendors.Warning("call_data_message", "FCM call invitation: a data-only message at priority HIGH (TTL %d s unless set); the app's onMessageReceived must post a full-screen call notification at once, or FCM lowers its later high-priority messages' priority; a force-stopped app receives nothing, and on iOS FCM cannot ring (use APNs VoIP)", vendors.CallTTLSeconds).
		Says(models.Tf("lint.fcm.call_data_message", "TTL", vendors.CallTTLSeconds))
}

// webLint checks what browsers need of a web push: an https link to open,
// an icon, TTL and Urgency values that deliver, and a live service worker.
func webLint(msg vendors.Message) []models.Warning {
	w := msg.FCM.Web
	out := []models.Warning{vendors.Warning("web_service_worker", "an FCM web push token reaches the browser only while the site's service worker (firebase-messaging-sw.js) stays registered and notification permission stays granted: clearing site data or unsubscribing ends it, and FCM then answers UNREGISTERED").
		Says(models.T("lint.fcm.web_service_worker"))}
	if w.Link == "" {
		out = append(out, vendors.Warning("web_link_missing", "FCM web push without a link: a click on the notification opens nothing unless the service worker handles notificationclick; set an https link on the app's own origin").
			Says(models.T("lint.fcm.web_link_missing")))
	}
	if w.Icon == "" {
		out = append(out, vendors.Warning("web_icon_missing", "FCM web push without an icon: browsers show the notification with the browser's or a blank icon; set an https icon URL (192×192 px is what Chrome shows best)").
			Says(models.T("lint.fcm.web_icon_missing")))
	}
	for _, u := range []struct{ name, url string }{{"link", w.Link}, {"icon", w.Icon}} {
		if u.url != "" && !strings.HasPrefix(strings.ToLower(u.url), "https://") {
			out = append(out, vendors.Blocker("web_"+u.name+"_https", "the web push %s must be an https URL: FCM refuses an http link, and browsers load icons only over https", u.name).
				Says(models.Tf("lint.fcm.web_https", "Name", u.name)))
		}
	}
	if t := w.TTLSeconds; t != nil && *t == 0 {
		out = append(out, vendors.Warning("web_ttl_zero", "FCM web push TTL 0: the push is delivered only if the browser is connected at that moment, and dropped otherwise").
			Says(models.T("lint.fcm.web_ttl_zero")))
	}
	switch w.Urgency {
	case "very-low":
		out = append(out, vendors.Warning("web_urgency_low", "FCM web push Urgency very-low: the push service holds it until the device is on power and Wi-Fi (RFC 8030 §5.3)").
			Says(models.T("lint.fcm.web_urgency_very_low")))
	case "low":
		out = append(out, vendors.Warning("web_urgency_low", "FCM web push Urgency low: the push service holds it until the device is on power or Wi-Fi (RFC 8030 §5.3)").
			Says(models.T("lint.fcm.web_urgency_low")))
	}
	return out
}
