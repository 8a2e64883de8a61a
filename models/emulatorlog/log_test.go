package emulatorlog_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/emulatorlog"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/all"
)

// A sandbox send through the real channel lands in the store, read by the
// vendor's reader, with its secret and whole token nowhere in the row.
func TestLogWritesWhatTheEmulatorsSaw(t *testing.T) {
	store := storagetest.Open(t)
	sandbox, err := vendors.NewSandbox(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := sandbox.Close(); err != nil {
			t.Error(err)
		}
	}()
	registry, err := all.Registry(vendors.NewClientFactory(vendors.ClientConfig{}), sandbox)
	if err != nil {
		t.Fatal(err)
	}
	log := emulatorlog.New(store, registry, nil, emulatorlog.Options{Flush: 20 * time.Millisecond})
	sandbox.Observe(log.Observe)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { log.Run(ctx); close(done) }()

	ch, err := registry.Channel(models.VendorXiaomi)
	if err != nil {
		t.Fatal(err)
	}
	c := models.Certificate{ID: 10005, AppID: 1, Vendor: models.VendorXiaomi, Environment: models.CertSandbox,
		Settings: models.CertificateSettings{PackageName: "com.example.im", ChannelID: "im"}}
	const token = "mi-regid-0123456789abcdef"
	if r := ch.Send(context.Background(), c, models.CertificateSecrets{AppSecret: "mi-very-secret"}, vendors.Message{Title: "Bob", Desc: "hi", DeliveryID: "d-1"}, token); r.Outcome != vendors.Accepted {
		t.Fatalf("send: %+v", r)
	}
	deadline := time.Now().Add(5 * time.Second)
	for log.Written() < 1 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	rows, err := store.SandboxRequests(context.Background(), models.SandboxRequestFilter{AppID: 1, TokenHash: models.HashDeviceToken(token)})
	if err != nil || len(rows) != 1 {
		t.Fatalf("rows %+v, %v", rows, err)
	}
	r := rows[0]
	if r.Verdict != models.VerdictAccepted || *r.CertificateID != 10005 || r.Credential != "AppSecret of com.example.im" || r.Code != "0" || r.Delivered != 1 || r.Tokens[0] != models.MaskToken(token) {
		t.Fatalf("row: %+v", r)
	}
	for _, secret := range []string{"mi-very-secret", token} {
		if strings.Contains(r.Request+r.Answer, secret) {
			t.Fatalf("%q is in the row:\n%s\n%s", secret, r.Request, r.Answer)
		}
	}
	if !strings.Contains(r.Request, "Authorization: key=[redacted]") || !strings.Contains(r.Request, "title=Bob") {
		t.Fatalf("request:\n%s", r.Request)
	}
}

// The observer never waits: past the buffer, exchanges are counted and
// dropped.
func TestObserveDropsWhenFull(t *testing.T) {
	log := emulatorlog.New(nil, nil, nil, emulatorlog.Options{Buffer: 2})
	start := time.Now()
	for range 5 {
		log.Observe(vendors.EmulatorExchange{Vendor: models.VendorAPNs})
	}
	if log.Dropped() != 3 || time.Since(start) > time.Second {
		t.Fatalf("dropped %d", log.Dropped())
	}
}

// A large push's exchanges past the rate are counted, not queued: the
// log never takes the CPU the push and the pages need.
func TestObserveKeepsToItsRate(t *testing.T) {
	log := emulatorlog.New(nil, nil, nil, emulatorlog.Options{Buffer: 100, PerSecond: 0.001, Burst: 3})
	for range 10 {
		log.Observe(vendors.EmulatorExchange{Vendor: models.VendorAPNs})
	}
	if log.Dropped() != 7 {
		t.Fatalf("dropped %d of 10 with a burst of 3", log.Dropped())
	}
}

func TestRowRedactsEveryCredential(t *testing.T) {
	x := vendors.EmulatorExchange{Vendor: models.VendorOPPO, Method: "POST", Host: "api.push.oppomobile.com", Path: "/server/v1/auth",
		Header: http.Header{"Authorization": {"Bearer abc.def.ghi"}, "Authtoken": {"tok-123"}, "Content-Type": {"application/x-www-form-urlencoded"}},
		Body:   []byte("app_key=k1&timestamp=1700000000000&sign=deadbeefsign&client_secret=s3cret&assertion=eyJhbGc.x.y"),
		Status: 200, Answer: []byte(`{"code":0,"data":{"auth_token":"issued-token","access_token": "at-1"}}`)}
	r := emulatorlog.Row(x, vendors.Observed{Code: "0", AuthOK: true, Accepted: true, Grant: true})
	for _, secret := range []string{"abc.def.ghi", "tok-123", "deadbeefsign", "s3cret", "eyJhbGc", "issued-token", "at-1"} {
		if strings.Contains(r.Request+r.Answer, secret) {
			t.Errorf("%q is in the row:\n%s\n%s", secret, r.Request, r.Answer)
		}
	}
	if !strings.Contains(r.Request, "timestamp=1700000000000") || !strings.Contains(r.Request, "app_key=k1") || r.Verdict != models.VerdictAccepted {
		t.Fatalf("row: %+v", r)
	}
}
