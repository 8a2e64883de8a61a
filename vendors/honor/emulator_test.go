package honor

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// The emulator must refuse what Honor refuses, with Honor's status and
// code, and take what Honor takes. Every rule of emulator_rules.go has a
// row here, sent over HTTP.

const testApp, testClient = "104400001", "client-900"

// validBody is what pushcheck's client sends, as a map to break.
func validBody(t *testing.T) map[string]any {
	t.Helper()
	badge := 2
	c := models.Certificate{Settings: models.CertificateSettings{AppID: testApp, BadgeClass: "com.example.im.MainActivity"}}
	raw, err := json.Marshal(buildRequest(vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"c":1}`, Badge: &badge, DeliveryID: "d-2",
		Honor: models.HonorPushOptions{Importance: "NORMAL"}}, c, "honor-emulator-token"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func startHonor(t *testing.T) (*httptest.Server, *Emulator) {
	t.Helper()
	em := NewEmulator()
	em.Register(testClient, testApp, "s3cret")
	srv := httptest.NewServer(em)
	t.Cleanup(srv.Close)
	return srv, em
}

// tokenCall asks Honor's IAM (by its host name) for an access token.
func tokenCall(t *testing.T, srv *httptest.Server, form url.Values) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/auth/token", strings.NewReader(form.Encode()))
	req.Host = authHost
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

func accessToken(t *testing.T, srv *httptest.Server) string {
	t.Helper()
	status, body := tokenCall(t, srv, url.Values{"grant_type": {"client_credentials"}, "client_id": {testClient}, "client_secret": {"s3cret"}})
	tok, _ := body["access_token"].(string)
	if status != 200 || tok == "" {
		t.Fatalf("token: %d %v", status, body)
	}
	return tok
}

// post sends a body to sendMessage with the headers Honor requires
// (timestamp "" leaves that header out) and returns the status and code.
func post(t *testing.T, srv *httptest.Server, app, bearer, timestamp string, body any) (int, float64) {
	t.Helper()
	raw, ok := body.([]byte)
	if !ok {
		raw, _ = json.Marshal(body)
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/"+app+"/sendMessage", strings.NewReader(string(raw)))
	req.Host = pushHost
	req.Header.Set("Content-Type", "application/json; charset=UTF-8")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	if timestamp != "" {
		req.Header.Set("timestamp", timestamp)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a struct {
		Code    float64 `json:"code"`
		Message string  `json:"message"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil || a.Message == "" {
		t.Fatalf("answer: %v %+v", err, a)
	}
	return resp.StatusCode, a.Code
}

func now() string { return strconv.FormatInt(time.Now().UnixMilli(), 10) }

func TestEmulatorTakesPushchecksOwnRequest(t *testing.T) {
	srv, _ := startHonor(t)
	if status, code := post(t, srv, testApp, accessToken(t, srv), now(), validBody(t)); status != 200 || code != 200 {
		t.Fatalf("%d %v", status, code)
	}
}

func TestEmulatorRefusesWhatHonorRefuses(t *testing.T) {
	const n = "android.notification."
	many := make([]any, maxTokens+1)
	for i := range many {
		many[i] = "t"
	}
	cases := []struct {
		name string
		edit func(m map[string]any)
		code float64
	}{
		{"no token", func(m map[string]any) { vendortest.Edit(m, "token", vendortest.Removed{}) }, 80100001},
		{"over 1000 tokens", func(m map[string]any) { vendortest.Edit(m, "token", many) }, 80300010},
		{"over 4096 bytes", func(m map[string]any) { vendortest.Edit(m, "data", strings.Repeat("x", maxBody)) }, 80300008},
		{"token is a string", func(m map[string]any) { vendortest.Edit(m, "token", "honor-token") }, 80100003},
		{"data is an object", func(m map[string]any) { vendortest.Edit(m, "data", map[string]any{"ext": "x"}) }, 80100003},
		{"clickAction type is text", func(m map[string]any) { vendortest.Edit(m, n+"clickAction.type", "app") }, 80100003},
		{"notification is a string", func(m map[string]any) { vendortest.Edit(m, "android.notification", "hi") }, 80100003},
		{"no payload", func(m map[string]any) {
			vendortest.Edit(m, "android", vendortest.Removed{})
			vendortest.Edit(m, "data", vendortest.Removed{})
		}, 80100003},
		{"no title", func(m map[string]any) { vendortest.Edit(m, n+"title", vendortest.Removed{}) }, 80100003},
		{"no body", func(m map[string]any) { vendortest.Edit(m, n+"body", "") }, 80100003},
		{"no clickAction", func(m map[string]any) { vendortest.Edit(m, n+"clickAction", vendortest.Removed{}) }, 80100003},
		{"clickAction type 4", func(m map[string]any) { vendortest.Edit(m, n+"clickAction", map[string]any{"type": 4}) }, 80100003},
		{"clickAction without type", func(m map[string]any) { vendortest.Edit(m, n+"clickAction", map[string]any{"url": "https://a"}) }, 80100003},
		{"type 1 without intent or action", func(m map[string]any) { vendortest.Edit(m, n+"clickAction", map[string]any{"type": 1}) }, 80100003},
		{"type 2 without url", func(m map[string]any) { vendortest.Edit(m, n+"clickAction", map[string]any{"type": 2}) }, 80100003},
		{"importance HIGH", func(m map[string]any) { vendortest.Edit(m, n+"importance", "HIGH") }, 80100003},
		{"style 2", func(m map[string]any) { vendortest.Edit(m, n+"style", 2) }, 80100003},
		{"style 1 without bigBody", func(m map[string]any) { vendortest.Edit(m, n+"style", 1); vendortest.Edit(m, n+"bigTitle", "t") }, 80100003},
		{"ttl in hours", func(m map[string]any) { vendortest.Edit(m, "android.ttl", "1h") }, 80100003},
		{"http image", func(m map[string]any) { vendortest.Edit(m, n+"image", "http://example.com/a.png") }, 80100003},
		{"http image in notification", func(m map[string]any) { vendortest.Edit(m, "notification.image", "http://example.com/a.png") }, 80100003},
		{"group is a number list", func(m map[string]any) { vendortest.Edit(m, n+"group", []any{1}) }, 80100003},
		{"targetUserType 2", func(m map[string]any) { vendortest.Edit(m, "android.targetUserType", 2) }, 80100003},
		{"badge without badgeClass", func(m map[string]any) { vendortest.Edit(m, n+"badge.badgeClass", "") }, 80100003},
		{"badge setNum 100", func(m map[string]any) { vendortest.Edit(m, n+"badge.setNum", 100) }, 80100003},
		{"badge addNum 100", func(m map[string]any) { vendortest.Edit(m, n+"badge.addNum", 100) }, 80100003},
		{"4 buttons", func(m map[string]any) {
			b := map[string]any{"name": "ok", "actionType": 0}
			vendortest.Edit(m, n+"buttons", []any{b, b, b, b})
		}, 80100003},
		{"button name over 40", func(m map[string]any) {
			vendortest.Edit(m, n+"buttons", []any{map[string]any{"name": strings.Repeat("b", 41)}})
		}, 80100003},
	}
	srv, _ := startHonor(t)
	bearer := accessToken(t, srv)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := validBody(t)
			tc.edit(m)
			if status, code := post(t, srv, testApp, bearer, now(), m); status != 400 || code != tc.code {
				t.Fatalf("got %d %v, want 400 %v", status, code, tc.code)
			}
		})
	}
	if status, code := post(t, srv, testApp, bearer, now(), []byte(`[]`)); status != 400 || code != 80100001 {
		t.Fatalf("not an object: %d %v", status, code)
	}
}

// Honor takes these (its SDKs send them), so the emulator must too.
func TestEmulatorTakesWhatHonorTakes(t *testing.T) {
	const n = "android.notification."
	cases := []struct {
		name string
		edit func(m map[string]any)
	}{
		{"empty importance and ttl", func(m map[string]any) { vendortest.Edit(m, n+"importance", ""); vendortest.Edit(m, "android.ttl", "") }},
		{"addNum 0 beside setNum", func(m map[string]any) { vendortest.Edit(m, n+"badge.addNum", 0) }},
		{"https image and a group", func(m map[string]any) {
			vendortest.Edit(m, n+"image", "https://example.com/a.png")
			vendortest.Edit(m, n+"group", "c2c_bob")
		}},
		{"numbers as digit strings", func(m map[string]any) {
			vendortest.Edit(m, n+"clickAction.type", "3")
			vendortest.Edit(m, n+"badge.setNum", "5")
		}},
		{"title only in notification", func(m map[string]any) {
			vendortest.Edit(m, n+"title", vendortest.Removed{})
			vendortest.Edit(m, "notification.title", "Bob")
		}},
		{"data message", func(m map[string]any) { vendortest.Edit(m, "android.notification", vendortest.Removed{}) }},
		{"style 1 with big text", func(m map[string]any) {
			vendortest.Edit(m, n+"style", 1)
			vendortest.Edit(m, n+"bigTitle", "t")
			vendortest.Edit(m, n+"bigBody", "b")
		}},
		{"ttl", func(m map[string]any) { vendortest.Edit(m, "android.ttl", "86400s") }},
	}
	srv, _ := startHonor(t)
	bearer := accessToken(t, srv)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := validBody(t)
			tc.edit(m)
			if status, code := post(t, srv, testApp, bearer, now(), m); status != 200 || code != 200 {
				t.Fatalf("got %d %v", status, code)
			}
		})
	}
}

func TestEmulatorAuthAsHonor(t *testing.T) {
	srv, em := startHonor(t)
	for _, tc := range []struct {
		name, grant, client, secret string
		status                      int
		err                         string
	}{
		{"password grant", "password", testClient, "s3cret", 400, "unsupported_grant_type"},
		{"unknown client", "client_credentials", "nobody", "s3cret", 401, "invalid_client"},
		{"wrong secret", "client_credentials", testClient, "nope", 401, "invalid_client"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if status, body := tokenCall(t, srv, url.Values{"grant_type": {tc.grant}, "client_id": {tc.client}, "client_secret": {tc.secret}}); status != tc.status || body["error"] != tc.err {
				t.Fatalf("%d %v", status, body)
			}
		})
	}
	em.Register("client-other", "104400002", "other")
	bearer := accessToken(t, srv)
	for _, tc := range []struct {
		name, app, bearer, timestamp string
		status                       int
		code                         float64
	}{
		{"no Authorization", testApp, "", now(), 401, 80200001},
		{"a token never issued", testApp, "forged", now(), 401, 80200001},
		{"another app's URL", "104400002", bearer, now(), 401, 80200001},
		{"no timestamp header", testApp, bearer, "", 400, 80100001},
		{"timestamp not a number", testApp, bearer, "yesterday", 400, 80100001},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if status, code := post(t, srv, tc.app, tc.bearer, tc.timestamp, validBody(t)); status != tc.status || code != tc.code {
				t.Fatalf("%d %v", status, code)
			}
		})
	}
	em.authServer.ExpireAll() // access tokens last 3600 s
	if status, code := post(t, srv, testApp, bearer, now(), validBody(t)); status != 401 || code != 80200003 {
		t.Fatalf("expired: %d %v", status, code)
	}
}
