package alerts_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/alerts"
	"github.com/pushcheck/pushcheck/vendors"
)

// found names each alert as "certificate name/kind/days", sorted.
func found(as []models.CertificateAlert) []string {
	var out []string
	for _, a := range as {
		out = append(out, fmt.Sprintf("%s/%s/%d", a.Certificate.Name, a.Kind, a.Days))
	}
	slices.Sort(out)
	return out
}

func wantFound(t *testing.T, what string, got []models.CertificateAlert, want ...string) {
	t.Helper()
	slices.Sort(want)
	if g := found(got); !slices.Equal(g, want) {
		t.Fatalf("%s: alerts %q, want %q", what, g, want)
	}
}

func TestCheckAlertsEachThresholdOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	in := func(d time.Duration) *time.Time { return ptr(now.Add(d)) }
	day := 24 * time.Hour
	f.certificate("in-40d", models.CertProduction, in(40*day))
	f.certificate("in-20d", models.CertProduction, in(20*day))
	f.certificate("in-5d", models.CertProduction, in(5*day))
	soon := f.certificate("in-12h", models.CertProduction, in(12*time.Hour))
	f.certificate("expired", models.CertProduction, in(-2*day))
	f.certificate("dev-in-25d", models.CertDevelopment, in(25*day))
	f.certificate("sandbox-in-5d", models.CertSandbox, in(5*day))
	f.certificate("never-expires", models.CertProduction, nil)
	failing := f.certificate("failing", models.CertProduction, nil)
	if err := f.store.RecordCertificateCheck(ctx, f.app.ID, failing.ID, false, "InvalidProviderToken", now.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.service(alerts.Options{}).SaveWebhook(ctx, f.app.ID, models.WebhookInput{Kind: "slack", URL: ptr(f.hook.srv.URL + "/services/T0/B0/x")}); err != nil {
		t.Fatal(err)
	}
	svc := f.service(alerts.Options{})

	r, err := svc.Run(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	wantFound(t, "first run", r.New, "in-20d/expiry/30", "in-5d/expiry/7", "in-12h/expiry/1", "expired/expiry/1",
		"dev-in-25d/expiry/30", "failing/check_failed/0")
	posts := f.hook.taken()
	if len(posts) != 1 {
		t.Fatalf("%d posts for one batch, want 1", len(posts))
	}
	text := posts[0].json(t)["text"].(string)
	for _, want := range []string{"pushcheck · Chat IM", "6 certificate alerts", "in-5d (APNs, production): expires in 5 days",
		"expired (APNs, production): expired on 2025-02-27", "failing (APNs, production): Test connection failed: InvalidProviderToken",
		fmt.Sprintf("https://console.example/apps/%d/certificates/%d", f.app.ID, soon.ID)} {
		if !strings.Contains(text, want) {
			t.Errorf("message lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "sandbox") || strings.Contains(text, "in-40d") {
		t.Errorf("message names a certificate with nothing wrong:\n%s", text)
	}

	// Run again, as a restart would: nothing new, nothing posted.
	if r, err = f.service(alerts.Options{}).Run(ctx, now.Add(time.Hour)); err != nil || len(r.New) != 0 {
		t.Fatalf("second run: %v, %v; want no new alerts", found(r.New), err)
	}
	if n := len(f.hook.taken()); n != 1 {
		t.Fatalf("%d posts after a second run, want still 1", n)
	}

	// Fifteen days on, each certificate crossing a threshold is told once more.
	later := now.Add(15 * day)
	if r, err = svc.Run(ctx, later); err != nil {
		t.Fatal(err)
	}
	wantFound(t, "15 days later", r.New, "in-40d/expiry/30", "in-20d/expiry/7", "in-5d/expiry/1")

	// A renewed certificate (a new expiry date) is told about again.
	soon.ExpiresAt = ptr(later.Add(20 * day))
	if _, err := f.store.UpdateCertificate(ctx, soon); err != nil {
		t.Fatal(err)
	}
	if r, err = svc.Run(ctx, later); err != nil {
		t.Fatal(err)
	}
	wantFound(t, "after renewal", r.New, "in-12h/expiry/30")
	if n := len(f.hook.taken()); n != 3 {
		t.Fatalf("%d posts, want one per batch: 3", n)
	}
}

func TestFailedCheckAlertsOncePerFailure(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	c := f.certificate("fcm", models.CertProduction, nil)
	svc := f.service(alerts.Options{})
	check := func(ok bool, at time.Time) {
		t.Helper()
		if err := f.store.RecordCertificateCheck(ctx, f.app.ID, c.ID, ok, "invalid_grant", at); err != nil {
			t.Fatal(err)
		}
	}
	run := func(at time.Time, want ...string) {
		t.Helper()
		r, err := svc.Run(ctx, at)
		if err != nil {
			t.Fatal(err)
		}
		wantFound(t, at.String(), r.New, want...)
	}
	check(false, now)
	run(now, "fcm/check_failed/0")
	check(false, now.Add(time.Hour)) // failing again: the same failure
	run(now.Add(2 * time.Hour))
	check(true, now.Add(3*time.Hour))
	run(now.Add(4 * time.Hour))
	check(false, now.Add(5*time.Hour)) // a new failure after a pass
	run(now.Add(6*time.Hour), "fcm/check_failed/0")
}

func TestSeveralInstancesAlertOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := range 5 {
		f.certificate(fmt.Sprintf("c%d", i), models.CertProduction, ptr(now.Add(time.Duration(i+1)*24*time.Hour)))
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var all []models.CertificateAlert
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := f.service(alerts.Options{}).Run(ctx, now)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			all = append(all, r.New...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	wantFound(t, "three instances", all, "c0/expiry/1", "c1/expiry/7", "c2/expiry/7", "c3/expiry/7", "c4/expiry/7")
}

// probe is a vendor's Test connection that fails for one certificate.
type probe struct {
	mu     sync.Mutex
	calls  []int64
	failID int64
}

func (p *probe) Check(_ context.Context, cert models.Certificate, _ models.CertificateSecrets) vendors.CheckResult {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, cert.ID)
	if cert.ID == p.failID {
		return vendors.CheckResult{Message: "BadCertificate: the certificate was revoked"}
	}
	return vendors.CheckResult{OK: true, Message: "authenticated"}
}

func (p *probe) called() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.calls)
}

func TestDailyRecheckOfProductionCertificatesOnceAmongInstances(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	good := f.certificate("good", models.CertProduction, nil)
	revoked := f.certificate("revoked", models.CertProduction, nil)
	f.certificate("dev", models.CertDevelopment, nil)
	f.certificate("sandbox", models.CertSandbox, nil)
	p := &probe{failID: revoked.ID}
	checker := func(models.Vendor) (vendors.Checker, error) { return p, nil }
	a := f.service(alerts.Options{CheckerOf: checker})
	b := f.service(alerts.Options{CheckerOf: checker})

	r, err := a.Run(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if r.Rechecked != 2 || p.called() != 2 {
		t.Fatalf("rechecked %d with %d calls, want the 2 production certificates", r.Rechecked, p.called())
	}
	wantFound(t, "after the round", r.New, "revoked/check_failed/0")
	c, err := f.store.CertificateByID(ctx, f.app.ID, good.ID)
	if err != nil || c.CheckOK == nil || !*c.CheckOK || !c.CheckedAt.Equal(now) {
		t.Fatalf("good certificate's check: %v at %v, %v", c.CheckOK, c.CheckedAt, err)
	}
	entries, err := f.store.AuditLog(ctx, models.AuditFilter{Action: models.AuditCertificateCheck, Limit: 10})
	if err != nil || len(entries) != 2 || entries[0].Actor != "pushcheck (daily check)" {
		t.Fatalf("audit entries %+v, %v; want two by the daily check", entries, err)
	}

	// Another instance starting an hour later does not call the vendors again.
	if r, err = b.Run(ctx, now.Add(time.Hour)); err != nil || r.Rechecked != 0 || p.called() != 2 {
		t.Fatalf("second instance rechecked %d (%d calls), %v; want 0", r.Rechecked, p.called(), err)
	}
	// A day later one of them does.
	ra, err := a.Run(ctx, now.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	rb, err := b.Run(ctx, now.Add(24*time.Hour+time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if ra.Rechecked+rb.Rechecked != 2 || p.called() != 4 {
		t.Fatalf("next day: rechecked %d+%d (%d calls), want one round of 2", ra.Rechecked, rb.Rechecked, p.called())
	}
}
