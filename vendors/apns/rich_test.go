package apns

import (
	"context"
	"strings"
	"testing"
	"time"

	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// payloadOf is the JSON payload of the request as sent.
func payloadOf(t *testing.T, request string) map[string]any {
	t.Helper()
	var m map[string]any
	vendortest.DecodeStoredBody(t, request, &m)
	return m
}

// An alert carries the image for the notification service extension, the
// interruption level and the thread ID where iOS reads them.
func TestRichAlertIsSentAsAppleReadsIt(t *testing.T) {
	ch, em := fakeAPNs(t, 5*time.Second)
	c, secrets := tokenCertificate(t, em, true)
	msg := vendors.Message{Title: "Bob", Desc: "a photo", Image: "https://cdn.example.com/p.jpg", DeliveryID: "d-1",
		APNs: vendors.APNsOptions{InterruptionLevel: "time-sensitive", ThreadID: "c2c_bob"}}
	r := ch.Send(context.Background(), c, secrets, msg, goodToken)
	if r.Outcome != vendors.Accepted {
		t.Fatalf("result: %+v", r)
	}
	p := payloadOf(t, r.Request)
	aps := p["aps"].(map[string]any)
	if aps["mutable-content"] != 1.0 || aps["interruption-level"] != "time-sensitive" || aps["thread-id"] != "c2c_bob" || p["image"] != "https://cdn.example.com/p.jpg" {
		t.Fatalf("payload: %v", p)
	}
	for _, want := range []string{"apns-push-type: alert", "apns-topic: com.example.im", "apns-priority: 10"} {
		if !strings.Contains(r.Request, want) {
			t.Errorf("request lacks %q:\n%s", want, r.Request)
		}
	}
}

// A call invitation is a VoIP push to the .voip topic at priority 10,
// with the call's fields and no alert, whatever push type was chosen; the
// emulator takes it as APNs does.
func TestCallInvitationIsAVoIPPush(t *testing.T) {
	ch, em := fakeAPNs(t, 5*time.Second)
	c, secrets := tokenCertificate(t, em, true)
	msg := vendors.Message{Title: "Alice", Desc: "incoming call", Ext: `{"room":"r1"}`, DeliveryID: "d-9", Image: "https://cdn.example.com/a.jpg",
		Call: &models.CallInvitation{Video: true}, APNs: vendors.APNsOptions{PushType: "alert", Priority: 5}}
	r := ch.Send(context.Background(), c, secrets, msg, goodToken)
	if r.Outcome != vendors.Accepted {
		t.Fatalf("result: %+v", r)
	}
	for _, want := range []string{"apns-push-type: voip", "apns-topic: com.example.im.voip", "apns-priority: 10"} {
		if !strings.Contains(r.Request, want) {
			t.Errorf("request lacks %q:\n%s", want, r.Request)
		}
	}
	p := payloadOf(t, r.Request)
	if aps := p["aps"].(map[string]any); len(aps) != 0 {
		t.Errorf("a VoIP push carries an alert: %v", aps)
	}
	// The call ID defaults to the delivery ID, the caller to the title.
	if p["call_id"] != "d-9" || p["caller"] != "Alice" || p["video"] != true || p["ext"] != `{"room":"r1"}` || p["image"] != nil {
		t.Fatalf("payload: %v", p)
	}
	if p["pushcheck"].(map[string]any)["delivery_id"] != "d-9" {
		t.Fatalf("delivery ID: %v", p)
	}
}

// A .p12 made without the VoIP service cannot push calls: the lint blocks
// with the reason APNs gives, and the emulator answers it.
func TestCallOnACertificateWithoutTheVoIPTopic(t *testing.T) {
	ch, em := fakeAPNs(t, 5*time.Second)
	key, cert := pushCertificate(t, "com.example.im", false, true, time.Now().Add(300*24*time.Hour), "com.example.im")
	em.AcceptCertificate(cert, "com.example.im")
	c := models.Certificate{ID: 10003, Vendor: models.VendorAPNs, Environment: models.CertProduction, UpdatedAt: time.Now(), Topic: "com.example.im",
		Settings: models.CertificateSettings{Auth: "certificate", BundleID: "com.example.im", Topics: []string{"com.example.im"}}}
	secrets := models.CertificateSecrets{P12: p12(t, pkcs12.Modern2023, key, cert, "pw"), P12Password: "pw"}
	call := vendors.Message{Title: "Alice", Call: &models.CallInvitation{}}
	if r := ch.Send(context.Background(), c, secrets, call, goodToken); r.Code != "TopicDisallowed" || r.Outcome == vendors.Accepted {
		t.Fatalf("call: %+v", r)
	}
	if ws := ch.Lint(call, c, time.Now()); !vendortest.HasWarning(ws, "voip_topic_missing", models.LevelBlocker) {
		t.Fatalf("lint: %+v", ws)
	}
	if r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t", Desc: "d"}, goodToken); r.Outcome != vendors.Accepted {
		t.Fatalf("alert on the same certificate: %+v", r)
	}
	// With the VoIP topic (or a .p8 key) the lint does not block.
	c.Settings.Topics = []string{"com.example.im", "com.example.im.voip"}
	if ws := ch.Lint(call, c, time.Now()); vendortest.HasWarning(ws, "voip_topic_missing", models.LevelBlocker) || !vendortest.HasWarning(ws, "voip_callkit", models.LevelWarning) {
		t.Fatalf("lint with the VoIP topic: %+v", ws)
	}
	c.Settings.Topics = nil
	if ws := ch.Lint(call, c, time.Now()); !vendortest.HasWarning(ws, "voip_topic_unknown", models.LevelWarning) {
		t.Fatalf("lint without topics read: %+v", ws)
	}
}

func TestRichLint(t *testing.T) {
	ch := New(nil, nil)
	c := models.Certificate{ID: 10001, Vendor: models.VendorAPNs, Settings: models.CertificateSettings{Auth: "token", BundleID: "com.example.im"}}
	cases := []struct {
		name  string
		msg   vendors.Message
		code  string
		level string
	}{
		{"image needs an extension", vendors.Message{Title: "t", Image: "https://cdn.example.com/p.jpg"}, "image_needs_extension", models.LevelWarning},
		{"http image", vendors.Message{Title: "t", Image: "http://cdn.example.com/p.jpg"}, "image_url", models.LevelBlocker},
		{"time-sensitive", vendors.Message{Title: "t", APNs: vendors.APNsOptions{InterruptionLevel: "time-sensitive"}}, "time_sensitive_entitlement", models.LevelWarning},
		{"critical", vendors.Message{Title: "t", APNs: vendors.APNsOptions{InterruptionLevel: "critical"}}, "critical_entitlement", models.LevelWarning},
		{"image on a background push", vendors.Message{Image: "https://cdn.example.com/p.jpg", APNs: vendors.APNsOptions{PushType: "background"}}, "alert_fields_unsent", models.LevelWarning},
		{"VoIP payload over 5120 bytes", vendors.Message{Title: strings.Repeat("x", 5200), Call: &models.CallInvitation{}}, "payload_too_large", models.LevelBlocker},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ws := ch.Lint(tc.msg, c, time.Now())
			if !vendortest.HasWarning(ws, tc.code, tc.level) {
				t.Fatalf("want %s/%s in %+v", tc.code, tc.level, ws)
			}
			vendortest.RequireNamed(t, models.VendorAPNs, ws)
		})
	}
	// A plain alert with a thread ID and the active level has nothing to say.
	if ws := ch.Lint(vendors.Message{Title: "t", APNs: vendors.APNsOptions{InterruptionLevel: "active", ThreadID: "c"}}, c, time.Now()); len(ws) != 0 {
		t.Fatalf("plain alert: %+v", ws)
	}
}

// What breaks calls (a .p12 without the VoIP topic, no VoIP token) fails
// the verdict of a missed call, and is only a note otherwise: the device
// gets every other message.
func TestDiagnoseCallReadiness(t *testing.T) {
	ch := New(nil, nil)
	p12cert := models.Certificate{ID: 10003, Vendor: models.VendorAPNs, Settings: models.CertificateSettings{Auth: "certificate", BundleID: "com.example.im", Topics: []string{"com.example.im"}}}
	p8cert := models.Certificate{ID: 10001, Vendor: models.VendorAPNs, Settings: models.CertificateSettings{Auth: "token", BundleID: "com.example.im"}}
	ready := models.Device{Vendor: models.VendorAPNs, Platform: models.PlatformIOS, Token: goodToken, VoIPToken: strings.Repeat("cd", 32)}
	noVoIP := ready
	noVoIP.VoIPToken = ""
	call := models.MissedMessage{Type: "call"}
	cases := []struct {
		name  string
		dev   models.Device
		cert  models.Certificate
		msg   models.MissedMessage
		topic models.CheckStatus
		token models.CheckStatus
	}{
		{"p8 and a VoIP token", ready, p8cert, call, models.CheckPass, models.CheckPass},
		{"p12 without the VoIP topic, a missed call", ready, p12cert, call, models.CheckFail, models.CheckPass},
		{"no VoIP token, a missed call", noVoIP, p8cert, call, models.CheckPass, models.CheckFail},
		{"p12 without the VoIP topic, a text message", ready, p12cert, models.MissedMessage{Type: "text"}, models.CheckPass, models.CheckPass},
		{"no VoIP token, no message described", noVoIP, p8cert, models.MissedMessage{}, models.CheckPass, models.CheckPass},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cert := tc.cert
			checks := ch.Diagnose(models.DiagnosisInput{Device: tc.dev, Certificate: &cert, Message: tc.msg})
			got := map[string]models.Check{}
			for _, c := range checks {
				got[c.ID] = c
			}
			if got["voip_topic"].Status != tc.topic || got["voip_token"].Status != tc.token {
				t.Fatalf("checks: %+v", checks)
			}
			if tc.dev.VoIPToken == "" && !strings.Contains(got["voip_token"].Evidence, "no VoIP") {
				t.Errorf("the note about the missing VoIP token is gone: %+v", got["voip_token"])
			}
			for _, c := range checks {
				if c.Status == models.CheckFail && (c.Fix == "" || c.Cause == "") {
					t.Errorf("a failure without fix or cause: %+v", c)
				}
			}
		})
	}
}
