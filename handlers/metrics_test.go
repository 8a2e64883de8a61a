package handlers_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/pushcheck/pushcheck/handlers"
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/metrics"
)

const scrapeToken = "scrape-token-0123456789abcdef"

// newMetricsEnv is a console with metrics on its own registry, scraped
// with scrapeToken.
func newMetricsEnv(t *testing.T, adjust func(*handlers.Config)) *env {
	t.Helper()
	reg := prometheus.NewRegistry()
	m, err := metrics.New(reg, "test")
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e := newEnvWith(t, func(cfg *handlers.Config) {
		cfg.Metrics, cfg.MetricsHandler, cfg.MetricsToken = m, metrics.Handler(reg, log), scrapeToken
		if adjust != nil {
			adjust(cfg)
		}
	})
	pool, err := e.store.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	if err := metrics.RegisterDatabase(reg, metrics.Sources{Pool: pool, Certificates: e.store, Queue: e.sender, Log: log}); err != nil {
		t.Fatal(err)
	}
	return e
}

// exposition is one scrape, parsed.
type exposition map[string]*dto.MetricFamily

func (e *env) scrape(t *testing.T) exposition {
	t.Helper()
	r := e.call(nil, http.MethodGet, "/metrics", scrapeToken, "", "")
	if r.status != http.StatusOK {
		t.Fatalf("scrape: %d %s", r.status, r.body)
	}
	return parseExposition(t, r.body)
}

func parseExposition(t *testing.T, body string) exposition {
	t.Helper()
	parser := expfmt.NewTextParser(model.LegacyValidation)
	fams, err := parser.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		t.Fatalf("not the text exposition format: %v\n%s", err, body)
	}
	return fams
}

// value is the series of name with exactly these labels: a counter's or
// gauge's value, a histogram's count. ok is false when there is none.
func (x exposition) value(name string, labels map[string]string) (float64, bool) {
	fam, found := x[name]
	if !found {
		return 0, false
	}
	for _, m := range fam.GetMetric() {
		if len(m.GetLabel()) != len(labels) {
			continue
		}
		match := true
		for _, l := range m.GetLabel() {
			match = match && labels[l.GetName()] == l.GetValue()
		}
		if !match {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue(), true
		case m.Gauge != nil:
			return m.Gauge.GetValue(), true
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount()), true
		}
	}
	return 0, false
}

// want is one series and the value a scrape must show.
type want struct {
	name   string
	labels map[string]string
	value  float64
}

// scrapeUntil scrapes until every series shows its value: the vendors'
// answers and receipts are counted a moment after the API replies.
func (e *env) scrapeUntil(t *testing.T, wants []want) exposition {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		x := e.scrape(t)
		var missing []string
		for _, w := range wants {
			if got, ok := x.value(w.name, w.labels); !ok || got != w.value {
				missing = append(missing, fmt.Sprintf("%s%v = %v (found %v), want %v", w.name, w.labels, got, ok, w.value))
			}
		}
		if len(missing) == 0 {
			return x
		}
		if time.Now().After(deadline) {
			t.Fatalf("the scrape never showed:\n%s", strings.Join(missing, "\n"))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// A push through the sandbox, device reports, a receipt, an ack and a
// rate-limited request each show in the scrape with their labels.
func TestMetricsCountWhatHappened(t *testing.T) {
	e := newMetricsEnv(t, func(cfg *handlers.Config) {
		cfg.RateLimits = handlers.RateLimits{DevicePerKey: 5} // a burst of 10 a key
	})
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	apns := sandboxAPNs(t, e, admin)
	xiaomi := androidCertificates(t, e, admin)["xiaomi"]
	registerIPhone(t, e, "bg-phone", "mia", strings.Repeat("4f2a", 16), apns, true)
	registerIPhone(t, e, "dead-phone", "mia", strings.Repeat("ab", 28)+"deaddead", apns, true)
	registerIPhone(t, e, "fg-phone", "mia", strings.Repeat("4f2a", 16), apns, false)
	registerAndroid(t, e, "mi-phone", "mia", "xiaomi", "mi-regid", xiaomi)
	if r := e.api(http.MethodPost, "/api/v1/devices/mi-phone/state", e.key, `{"state":"asleep"}`); r.status != http.StatusBadRequest {
		t.Fatalf("a bad state: %d %s", r.status, r.body)
	}

	p := e.sendPush(t, admin, `{"target":{"user_id":"mia"},"title":"Bob","desc":"hello"}`)
	var mi string
	for _, d := range p.Deliveries {
		if d.Vendor == "xiaomi" {
			mi = d.ID
		}
	}
	e.waitFor(t, admin, p.ID, func(st string) bool { return st != "queued" && st != "sent" })
	if r := e.api(http.MethodPost, "/api/v1/deliveries/"+mi+"/ack", e.key, `{"stage":"clicked"}`); r.status != http.StatusOK {
		t.Fatalf("ack: %d %s", r.status, r.body)
	}
	// Receipts refused: a wrong secret, and a vendor that is none.
	if r := e.api(http.MethodPost, fmt.Sprintf("/receipts/xiaomi/%d/wrong-secret", xiaomi), "", `{}`); r.status != http.StatusNotFound {
		t.Fatalf("a wrong receipt secret: %d", r.status)
	}
	if r := e.api(http.MethodPost, "/receipts/nokia/1/secret", "", `{}`); r.status != http.StatusNotFound {
		t.Fatalf("an unknown vendor's receipt: %d", r.status)
	}
	// A key nobody issued, until its bucket runs dry.
	refusedKey := 0
	for i := 0; ; i++ {
		r := e.api(http.MethodPut, "/api/v1/devices/intruder", "pck_not-a-key", `{}`)
		if r.status == http.StatusTooManyRequests {
			break
		}
		if r.status != http.StatusUnauthorized || i > 30 {
			t.Fatalf("request %d with an unknown key: %d %s", i, r.status, r.body)
		}
		refusedKey++
	}

	x := e.scrapeUntil(t, []want{
		{"pushcheck_test_pushes_total", map[string]string{"dry_run": "false"}, 1},
		{"pushcheck_test_pushes_total", map[string]string{"dry_run": "true"}, 0},
		{"pushcheck_deliveries_total", map[string]string{"vendor": "apns", "status": "accepted", "kind": "accepted", "code": "none"}, 1},
		{"pushcheck_deliveries_total", map[string]string{"vendor": "apns", "status": "rejected", "kind": "dead_token", "code": "Unregistered"}, 1},
		{"pushcheck_deliveries_total", map[string]string{"vendor": "apns", "status": "skipped", "kind": "none", "code": "skipped"}, 1},
		{"pushcheck_deliveries_total", map[string]string{"vendor": "xiaomi", "status": "accepted", "kind": "accepted", "code": "0"}, 1},
		{"pushcheck_vendor_call_duration_seconds", map[string]string{"vendor": "apns"}, 2},
		{"pushcheck_vendor_call_duration_seconds", map[string]string{"vendor": "xiaomi"}, 1},
		{"pushcheck_vendor_call_duration_seconds", map[string]string{"vendor": "meizu"}, 0},
		{"pushcheck_receipt_callbacks_total", map[string]string{"vendor": "xiaomi", "outcome": "ok"}, 1},
		{"pushcheck_receipt_callbacks_total", map[string]string{"vendor": "xiaomi", "outcome": "not_found"}, 1},
		{"pushcheck_receipt_callbacks_total", map[string]string{"vendor": "other", "outcome": "not_found"}, 1},
		{"pushcheck_receipts_total", map[string]string{"vendor": "xiaomi", "stage": "delivered"}, 1},
		{"pushcheck_receipt_matches_total", map[string]string{"vendor": "xiaomi", "result": "matched"}, 1},
		{"pushcheck_acks_total", map[string]string{"vendor": "xiaomi", "stage": "clicked"}, 1},
		{"pushcheck_device_reports_total", map[string]string{"kind": "register", "outcome": "ok"}, 4},
		{"pushcheck_device_reports_total", map[string]string{"kind": "state", "outcome": "ok"}, 3},
		{"pushcheck_device_reports_total", map[string]string{"kind": "state", "outcome": "invalid_argument"}, 1},
		{"pushcheck_device_reports_total", map[string]string{"kind": "ack", "outcome": "ok"}, 1},
		{"pushcheck_device_reports_total", map[string]string{"kind": "logout", "outcome": "ok"}, 0},
		{"pushcheck_device_reports_total", map[string]string{"kind": "register", "outcome": "unauthenticated"}, float64(refusedKey)},
		{"pushcheck_device_reports_total", map[string]string{"kind": "register", "outcome": "too_many_requests"}, 1},
		{"pushcheck_rate_limited_total", map[string]string{"surface": "device", "limit": "key"}, 1},
		{"pushcheck_build_info", map[string]string{"version": "test", "go_version": runtimeVersion(t, e)}, 1},
		{"pushcheck_metrics_database_up", map[string]string{}, 1},
		{"pushcheck_queue_jobs", map[string]string{"state": "available"}, 0},
		{"go_sql_max_open_connections", map[string]string{"db_name": "pushcheck"}, float64(maxOpen(t, e))},
	})
	for _, family := range []string{"go_goroutines", "process_resident_memory_bytes", "promhttp_metric_handler_errors_total"} {
		if x[family] == nil {
			t.Errorf("no %s in the scrape", family)
		}
	}
	// Nothing names a user, a device or a token.
	raw := e.call(nil, http.MethodGet, "/metrics", scrapeToken, "", "").body
	for _, private := range []string{"mia", "bg-phone", "mi-regid", "4f2a4f2a", mi} {
		if strings.Contains(raw, private) {
			t.Errorf("the scrape names %q", private)
		}
	}
}

// runtimeVersion is the Go version the build-info series carries.
func runtimeVersion(t *testing.T, e *env) string {
	t.Helper()
	for _, m := range e.scrape(t)["pushcheck_build_info"].GetMetric() {
		for _, l := range m.GetLabel() {
			if l.GetName() == "go_version" && strings.HasPrefix(l.GetValue(), "go") {
				return l.GetValue()
			}
		}
	}
	t.Fatal("pushcheck_build_info has no go_version")
	return ""
}

func maxOpen(t *testing.T, e *env) int {
	t.Helper()
	pool, err := e.store.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	return pool.Stats().MaxOpenConnections
}

// Certificates' expiry and last Test connection are read at scrape time.
func TestMetricsCertificateGauges(t *testing.T) {
	e := newMetricsEnv(t, nil)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	tested := sandboxAPNs(t, e, admin)
	if r := e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/certificates/%d/check", e.app.ID, tested), admin, ""); r.status != http.StatusOK {
		t.Fatalf("test connection: %d %s", r.status, r.body)
	}
	expires := time.Now().Add(72 * time.Hour).UTC()
	expiring, err := e.store.CreateCertificate(context.Background(), models.Certificate{AppID: e.app.ID, Vendor: models.VendorAPNs, Name: "iOS production .p12",
		Environment: models.CertProduction, ExpiresAt: &expires})
	if err != nil {
		t.Fatal(err)
	}
	failedAt := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	if err := e.store.RecordCertificateCheck(context.Background(), e.app.ID, expiring.ID, false, "InvalidProviderToken", failedAt); err != nil {
		t.Fatal(err)
	}

	x := e.scrape(t)
	label := func(id int64) map[string]string {
		return map[string]string{"certificate_id": strconv.FormatInt(id, 10), "vendor": "apns"}
	}
	left, ok := x.value("pushcheck_certificate_expires_in_seconds", label(expiring.ID))
	if !ok || left > 72*3600 || left < 72*3600-60 {
		t.Errorf("expires in %v s (found %v), want about %d", left, ok, 72*3600)
	}
	if _, ok := x.value("pushcheck_certificate_expires_in_seconds", label(tested)); ok {
		t.Error("a .p8 key, which never expires, has an expiry gauge")
	}
	for _, c := range []struct {
		id     int64
		ok     float64
		atLeft time.Time
	}{{tested, 1, time.Now().Add(-time.Minute)}, {expiring.ID, 0, failedAt}} {
		if got, found := x.value("pushcheck_certificate_check_ok", label(c.id)); !found || got != c.ok {
			t.Errorf("certificate %d check_ok = %v (found %v), want %v", c.id, got, found, c.ok)
		}
		at, found := x.value("pushcheck_certificate_checked_timestamp_seconds", label(c.id))
		if !found || at < float64(c.atLeft.Unix()) || at > float64(time.Now().Unix()+1) {
			t.Errorf("certificate %d checked at %v (found %v)", c.id, at, found)
		}
	}
}

// /metrics on the console's address takes the metrics token and nothing
// else, and is not there at all without one.
func TestMetricsScrapeAccess(t *testing.T) {
	e := newMetricsEnv(t, nil)
	_, operatorToken := e.operator("admin@example.com", models.RoleAdmin)
	for name, bearer := range map[string]string{"no token": "", "a wrong token": "scrape-token-0123456789abcdeX", "an operator token": operatorToken, "the device key": e.key} {
		r := e.call(nil, http.MethodGet, "/metrics", bearer, "", "")
		if code, _ := r.apiError(t); r.status != http.StatusUnauthorized || code != "unauthenticated" {
			t.Errorf("%s: %d %s", name, r.status, r.body)
		}
		if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s: no WWW-Authenticate: %v", name, r.header)
		}
	}
	if r := e.call(nil, http.MethodGet, "/metrics", scrapeToken, "", ""); r.status != http.StatusOK || !strings.Contains(r.body, `pushcheck_test_pushes_total{dry_run="false"} 0`) {
		t.Fatalf("with the token: %d %.200s", r.status, r.body)
	}

	off := newEnv(t) // no token configured
	for _, bearer := range []string{"", scrapeToken} {
		r := off.call(nil, http.MethodGet, "/metrics", bearer, "", "")
		if code, _ := r.apiError(t); r.status != http.StatusNotFound || code != "not_found" {
			t.Errorf("metrics off, bearer %q: %d %s", bearer, r.status, r.body)
		}
	}
}
