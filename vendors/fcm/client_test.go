package fcm

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// fakeFCM serves the emulator as fcm.googleapis.com and
// oauth2.googleapis.com over real TLS on loopback; the channel reaches it
// through pinning, with an ordinary production certificate whose
// service-account token_uri is Google's.
func fakeFCM(t *testing.T) (*Channel, *Emulator) {
	t.Helper()
	ca := vendortest.NewCA(t)
	em := NewEmulator()
	hosts := []string{"fcm.googleapis.com", "oauth2.googleapis.com"}
	srv := vendortest.Server(t, ca, em, false, hosts...)
	return New(vendortest.ClientFactory(srv, ca, hosts...), nil), em
}

func productionCertificate(t *testing.T, em *Emulator, register bool) (models.Certificate, models.CertificateSecrets) {
	t.Helper()
	json := serviceAccountJSON(t, nil)
	sa, err := parseServiceAccount(json)
	if err != nil {
		t.Fatal(err)
	}
	if register {
		if err := em.AcceptServiceAccount(sa); err != nil {
			t.Fatal(err)
		}
	}
	c := models.Certificate{ID: 10002, Vendor: models.VendorFCM, Environment: models.CertProduction, UpdatedAt: time.Now(),
		Settings: models.CertificateSettings{ProjectID: sa.ProjectID, ClientEmail: sa.ClientEmail}}
	return c, models.CertificateSecrets{ServiceAccountJSON: json}
}

func TestSendThroughTheRealHostnames(t *testing.T) {
	ch, em := fakeFCM(t)
	c, secrets := productionCertificate(t, em, true)
	badge, ttl := 3, 600
	msg := vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"conv":"c2c_bob"}`, Badge: &badge, DeliveryID: "d-1",
		FCM: vendors.FCMOptions{ChannelID: "im", TTLSeconds: &ttl}}
	r := ch.Send(context.Background(), c, secrets, msg, "fcm-token-abc:123")
	if r.Outcome != vendors.Accepted || r.HTTPStatus != 200 || !strings.HasPrefix(r.MessageID, "projects/demo-im/messages/") {
		t.Fatalf("result: %+v", r)
	}
	for _, want := range []string{"POST https://fcm.googleapis.com/v1/projects/demo-im/messages:send", `"ext":"{\"conv\":\"c2c_bob\"}"`, `"channel_id":"im"`, `"ttl":"600s"`, `"notification_count":3`, `"pushcheck_delivery_id":"d-1"`, "[redacted]"} {
		if !strings.Contains(r.Request, want) {
			t.Errorf("request lacks %q:\n%s", want, r.Request)
		}
	}
	if strings.Contains(r.Request, "ya29") || strings.Contains(r.Request, "fcm-token-abc:123") {
		t.Fatalf("the stored request holds a secret or the full token:\n%s", r.Request)
	}
	dry := msg
	dry.DryRun = true
	if r := ch.Send(context.Background(), c, secrets, dry, "fcm-token-abc:123"); r.Outcome != vendors.Validated || r.Kind != models.AnswerValidated || !strings.HasSuffix(r.MessageID, "fake_message_id") || !strings.Contains(r.Explanation, "validated by FCM") {
		t.Fatalf("dry run: %+v", r)
	}
}

func TestSendExplainsFCMAnswers(t *testing.T) {
	ch, em := fakeFCM(t)
	c, secrets := productionCertificate(t, em, true)
	bigTTL := 3_000_000
	cases := []struct {
		name, token string
		msg         vendors.Message
		status      int
		code        string
		outcome     vendors.Outcome
		kind        models.AnswerKind
	}{
		{"unregistered", "tok-unregistered-1", vendors.Message{Title: "t"}, 404, "UNREGISTERED", vendors.Rejected, models.AnswerDeadToken},
		// A rate, project-wide or per device: it passes, and marks nothing.
		{"quota", "tok-quota-1", vendors.Message{Title: "t"}, 429, "QUOTA_EXCEEDED", vendors.Failed, models.AnswerTransient},
		{"bad TTL", "tok-1", vendors.Message{Title: "t", FCM: vendors.FCMOptions{TTLSeconds: &bigTTL}}, 400, "INVALID_ARGUMENT", vendors.Rejected, models.AnswerBadRequest},
		{"too big", "tok-1", vendors.Message{Title: "t", Desc: strings.Repeat("x", 5000)}, 400, "INVALID_ARGUMENT", vendors.Rejected, models.AnswerBadRequest},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := ch.Send(context.Background(), c, secrets, tc.msg, tc.token)
			if r.HTTPStatus != tc.status || r.Code != tc.code || r.Kind != tc.kind || r.Explanation == "" || r.Fix == "" || r.Outcome != tc.outcome {
				t.Fatalf("result: %+v", r)
			}
			if !strings.Contains(r.Response, tc.code) {
				t.Fatalf("response body not kept: %s", r.Response)
			}
		})
	}
	// A service account Google does not know: the token exchange fails.
	other, otherSecrets := productionCertificate(t, em, false)
	other.ID = 10003
	if r := ch.Send(context.Background(), other, otherSecrets, vendors.Message{Title: "t"}, "tok"); r.Code != "oauth:invalid_grant" || r.HTTPStatus != 400 {
		t.Fatalf("unknown service account: %+v", r)
	}
}

func TestSandboxCertificateSendsToTheBuiltInEmulator(t *testing.T) {
	sandbox, err := vendors.NewSandbox(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer sandbox.Close()
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), sandbox)
	c, secrets := productionCertificate(t, ch.emulator, false)
	c.Environment = models.CertSandbox
	if r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t"}, "tok"); r.Outcome != vendors.Accepted {
		t.Fatalf("sandbox send: %+v", r)
	}
}

func TestEveryCodeIsExplained(t *testing.T) {
	for _, code := range []string{"UNSPECIFIED_ERROR", "INVALID_ARGUMENT", "UNREGISTERED", "SENDER_ID_MISMATCH", "QUOTA_EXCEEDED",
		"UNAVAILABLE", "INTERNAL", "THIRD_PARTY_AUTH_ERROR", "APNS_AUTH_ERROR", "UNAUTHENTICATED", "PERMISSION_DENIED"} {
		c, ok := codes()[code]
		if !ok || c.Explanation == "" || c.Fix == "" || c.Outcome == "" {
			t.Errorf("%s: %+v", code, c)
		}
	}
	if u := explain("NEW_CODE", "something"); !strings.Contains(u.Explanation, "NEW_CODE") || !strings.Contains(u.Explanation, "something") {
		t.Errorf("unknown code: %+v", u)
	}
}

func TestCheckProvesTheServiceAccount(t *testing.T) {
	ch, em := fakeFCM(t)
	c, secrets := productionCertificate(t, em, true)
	if r := ch.Check(context.Background(), c, secrets); !r.OK {
		t.Fatalf("good account: %+v", r)
	}
	bad, badSecrets := productionCertificate(t, em, false)
	bad.ID = 10009
	if r := ch.Check(context.Background(), bad, badSecrets); r.OK || !strings.Contains(r.Message, "invalid_grant") {
		t.Fatalf("unknown account: %+v", r)
	}
}
