package apns

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"
	"time"

	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

const goodToken = "4f2a9c1e4f2a9c1e4f2a9c1e4f2a9c1e4f2a9c1e4f2a9c1e4f2a9c1e4f2a9c1e"

// fakeAPNs is the emulator served as api.push.apple.com over real TLS and
// HTTP/2 on loopback, reached through pinning like PUSHCHECK_RESOLVE, by a
// channel that thinks it talks to Apple's production host.
func fakeAPNs(t *testing.T, callTimeout time.Duration) (*Channel, *Emulator) {
	t.Helper()
	ca := vendortest.NewCA(t)
	em := NewEmulator()
	em.slow = 2 * callTimeout
	hosts := []string{"api.push.apple.com", "api.sandbox.push.apple.com"}
	srv := vendortest.Server(t, ca, em, true, hosts...)
	out := vendortest.ClientFactory(srv, ca, hosts...)
	if callTimeout != 5*time.Second {
		out = vendors.PinnedClientFactory(srv.Listener.Addr().String(), ca.Pool, callTimeout, hosts...)
	}
	return New(out, nil), em
}

func tokenCertificate(t *testing.T, em *Emulator, register bool) (models.Certificate, models.CertificateSecrets) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	if register {
		em.AcceptKey("TEAM123456", "ABC123DEFG", "com.example.im", &key.PublicKey)
	}
	c := models.Certificate{ID: 10001, Vendor: models.VendorAPNs, Environment: models.CertProduction, UpdatedAt: time.Now(),
		Settings: models.CertificateSettings{Auth: "token", BundleID: "com.example.im", KeyID: "ABC123DEFG", TeamID: "TEAM123456"}}
	return c, models.CertificateSecrets{P8: pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})}
}

func TestSendWithTokenAuthThroughTheRealHostname(t *testing.T) {
	ch, em := fakeAPNs(t, 5*time.Second)
	c, secrets := tokenCertificate(t, em, true)
	badge := 5
	msg := vendors.Message{Title: "Bob", Desc: "hello", Ext: `{"conv":"c2c_bob"}`, Badge: &badge, DeliveryID: "d-1"}
	r := ch.Send(context.Background(), c, secrets, msg, goodToken)
	// apns-unique-id exists only on the development host.
	if r.Outcome != vendors.Accepted || r.HTTPStatus != 200 || r.MessageID == "" || r.UniqueID != "" {
		t.Fatalf("result: %+v", r)
	}
	for _, want := range []string{"POST https://api.push.apple.com/3/device/4f2a9c…9c1e", "apns-topic: com.example.im", "apns-priority: 10", `"badge":5`, `"ext":"{\"conv\":\"c2c_bob\"}"`, `"delivery_id":"d-1"`, "authorization: bearer [redacted]"} {
		if !strings.Contains(r.Request, want) {
			t.Errorf("request lacks %q:\n%s", want, r.Request)
		}
	}
	if strings.Contains(r.Request, "eyJ") {
		t.Fatal("the stored request holds the JWT")
	}
}

func TestDevelopmentHostAnswersWithAUniqueID(t *testing.T) {
	ch, em := fakeAPNs(t, 5*time.Second)
	c, secrets := tokenCertificate(t, em, true)
	c.Environment = models.CertDevelopment
	r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t", Desc: "d"}, goodToken)
	if r.Outcome != vendors.Accepted || r.UniqueID == "" || !strings.Contains(r.Request, "POST https://api.sandbox.push.apple.com/3/device/") ||
		!strings.Contains(r.Response, "apns-unique-id: "+r.UniqueID) {
		t.Fatalf("result: %+v", r)
	}
}

func TestSendExplainsAPNsAnswers(t *testing.T) {
	ch, em := fakeAPNs(t, 5*time.Second)
	c, secrets := tokenCertificate(t, em, true)
	cases := []struct {
		name, token string
		msg         vendors.Message
		status      int
		reason      string
		kind        models.AnswerKind
	}{
		{"unregistered", strings.Repeat("ab", 28) + MarkerUnregistered, vendors.Message{Title: "t"}, 410, "Unregistered", models.AnswerDeadToken},
		{"quota", strings.Repeat("ab", 28) + MarkerQuota, vendors.Message{Title: "t"}, 429, "TooManyRequests", models.AnswerDeviceLimit},
		{"down", strings.Repeat("ab", 28) + MarkerDown, vendors.Message{Title: "t"}, 503, "ServiceUnavailable", models.AnswerTransient},
		{"short token", "abcd", vendors.Message{Title: "t"}, 400, "BadDeviceToken", models.AnswerBadRequest},
		{"collapse id", goodToken, vendors.Message{Title: "t", APNs: vendors.APNsOptions{CollapseID: strings.Repeat("c", 65)}}, 400, "BadCollapseId", models.AnswerBadRequest},
		{"too large", goodToken, vendors.Message{Title: "t", Desc: strings.Repeat("x", 5000)}, 413, "PayloadTooLarge", models.AnswerBadRequest},
		{"push type", goodToken, vendors.Message{Title: "t", APNs: vendors.APNsOptions{PushType: "banana"}}, 400, "InvalidPushType", models.AnswerBadRequest},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := ch.Send(context.Background(), c, secrets, tc.msg, tc.token)
			if r.HTTPStatus != tc.status || r.Code != tc.reason || r.Kind != tc.kind || r.Explanation == "" || r.Fix == "" {
				t.Fatalf("result: %+v", r)
			}
			if r.Outcome == vendors.Accepted {
				t.Fatal("accepted")
			}
		})
	}
	// A key APNs does not know (revoked, wrong team): InvalidProviderToken.
	other, otherSecrets := tokenCertificate(t, em, false)
	other.ID = 10002
	if r := ch.Send(context.Background(), other, otherSecrets, vendors.Message{Title: "t"}, goodToken); r.Code != "InvalidProviderToken" || r.HTTPStatus != 403 {
		t.Fatalf("unknown key: %+v", r)
	}
}

func TestSendTimesOutWithAnExplanation(t *testing.T) {
	ch, em := fakeAPNs(t, 300*time.Millisecond)
	c, secrets := tokenCertificate(t, em, true)
	r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t"}, strings.Repeat("ab", 28)+MarkerSlow)
	if r.Outcome != vendors.Failed || !strings.Contains(r.Explanation, "did not answer within") {
		t.Fatalf("result: %+v", r)
	}
}

func TestSendWithCertificateAuth(t *testing.T) {
	ch, em := fakeAPNs(t, 5*time.Second)
	key, cert := pushCertificate(t, "com.example.im", false, true, time.Now().Add(300*24*time.Hour))
	em.AcceptCertificate(cert, "com.example.im")
	c := models.Certificate{ID: 10003, Vendor: models.VendorAPNs, Environment: models.CertProduction, UpdatedAt: time.Now(), Topic: "com.example.im",
		Settings: models.CertificateSettings{Auth: "certificate", BundleID: "com.example.im"}}
	secrets := models.CertificateSecrets{P12: p12(t, pkcs12.Modern2023, key, cert, "pw"), P12Password: "pw"}
	r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t", Desc: "d"}, goodToken)
	if r.Outcome != vendors.Accepted || !strings.Contains(r.Request, "(TLS client certificate)") {
		t.Fatalf("result: %+v", r)
	}
	// An unregistered client certificate is refused by the fake.
	key2, cert2 := pushCertificate(t, "com.example.im", false, true, time.Now().Add(300*24*time.Hour))
	c.ID, secrets.P12 = 10004, p12(t, pkcs12.Modern2023, key2, cert2, "pw")
	if r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t"}, goodToken); r.Code != "BadCertificate" {
		t.Fatalf("unknown certificate: %+v", r)
	}
}

func TestBackgroundPushAndDryRun(t *testing.T) {
	ch, em := fakeAPNs(t, 5*time.Second)
	c, secrets := tokenCertificate(t, em, true)
	r := ch.Send(context.Background(), c, secrets, vendors.Message{APNs: vendors.APNsOptions{PushType: "background"}}, goodToken)
	if r.Outcome != vendors.Accepted || !strings.Contains(r.Request, "apns-priority: 5") || !strings.Contains(r.Request, `"content-available":1`) {
		t.Fatalf("background: %+v", r)
	}
	r = ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t", DryRun: true}, strings.Repeat("ab", 28)+MarkerUnregistered)
	if r.Outcome != vendors.NotSent || r.Kind != models.AnswerNotSent || r.HTTPStatus != 0 || !strings.Contains(r.Explanation, "not sent") {
		t.Fatalf("dry run reached APNs: %+v", r)
	}
}

func TestEveryReasonIsExplained(t *testing.T) {
	reasons := []string{"BadCollapseId", "BadDeviceToken", "BadExpirationDate", "BadMessageId", "BadPriority", "BadTopic",
		"DeviceTokenNotForTopic", "DuplicateHeaders", "IdleTimeout", "InvalidPushType", "MissingDeviceToken", "MissingTopic",
		"PayloadEmpty", "TopicDisallowed", "BadCertificate", "BadCertificateEnvironment", "ExpiredProviderToken", "Forbidden",
		"InvalidProviderToken", "MissingProviderToken", "BadPath", "MethodNotAllowed", "ExpiredToken", "Unregistered",
		"PayloadTooLarge", "TooManyProviderTokenUpdates", "TooManyRequests", "InternalServerError", "ServiceUnavailable", "Shutdown"}
	table := codes()
	for _, r := range reasons {
		c, ok := table[r]
		if !ok || c.Explanation == "" || c.Fix == "" || c.Outcome == "" {
			t.Errorf("%s: %+v", r, c)
		}
	}
	if !strings.Contains(table["BadDeviceToken"].Explanation, "sandbox") {
		t.Error("BadDeviceToken must point at the environment mismatch")
	}
	if u := explain("SomethingNew"); !strings.Contains(u.Explanation, "SomethingNew") {
		t.Errorf("unknown reason: %+v", u)
	}
}

func TestSandboxCertificateSendsToTheBuiltInEmulator(t *testing.T) {
	sandbox, err := vendors.NewSandbox(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer sandbox.Close()
	// The production clients trusts nothing local: only the sandbox's own
	// pinning can reach the emulator.
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), sandbox)
	c, secrets := tokenCertificate(t, ch.emulator, false)
	c.Environment = models.CertSandbox
	if r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t"}, goodToken); r.Outcome != vendors.Accepted || r.MessageID == "" {
		t.Fatalf("sandbox send: %+v", r)
	}
	if r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t"}, strings.Repeat("ab", 28)+MarkerUnregistered); r.Code != "Unregistered" || !r.TokenDead() {
		t.Fatalf("scripted token: %+v", r)
	}
}

func TestCheckProvesTheCredentials(t *testing.T) {
	ch, em := fakeAPNs(t, 5*time.Second)
	c, secrets := tokenCertificate(t, em, true)
	if r := ch.Check(context.Background(), c, secrets); !r.OK {
		t.Fatalf("good key: %+v", r)
	}
	bad, badSecrets := tokenCertificate(t, em, false)
	bad.ID = 10009
	if r := ch.Check(context.Background(), bad, badSecrets); r.OK || !strings.Contains(r.Message, "InvalidProviderToken") {
		t.Fatalf("unknown key: %+v", r)
	}
}
