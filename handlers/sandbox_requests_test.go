package handlers_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/emulatorlog"
)

// logSandbox writes the env's sandbox exchanges to its store, as the
// server does.
func logSandbox(t *testing.T, e *env) {
	t.Helper()
	l := emulatorlog.New(e.store, e.registry, nil, emulatorlog.Options{Flush: 10 * time.Millisecond})
	e.sandbox.Observe(l.Observe)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		l.Run(ctx)
		close(done)
	}()
	t.Cleanup(func() {
		e.sandbox.Observe(nil)
		cancel()
		<-done
	})
}

// forgedProviderToken is an APNs provider token naming the key and team
// of a sandbox certificate, signed by another key.
func forgedProviderToken(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	enc := base64.RawURLEncoding.EncodeToString
	input := enc([]byte(`{"alg":"ES256","kid":"ABC123DEFG"}`)) + "." + enc([]byte(fmt.Sprintf(`{"iss":"TEAM123456","iat":%d}`, time.Now().Unix())))
	digest := sha256.Sum256([]byte(input))
	r, s, err := ecdsa.Sign(rand.Reader, key, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	return input + "." + enc(sig)
}

// sandboxRequests polls the API until the log holds n rows for the query.
func sandboxRequests(t *testing.T, e *env, token, query string, n int) []map[string]any {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		r := e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/sandbox/requests?%s", e.app.ID, query), token, "")
		if r.status != http.StatusOK {
			t.Fatalf("sandbox requests: %d %s", r.status, r.body)
		}
		var body struct {
			Requests []map[string]any `json:"requests"`
		}
		r.decode(t, &body)
		if len(body.Requests) >= n || time.Now().After(deadline) {
			if len(body.Requests) != n {
				t.Fatalf("%s: %d requests, want %d: %s", query, len(body.Requests), n, r.body)
			}
			return body.Requests
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A console push through the sandbox and an outside client's request with
// forged credentials both show in the log, judged, filterable, with no
// secret kept.
func TestSandboxRequestsShowEveryClientsRequests(t *testing.T) {
	e := newEnv(t)
	logSandbox(t, e)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	_, qa := e.operator("qa@example.com", models.RoleOperator)
	_, viewer := e.operator("viewer@example.com", models.RoleViewer)
	apns := sandboxAPNs(t, e, admin)
	token := strings.Repeat("4f2a", 16)
	registerIPhone(t, e, "iphone", "mia", token, apns, true)
	p := e.sendPush(t, admin, `{"target":{"user_id":"mia"},"title":"Bob","desc":"hello"}`)
	e.waitFor(t, admin, p.ID, func(st string) bool { return st != "queued" && st != "sent" })

	accepted := sandboxRequests(t, e, qa, "verdict=accepted", 1)[0]
	if accepted["certificate_id"] != float64(apns) || accepted["vendor"] != "apns" || accepted["credential"] != "key ABC123DEFG of team TEAM123456" ||
		accepted["delivered"] != float64(1) || accepted["tokens"].([]any)[0] != models.MaskToken(token) {
		t.Fatalf("the console's push: %+v", accepted)
	}

	// Another client, with the key and team of the certificate but not its key.
	clients, ok := e.sandbox.Clients(models.VendorAPNs)
	if !ok {
		t.Fatal("the APNs emulator has not started")
	}
	forged := forgedProviderToken(t)
	req, err := http.NewRequest(http.MethodPost, "https://api.push.apple.com/3/device/"+token, strings.NewReader(`{"aps":{"alert":{"title":"Hi","body":"there"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("authorization", "bearer "+forged)
	req.Header.Set("apns-topic", "com.example.im")
	resp, err := clients.Client(nil).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a forged provider token: %d", resp.StatusCode)
	}
	refused := sandboxRequests(t, e, qa, "verdict=refused-auth", 1)[0]
	if refused["certificate_id"] != float64(apns) || refused["code"] != "InvalidProviderToken" || refused["auth_problem"] == "" || refused["delivered"] != float64(0) {
		t.Fatalf("the forged request: %+v", refused)
	}
	if stored := fmt.Sprint(refused["request"], accepted["request"]); strings.Contains(stored, forged[:20]) || strings.Contains(stored, token) || !strings.Contains(stored, "bearer [redacted]") {
		t.Fatalf("a secret or a whole token is stored:\n%s", stored)
	}

	for query, n := range map[string]int{
		"":                                   2,
		"vendor=apns":                        2,
		"vendor=xiaomi":                      0,
		"certificate_id=" + fmt.Sprint(apns): 2,
		"token=" + token:                     2,
		"token=" + strings.Repeat("ab", 32):  0,
		"verdict=refused-rule":               0,
	} {
		sandboxRequests(t, e, qa, query, n)
	}
	newest := sandboxRequests(t, e, qa, "", 2)
	older := sandboxRequests(t, e, qa, "before="+fmt.Sprint(newest[0]["id"]), 1)
	if older[0]["id"] != newest[1]["id"] {
		t.Fatalf("paging: %v after %v", older[0]["id"], newest[0]["id"])
	}
	if r := e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/sandbox/requests?verdict=maybe", e.app.ID), qa, ""); r.status != http.StatusBadRequest {
		t.Fatalf("a bad verdict: %d %s", r.status, r.body)
	}
	if r := e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/sandbox/requests", e.app.ID), viewer, ""); r.status != http.StatusForbidden {
		t.Fatalf("a viewer: %d %s", r.status, r.body)
	}

	// The page, in both languages.
	b := e.browser()
	if r := b.signIn("qa@example.com", "correct horse battery"); r.status != http.StatusSeeOther {
		t.Fatalf("sign in: %d", r.status)
	}
	page := b.get(fmt.Sprintf("/apps/%d/sandbox/requests?%s", e.app.ID, url.Values{"verdict": {"refused-auth"}}.Encode()))
	if page.status != http.StatusOK || !strings.Contains(page.body, "refused: credentials") || !strings.Contains(page.body, "InvalidProviderToken") ||
		!strings.Contains(page.body, "Sandbox requests") || strings.Contains(page.body, forged[:20]) {
		t.Fatalf("page: %d\n%s", page.status, page.body)
	}
}

// The page says the vendor's words in Chinese when the reader reads
// Chinese.
func TestSandboxRequestsPageInChinese(t *testing.T) {
	e := newEnv(t)
	logSandbox(t, e)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	apns := sandboxAPNs(t, e, admin)
	registerIPhone(t, e, "iphone", "mia", strings.Repeat("ab", 28)+"deaddead", apns, true)
	p := e.sendPush(t, admin, `{"target":{"user_id":"mia"},"title":"Bob","desc":"hello"}`)
	e.waitFor(t, admin, p.ID, func(st string) bool { return st != "queued" && st != "sent" })
	sandboxRequests(t, e, admin, "verdict=refused-rule", 1)
	b := e.browser()
	b.signIn("admin@example.com", "correct horse battery")
	if r := b.post("/profile/language", url.Values{"_csrf": {b.csrf("/profile")}, "language": {"zh-CN"}}); r.status/100 != 3 && r.status != http.StatusOK {
		t.Fatalf("language: %d %s", r.status, r.body)
	}
	page := b.get(fmt.Sprintf("/apps/%d/sandbox/requests", e.app.ID))
	if page.status != http.StatusOK || !strings.Contains(page.body, "沙箱请求") || !strings.Contains(page.body, "拒绝：规则") ||
		!strings.Contains(page.body, "该 Token 对本应用已失效") {
		t.Fatalf("page: %d\n%s", page.status, page.body)
	}
}
