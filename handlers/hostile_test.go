package handlers_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/handlers"
	"github.com/pushcheck/pushcheck/models"
)

// rawCall sends a request with extra headers and a body of raw bytes.
func (e *env) rawCall(method, path, bearer, contentType string, body []byte, header map[string]string) reply {
	e.t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(string(body)))
	if err != nil {
		e.t.Fatal(err)
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

// Every boundary refuses text nobody meant with a 400 that names the field,
// and writes nothing.
func TestHostileTextIsRefusedAndWritesNothing(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	groups := fmt.Sprintf("/api/v1/apps/%d/groups", e.app.ID)
	for _, c := range []struct {
		name, method, path, bearer, contentType string
		body                                    []byte
		field                                   string
	}{
		{"NUL in a group name", http.MethodPost, groups, admin, "application/json", []byte(`{"name":"qa\u0000","device_ids":[]}`), "name"},
		{"RTL override in a group name", http.MethodPost, groups, admin, "application/json", []byte("{\"name\":\"qa\u202egnp.exe\",\"device_ids\":[]}"), "name"},
		{"zero-width space in a user ID", http.MethodPut, "/api/v1/devices/phone-1", e.key, "application/json",
			[]byte("{\"user_id\":\"ali\u200bce\",\"platform\":\"android\",\"vendor\":\"fcm\",\"token\":\"t\"}"), "user_id"},
		{"invalid UTF-8 in a token", http.MethodPut, "/api/v1/devices/phone-1", e.key, "application/json",
			[]byte("{\"user_id\":\"alice\",\"platform\":\"android\",\"vendor\":\"fcm\",\"token\":\"t\xff\xfe\"}"), ""},
		{"a control character in a path ID", http.MethodPut, "/api/v1/devices/phone%01", e.key, "application/json",
			[]byte(`{"user_id":"alice","platform":"android","vendor":"fcm","token":"t"}`), "device_id"},
		{"dot-dot as a device ID", http.MethodPut, "/api/v1/devices/..", e.key, "application/json",
			[]byte(`{"user_id":"alice","platform":"android","vendor":"fcm","token":"t"}`), "device_id"},
		{"a null body", http.MethodPut, "/api/v1/devices/phone-1", e.key, "application/json", []byte(`null`), ""},
		{"NUL in a query filter", http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/pushes?user=a%%00b", e.app.ID), admin, "", nil, "user"},
		{"a hidden character in a cursor", http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/pushes?before=1%%E2%%80%%AE", e.app.ID), admin, "", nil, "before"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := e.rawCall(c.method, c.path, c.bearer, c.contentType, c.body, nil)
			code, field := r.apiError(t)
			if r.status != http.StatusBadRequest || code != "invalid_argument" || (c.field != "" && field != c.field) {
				t.Fatalf("%d %s (want 400 naming %q)", r.status, r.body, c.field)
			}
		})
	}
	if r := e.api(http.MethodGet, groups, admin, ""); !strings.Contains(r.body, `"groups":[]`) {
		t.Fatalf("a refused group was written: %s", r.body)
	}
	if _, err := e.store.DeviceByDeviceID(context.Background(), e.app.ID, "phone-1"); !models.IsNotFound(err) {
		t.Fatalf("a refused registration was written: %v", err)
	}
	// Long tokens and user agents are cut on character boundaries: a
	// multibyte character at the cut makes no 500 on PostgreSQL.
	long := strings.Repeat("令", 2000)
	r := e.api(http.MethodPut, "/api/v1/devices/phone-2", e.key, `{"user_id":"alice","platform":"android","vendor":"fcm","token":"`+long+`"}`)
	if r.status/100 == 5 {
		t.Fatalf("a long multibyte token: %d %s", r.status, r.body)
	}
}

// An anonymous client cannot change a delivery or a token through the
// receipt endpoints, nor grow the database faster than its bytes.
func TestForgedReceiptsChangeNothing(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	certs := androidCertificates(t, e, admin)
	registerAndroid(t, e, "victim", "v", "xiaomi", "xiaomi-noreceipt-victim", certs["xiaomi"])
	p := e.sendPush(t, admin, `{"target":{"user_id":"v"},"mode":"force"}`)
	path := e.receiptPath(t, admin, certs["xiaomi"])
	form := func(data string) string { return url.Values{"data": {data}}.Encode() }

	// Without the secret: 404, nothing recorded.
	guessed := fmt.Sprintf("/receipts/xiaomi/%d/guess", certs["xiaomi"])
	dead := fmt.Sprintf(`{"m1":{"param":%q,"type":16,"targets":"xiaomi-noreceipt-victim"}}`, p.Deliveries[0].ID)
	if r := e.call(nil, http.MethodPost, guessed, "", "application/x-www-form-urlencoded", form(dead)); r.status != http.StatusNotFound {
		t.Fatalf("a guessed receipt URL: %d", r.status)
	}
	// With the secret but another token: kept as unmatched, no effect.
	// Posted twice, as a vendor retries: recorded once.
	other := fmt.Sprintf(`{"m1":{"param":%q,"type":16,"targets":"someone-else"}}`, p.Deliveries[0].ID)
	for i := 0; i < 2; i++ {
		if r := e.call(nil, http.MethodPost, path, "", "application/x-www-form-urlencoded", form(other)); r.status != http.StatusOK {
			t.Fatalf("a receipt for another token: %d %s", r.status, r.body)
		}
	}
	dev, err := e.store.DeviceByDeviceID(context.Background(), e.app.ID, "victim")
	if err != nil || dev.TokenDeadAt != nil {
		t.Fatalf("a receipt for another token marked the victim's token dead: %v", err)
	}
	if got := e.getPush(t, admin, p.ID); got.Deliveries[0].Stage != "accepted" {
		t.Fatalf("a receipt for another token moved the delivery to %s", got.Deliveries[0].Stage)
	}
	// A 2 KB callback naming thousands of targets is refused whole.
	many := strings.TrimSuffix(strings.Repeat("x,", models.MaxReceiptItems+1), ",")
	r := e.call(nil, http.MethodPost, path, "", "application/x-www-form-urlencoded", form(`{"m2":{"param":"","type":1,"targets":"`+many+`"}}`))
	if r.status != http.StatusBadRequest {
		t.Fatalf("a callback of %d targets: %d %s", models.MaxReceiptItems+1, r.status, r.body)
	}
	kept, err := e.store.Receipts(context.Background(), e.app.ID, true, 10*models.MaxReceiptItems)
	if err != nil || len(kept) != 1 {
		t.Fatalf("unmatched receipts after the refused callback: %d %v", len(kept), err)
	}
}

// X-Forwarded-For is believed only from a trusted proxy; and one address
// guessing the admin's password cannot keep the admin out.
func TestClientAddressesAndTheSignInThrottle(t *testing.T) {
	e := newEnvWith(t, func(c *handlers.Config) {
		_, loopback, _ := net.ParseCIDR("127.0.0.0/8")
		c.TrustedProxies = []*net.IPNet{loopback}
	})
	admin, _ := e.operator("admin@example.com", models.RoleAdmin)
	login := func(from, password string) int {
		b := e.browser()
		token := b.csrf("/login")
		body := url.Values{"_csrf": {token}, "email": {admin.Email}, "password": {password}}.Encode()
		req, err := http.NewRequest(http.MethodPost, e.srv.URL+"/login", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", from)
		u, _ := url.Parse(e.srv.URL)
		for _, ck := range b.client.Jar.Cookies(u) {
			req.AddCookie(ck)
		}
		resp, err := b.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for i := 0; i < 30; i++ {
		login("203.0.113.7", "wrong password")
	}
	if s := login("203.0.113.7", "correct horse battery"); s != http.StatusTooManyRequests {
		t.Fatalf("the guessing address is not locked: %d", s)
	}
	if s := login("198.51.100.20", "correct horse battery"); s != http.StatusSeeOther {
		t.Fatalf("the admin, from another address, is kept out: %d", s)
	}

	// Without trusted proxies the header is ignored: the peer is the client.
	plain := newEnv(t)
	op, _ := plain.operator("ops@example.com", models.RoleAdmin)
	_ = op
	r := plain.rawCall(http.MethodGet, "/healthz", "", "", nil, map[string]string{"X-Forwarded-For": "6.6.6.6"})
	if r.status != http.StatusOK || strings.Contains(plain.logs.String(), "6.6.6.6") {
		t.Fatalf("an untrusted X-Forwarded-For reached the log: %s", plain.logs.String())
	}
}

func TestRateLimitsAnswer429WithRetryAfter(t *testing.T) {
	e := newEnvWith(t, func(c *handlers.Config) {
		c.RateLimits = handlers.RateLimits{DevicePerAddress: 2, ReceiptPerAddress: 1}
	})
	var last reply
	for i := 0; i < 10; i++ {
		last = e.api(http.MethodPost, "/api/v1/devices/none/state", e.key, `{"state":"background"}`)
		if last.status == http.StatusTooManyRequests {
			break
		}
	}
	if code, _ := last.apiError(t); last.status != http.StatusTooManyRequests || code != "too_many_requests" || last.header.Get("Retry-After") == "" {
		t.Fatalf("device API flood: %d %s %v", last.status, last.body, last.header)
	}
	for i := 0; i < 5; i++ {
		last = e.call(nil, http.MethodPost, "/receipts/vivo/1/x", "", "application/json", `{}`)
	}
	if last.status != http.StatusTooManyRequests || last.header.Get("Retry-After") == "" {
		t.Fatalf("receipt flood: %d %s", last.status, last.body)
	}
}

// A database that is gone is an outage: 503 with Retry-After, not a 500.
func TestDatabaseOutageIs503(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	if err := e.store.Close(); err != nil {
		t.Fatal(err)
	}
	r := e.api(http.MethodGet, "/api/v1/apps", admin, "")
	if code, _ := r.apiError(t); r.status != http.StatusServiceUnavailable || code != "unavailable" || r.header.Get("Retry-After") == "" {
		t.Fatalf("%d %s", r.status, r.body)
	}
}

// Forms meet the same boundary, within their route's body limit.
func TestFormsAreCheckedWithinTheirLimit(t *testing.T) {
	e := newEnv(t)
	big := url.Values{"email": {strings.Repeat("a", 20<<10)}, "password": {"x"}}.Encode()
	if r := e.call(nil, http.MethodPost, "/login", "", "application/x-www-form-urlencoded", big); r.status != http.StatusRequestEntityTooLarge {
		t.Fatalf("a 20 KiB sign-in form: %d", r.status)
	}
	bad := url.Values{"email": {"admin@example.com\u202e"}, "password": {"x\u0000 is fine in a password"}}.Encode()
	if r := e.call(nil, http.MethodPost, "/login", "", "application/x-www-form-urlencoded", bad); r.status != http.StatusBadRequest || !strings.Contains(r.body, "email") {
		t.Fatalf("a direction override in a form field: %d %s", r.status, r.body)
	}
}

// The API reads JSON whatever the Content-Type says, as the README's curl
// examples send it (curl -d says form-urlencoded).
func TestAPIBodiesAreJSONWhateverTheContentType(t *testing.T) {
	e := newEnv(t)
	r := e.call(nil, http.MethodPut, "/api/v1/devices/curl-phone", e.key, "application/x-www-form-urlencoded",
		`{"user_id":"alice","platform":"android","vendor":"fcm","token":"t"}`)
	if r.status != http.StatusOK {
		t.Fatalf("%d %s", r.status, r.body)
	}
}
