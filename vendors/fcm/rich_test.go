package fcm

import (
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// at walks a decoded JSON object by keys.
func at(m map[string]any, path ...string) any {
	var v any = m
	for _, k := range path {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[k]
	}
	return v
}

func send(t *testing.T, msg vendors.Message) map[string]any {
	t.Helper()
	ch, em := fakeFCM(t)
	c, secrets := productionCertificate(t, em, true)
	var req struct {
		Message map[string]any `json:"message"`
	}
	vendortest.SendAccepted(t, ch, c, secrets, msg, "fcm-token-abc:123", &req)
	return req.Message
}

// The image goes to notification.image, and for iOS to
// apns.fcm_options.image with mutable-content; the thread ID and the
// interruption level to aps.
func TestImageAndAppleFieldsThroughFCM(t *testing.T) {
	m := send(t, vendors.Message{Title: "Bob", Desc: "a photo", Image: "https://cdn.example.com/p.jpg", DeliveryID: "d-1",
		APNs: vendors.APNsOptions{ThreadID: "c2c_bob", InterruptionLevel: "passive"}})
	checks := map[string]any{
		"notification.image":             at(m, "notification", "image"),
		"apns.fcm_options.image":         at(m, "apns", "fcm_options", "image"),
		"aps.mutable-content":            at(m, "apns", "payload", "aps", "mutable-content"),
		"aps.thread-id":                  at(m, "apns", "payload", "aps", "thread-id"),
		"aps.interruption-level":         at(m, "apns", "payload", "aps", "interruption-level"),
		"android.notification (present)": at(m, "android", "notification") != nil,
	}
	want := map[string]any{
		"notification.image": "https://cdn.example.com/p.jpg", "apns.fcm_options.image": "https://cdn.example.com/p.jpg",
		"aps.mutable-content": 1.0, "aps.thread-id": "c2c_bob", "aps.interruption-level": "passive", "android.notification (present)": true,
	}
	for k, v := range want {
		if checks[k] != v {
			t.Errorf("%s = %v, want %v", k, checks[k], v)
		}
	}
}

// A browser gets the webpush block, and no android or apns block.
func TestWebPushSendsTheWebpushBlock(t *testing.T) {
	ttl := 3600
	m := send(t, vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"c":1}`, DeliveryID: "d-2", Image: "https://cdn.example.com/p.jpg", Platform: models.PlatformWeb,
		FCM: vendors.FCMOptions{Web: models.FCMWebOptions{Link: "https://im.example.com/c/bob", TTLSeconds: &ttl, Urgency: "high", Icon: "https://im.example.com/icon.png"}}})
	for _, absent := range []string{"android", "apns", "notification"} {
		if m[absent] != nil {
			t.Errorf("a web push carries %s: %v", absent, m[absent])
		}
	}
	want := map[string]any{
		"title": "Bob", "body": "hi", "icon": "https://im.example.com/icon.png", "image": "https://cdn.example.com/p.jpg",
	}
	for k, v := range want {
		if got := at(m, "webpush", "notification", k); got != v {
			t.Errorf("webpush.notification.%s = %v, want %v", k, got, v)
		}
	}
	if at(m, "webpush", "fcm_options", "link") != "https://im.example.com/c/bob" || at(m, "webpush", "headers", "TTL") != "3600" || at(m, "webpush", "headers", "Urgency") != "high" {
		t.Fatalf("webpush: %v", m["webpush"])
	}
	if at(m, "data", "ext") != `{"c":1}` || at(m, "data", "pushcheck_delivery_id") != "d-2" {
		t.Fatalf("data: %v", m["data"])
	}
}

// A call invitation to a phone is a data-only message at priority HIGH
// with the call's fields and a short TTL.
func TestCallInvitationIsAHighPriorityDataMessage(t *testing.T) {
	m := send(t, vendors.Message{Title: "Alice", Desc: "incoming call", DeliveryID: "d-3", Image: "https://cdn.example.com/a.jpg",
		Call: &models.CallInvitation{CallID: "call-7", Caller: "Alice Liddell"}, FCM: vendors.FCMOptions{Priority: "normal"}})
	if m["notification"] != nil || at(m, "android", "notification") != nil || m["apns"] != nil {
		t.Fatalf("a call invitation carries a notification: %v", m)
	}
	if at(m, "android", "priority") != "high" || at(m, "android", "ttl") != "60s" {
		t.Fatalf("android: %v", m["android"])
	}
	data := map[string]string{"call_id": "call-7", "caller": "Alice Liddell", "video": "false", "pushcheck_delivery_id": "d-3"}
	for k, v := range data {
		if got := at(m, "data", k); got != v {
			t.Errorf("data.%s = %v, want %q", k, got, v)
		}
	}
	// In a browser it stays a notification, urgent and short-lived.
	web := send(t, vendors.Message{Title: "Alice", Desc: "incoming call", Platform: models.PlatformWeb, Call: &models.CallInvitation{Video: true}})
	if at(web, "webpush", "headers", "Urgency") != "high" || at(web, "webpush", "headers", "TTL") != "60" || at(web, "data", "video") != "true" {
		t.Fatalf("web call: %v", web)
	}
}

func TestRichLint(t *testing.T) {
	ch := New(nil, nil)
	c := models.Certificate{ID: 10002, Vendor: models.VendorFCM}
	zero := 0
	web := func(w models.FCMWebOptions) vendors.Message {
		return vendors.Message{Title: "t", Desc: "d", Platform: models.PlatformWeb, FCM: vendors.FCMOptions{Web: w}}
	}
	good := models.FCMWebOptions{Link: "https://im.example.com", Icon: "https://im.example.com/i.png"}
	cases := []struct {
		name  string
		msg   vendors.Message
		code  string
		level string
	}{
		{"image", vendors.Message{Title: "t", Image: "https://cdn.example.com/p.jpg"}, "image", models.LevelWarning},
		{"http image", vendors.Message{Title: "t", Image: "http://cdn.example.com/p.jpg"}, "image_url", models.LevelBlocker},
		{"image on a call", vendors.Message{Title: "t", Image: "https://cdn.example.com/p.jpg", Call: &models.CallInvitation{}}, "image_unsent", models.LevelWarning},
		{"call on Android", vendors.Message{Title: "t", Call: &models.CallInvitation{}, Platform: models.PlatformAndroid}, "call_data_message", models.LevelWarning},
		{"call on iOS", vendors.Message{Title: "t", Call: &models.CallInvitation{}, Platform: models.PlatformIOS}, "call_ios", models.LevelWarning},
		{"call in a browser", vendors.Message{Title: "t", Call: &models.CallInvitation{}, Platform: models.PlatformWeb, FCM: vendors.FCMOptions{Web: good}}, "call_web", models.LevelWarning},
		{"web service worker", web(good), "web_service_worker", models.LevelWarning},
		{"web without link", web(models.FCMWebOptions{Icon: good.Icon}), "web_link_missing", models.LevelWarning},
		{"web without icon", web(models.FCMWebOptions{Link: good.Link}), "web_icon_missing", models.LevelWarning},
		{"web http link", web(models.FCMWebOptions{Link: "http://im.example.com", Icon: good.Icon}), "web_link_https", models.LevelBlocker},
		{"web TTL 0", web(models.FCMWebOptions{Link: good.Link, Icon: good.Icon, TTLSeconds: &zero}), "web_ttl_zero", models.LevelWarning},
		{"web urgency very-low", web(models.FCMWebOptions{Link: good.Link, Icon: good.Icon, Urgency: "very-low"}), "web_urgency_low", models.LevelWarning},
		{"web options, platform not known", vendors.Message{Title: "t", FCM: vendors.FCMOptions{Web: models.FCMWebOptions{Link: good.Link}}}, "web_icon_missing", models.LevelWarning},
		{"web options on Android", vendors.Message{Title: "t", Platform: models.PlatformAndroid, FCM: vendors.FCMOptions{Web: good}}, "web_options_unused", models.LevelWarning},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ws := ch.Lint(tc.msg, c, time.Now())
			if !vendortest.HasWarning(ws, tc.code, tc.level) {
				t.Fatalf("want %s/%s in %+v", tc.code, tc.level, ws)
			}
			vendortest.RequireNamed(t, models.VendorFCM, ws)
		})
	}
	// A well-formed web push has only the service-worker reminder.
	if ws := ch.Lint(web(good), c, time.Now()); len(ws) != 1 {
		t.Fatalf("good web push: %+v", ws)
	}
}
