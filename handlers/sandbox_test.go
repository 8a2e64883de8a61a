package handlers_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sideshow/apns2/token"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/sandbox"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/apns"
)

// The settings tell operators (QA) how to reach every vendor hostname;
// viewers are refused; the CA is public and is a CA.
func TestSandboxSettingsAndCA(t *testing.T) {
	e := newEnv(t)
	_, qa := e.operator("qa@example.com", models.RoleOperator)
	_, viewer := e.operator("viewer@example.com", models.RoleViewer)
	// An idle console has not started the emulators: nothing to pin yet.
	if r := e.api(http.MethodGet, "/api/v1/sandbox/settings", qa, ""); r.status != http.StatusOK ||
		!strings.Contains(r.body, `"address":"","listening":false`) || !strings.Contains(r.body, `"resolve":"","curl":[]`) {
		t.Fatalf("idle settings: %d %s", r.status, r.body)
	}
	if err := e.sandbox.Listen(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r := e.api(http.MethodGet, "/api/v1/sandbox/settings", viewer, ""); r.status != http.StatusForbidden {
		t.Fatalf("a viewer got the settings: %d %s", r.status, r.body)
	}
	r := e.api(http.MethodGet, "/api/v1/sandbox/settings", qa, "")
	if r.status != http.StatusOK {
		t.Fatalf("settings: %d %s", r.status, r.body)
	}
	var set struct {
		Address  string              `json:"address"`
		Resolve  string              `json:"resolve"`
		Curl     []string            `json:"curl"`
		EtcHosts []string            `json:"etc_hosts"`
		Trust    []vendors.TrustHint `json:"trust"`
		Hosts    []struct{ Vendor, Host string }
	}
	r.decode(t, &set)
	vendorsSeen := map[string]bool{}
	for _, h := range set.Hosts {
		vendorsSeen[h.Vendor] = true
		if !strings.Contains(set.Resolve, h.Host+":443="+set.Address) {
			t.Errorf("the resolve map lacks %s: %s", h.Host, set.Resolve)
		}
	}
	if len(vendorsSeen) != len(models.AllVendors()) {
		t.Errorf("hosts of %d vendors, want all: %v", len(vendorsSeen), vendorsSeen)
	}
	if len(set.Curl) != len(strings.Split(set.Resolve, ",")) || !strings.HasPrefix(set.Curl[0], "--connect-to api.push.apple.com:443:127.0.0.1:") {
		t.Errorf("curl flags: %v", set.Curl)
	}
	if !strings.HasPrefix(set.EtcHosts[0], "127.0.0.1 ") || len(set.Trust) != 4 || !strings.HasPrefix(set.Trust[0].Command, "keytool -importcert") {
		t.Errorf("hosts lines %v, trust %v", set.EtcHosts, set.Trust)
	}
	ca := e.call(nil, http.MethodGet, "/sandbox/ca.pem", "", "", "")
	pool := x509.NewCertPool()
	if ca.status != http.StatusOK || !pool.AppendCertsFromPEM([]byte(ca.body)) || strings.Contains(ca.body, "PRIVATE") {
		t.Fatalf("CA: %d %s", ca.status, ca.body)
	}
	// The page shows the same to QA.
	b := e.browser()
	e.operator("qa-page@example.com", models.RoleOperator)
	b.signIn("qa-page@example.com", "correct horse battery")
	page := b.get("/sandbox/settings")
	if page.status != http.StatusOK || !strings.Contains(page.body, "PUSHCHECK_RESOLVE="+set.Resolve) || strings.Contains(page.body, "sandbox-new") {
		t.Fatalf("settings page for QA: %d", page.status)
	}
}

// Only admins create sandbox certificates and download their
// credentials; each download is audited; real credentials never leave.
func TestSandboxCredentialsAreForAdmins(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	_, qa := e.operator("qa@example.com", models.RoleOperator)
	body := fmt.Sprintf(`{"app_id":%d,"vendor":"huawei"}`, e.app.ID)
	if r := e.api(http.MethodPost, "/api/v1/sandbox/certificates", qa, body); r.status != http.StatusForbidden {
		t.Fatalf("QA created a sandbox certificate: %d %s", r.status, r.body)
	}
	if r := e.api(http.MethodPost, "/api/v1/sandbox/certificates", admin, fmt.Sprintf(`{"app_id":%d,"vendor":"nokia"}`, e.app.ID)); r.status != http.StatusBadRequest {
		t.Fatalf("an unknown vendor: %d %s", r.status, r.body)
	}
	r := e.api(http.MethodPost, "/api/v1/sandbox/certificates", admin, body)
	if r.status != http.StatusCreated {
		t.Fatalf("admin: %d %s", r.status, r.body)
	}
	var cert struct {
		ID          int64  `json:"id"`
		Environment string `json:"environment"`
	}
	r.decode(t, &cert)
	path := fmt.Sprintf("/api/v1/apps/%d/certificates/%d/sandbox-credentials", e.app.ID, cert.ID)
	if r := e.api(http.MethodGet, path, qa, ""); r.status != http.StatusForbidden || strings.Contains(r.body, "client_secret") {
		t.Fatalf("QA downloaded credentials: %d %s", r.status, r.body)
	}
	got := e.api(http.MethodGet, path, admin, "")
	var creds sandbox.Credentials
	got.decode(t, &creds)
	if got.status != http.StatusOK || cert.Environment != "sandbox" || creds.Fields["client_id"] == "" || creds.Fields["client_secret"] == "" ||
		!strings.Contains(got.header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("admin download: %d %+v", got.status, creds)
	}
	// The refused download never reached the handler (requireRole).
	entries, err := e.store.AuditLog(context.Background(), models.AuditFilter{Action: models.AuditSandboxCredentials})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || strings.Contains(fmt.Sprint(entries), creds.Fields["client_secret"]) {
		t.Fatalf("audit: %+v", entries)
	}
	// A production certificate's credentials stay on the server.
	prod := e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/certificates", e.app.ID), admin,
		`{"vendor":"vivo","name":"real","environment":"production","vivo":{"app_id":"1","app_key":"k","app_secret":"real-secret"}}`)
	prod.decode(t, &cert)
	r = e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/certificates/%d/sandbox-credentials", e.app.ID, cert.ID), admin, "")
	if code, _ := r.apiError(t); r.status != http.StatusBadRequest || code != models.CodeInvalid || strings.Contains(r.body, "real-secret") {
		t.Fatalf("a production certificate's credentials: %d %s", r.status, r.body)
	}
}

// A client outside the console, holding only the downloaded credentials,
// is accepted by the emulators over verified TLS; unknown credentials are
// refused as the vendor refuses them.
func TestSandboxAcceptsGeneratedCredentialsFromAnyClient(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	ctx := context.Background()
	if err := e.sandbox.Listen(ctx); err != nil {
		t.Fatal(err)
	}
	ca, err := e.sandbox.CA()
	if err != nil {
		t.Fatal(err)
	}
	set := e.sandbox.Settings()
	var hosts []string
	for _, h := range set.Hosts {
		hosts = append(hosts, h.Host)
	}
	outside := vendors.PinnedClientFactory(set.Address, ca.Pool, 5*time.Second, hosts...)
	download := func(body string) sandbox.Credentials {
		t.Helper()
		r := e.api(http.MethodPost, "/api/v1/sandbox/certificates", admin, body)
		var cert struct{ ID int64 }
		r.decode(t, &cert)
		var creds sandbox.Credentials
		e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/certificates/%d/sandbox-credentials", e.app.ID, cert.ID), admin, "").decode(t, &creds)
		return creds
	}

	t.Run("huawei", func(t *testing.T) {
		creds := download(fmt.Sprintf(`{"app_id":%d,"vendor":"huawei"}`, e.app.ID))
		for secret, want := range map[string]int{creds.Fields["client_secret"]: http.StatusOK, "wrong": http.StatusBadRequest} {
			form := url.Values{"grant_type": {"client_credentials"}, "client_id": {creds.Fields["client_id"]}, "client_secret": {secret}}
			resp, err := outside.Client(nil).PostForm("https://oauth-login.cloud.huawei.com/oauth2/v3/token", form)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != want {
				t.Errorf("secret %q: %d, want %d", secret, resp.StatusCode, want)
			}
		}
	})
	t.Run("apns .p8", func(t *testing.T) {
		creds := download(fmt.Sprintf(`{"app_id":%d,"vendor":"apns","package":"com.example.outside"}`, e.app.ID))
		key, err := token.AuthKeyFromBytes([]byte(creds.Files[0].Content))
		if err != nil {
			t.Fatal(err)
		}
		good := &token.Token{AuthKey: key, KeyID: creds.Fields["key_id"], TeamID: creds.Fields["team_id"]}
		unknown := &token.Token{AuthKey: key, KeyID: "UNKNOWN001", TeamID: creds.Fields["team_id"]}
		if status, _ := pushAPNs(t, outside.Client(nil), good, "com.example.outside"); status != http.StatusOK {
			t.Errorf("generated key: %d", status)
		}
		if status, reason := pushAPNs(t, outside.Client(nil), unknown, "com.example.outside"); status != http.StatusForbidden || !strings.Contains(reason, "InvalidProviderToken") {
			t.Errorf("unknown key: %d %s", status, reason)
		}
	})
	t.Run("apns .p12", func(t *testing.T) {
		creds := download(fmt.Sprintf(`{"app_id":%d,"vendor":"apns","apns_auth":"certificate","package":"com.example.p12"}`, e.app.ID))
		p12, err := base64.StdEncoding.DecodeString(creds.Files[0].Content)
		if err != nil {
			t.Fatal(err)
		}
		cert, err := apns.LoadP12(p12, creds.Fields["p12_password"])
		if err != nil {
			t.Fatal(err)
		}
		tlsConfig := outside.TLSConfig()
		tlsConfig.Certificates = []tls.Certificate{cert}
		if status, reason := pushAPNs(t, outside.Client(tlsConfig), nil, "com.example.p12"); status != http.StatusOK {
			t.Errorf("generated .p12: %d %s", status, reason)
		}
	})
}

// pushAPNs sends one alert as any APNs provider does; tok nil relies on
// the TLS client certificate.
func pushAPNs(t *testing.T, client *http.Client, tok *token.Token, topic string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, "https://api.push.apple.com/3/device/"+strings.Repeat("ab", 32), strings.NewReader(`{"aps":{"alert":"hi"}}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("apns-topic", topic)
	if tok != nil {
		req.Header.Set("authorization", "bearer "+tok.GenerateIfExpired())
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// On the page: viewers are refused, QA reads the settings without the
// certificates, an admin creates one through the form and finds its
// download link; QA cannot post the form.
func TestSandboxPageRoles(t *testing.T) {
	e := newEnv(t)
	signedIn := func(email string, role models.Role) *browser {
		e.operator(email, role)
		b := e.browser()
		b.signIn(email, "correct horse battery")
		return b
	}
	if r := signedIn("viewer@example.com", models.RoleViewer).get("/sandbox/settings"); r.status != http.StatusForbidden {
		t.Errorf("a viewer: %d", r.status)
	}
	qa := signedIn("qa@example.com", models.RoleOperator)
	page := qa.get("/sandbox/settings")
	if page.status != http.StatusOK || strings.Contains(page.body, "sandbox-certificates") || !strings.Contains(page.body, `href="/sandbox/settings"`) {
		t.Errorf("QA's page: %d", page.status)
	}
	form := url.Values{"_csrf": {csrfField.FindStringSubmatch(page.body)[1]}, "app_id": {fmt.Sprint(e.app.ID)}, "vendor": {"oppo"}}
	if r := qa.post("/sandbox/certificates", form); r.status != http.StatusForbidden {
		t.Errorf("QA posted the form: %d", r.status)
	}
	admin := signedIn("admin@example.com", models.RoleAdmin)
	form.Set("_csrf", admin.csrf("/sandbox/settings"))
	r := admin.post("/sandbox/certificates", form)
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/sandbox/settings?created=") {
		t.Fatalf("admin's form: %d %s", r.status, r.header.Get("Location"))
	}
	page = admin.get(r.header.Get("Location"))
	if !strings.Contains(page.body, `id="sandbox-created"`) || !strings.Contains(page.body, "/sandbox-credentials") {
		t.Errorf("admin's page after creating: %d", page.status)
	}
	if cert := admin.get(fmt.Sprintf("/apps/%d/certificates/%s", e.app.ID, strings.TrimPrefix(r.header.Get("Location"), "/sandbox/settings?created="))); !strings.Contains(cert.body, `id="sandbox-credentials"`) {
		t.Errorf("the certificate's page offers no download to the admin: %d", cert.status)
	}
	form.Set("vendor", "nokia")
	if r := admin.post("/sandbox/certificates", form); r.status != http.StatusBadRequest || !strings.Contains(r.body, "nine vendors") {
		t.Errorf("an unknown vendor: %d", r.status)
	}
}
