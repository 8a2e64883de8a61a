package huawei

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// The emulator must refuse what Huawei refuses, with Huawei's HTTP status
// and business code, and take what Huawei takes. Every rule of
// emulator_rules.go has a row here, sent over HTTP.

const testClient = "104123456"

// vendortest.Removed{} removes a field in edit.
// edit sets (or with vendortest.Removed{} removes) the field at a dotted path, making the
// objects on the way.

// validBody is what pushcheck's client sends for a plain message, as a
// map to break.
func validBody(t *testing.T) map[string]any {
	t.Helper()
	badge := 3
	c := models.Certificate{Settings: models.CertificateSettings{ClientID: testClient, BadgeClass: "com.example.im.MainActivity"}}
	raw, err := json.Marshal(buildRequest(vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"c":1}`, Badge: &badge, DeliveryID: "d-1",
		Huawei: models.HuaweiPushOptions{Category: "IM", Importance: "NORMAL"}}, c, "IQAAAACy0-emulator-test"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func startHuawei(t *testing.T) (*httptest.Server, *Emulator) {
	t.Helper()
	em := NewEmulator()
	em.Register(testClient, "s3cret")
	srv := httptest.NewServer(em)
	t.Cleanup(srv.Close)
	return srv, em
}

func accessToken(t *testing.T, srv *httptest.Server) string {
	t.Helper()
	resp, err := http.PostForm(srv.URL+"/oauth2/v3/token", url.Values{"grant_type": {"client_credentials"}, "client_id": {testClient}, "client_secret": {"s3cret"}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || body.AccessToken == "" {
		t.Fatalf("token: %v %+v", err, body)
	}
	return body.AccessToken
}

// post posts a body (a map, or raw bytes) and returns the HTTP status and
// Huawei's code and msg.
func post(t *testing.T, srv *httptest.Server, client, bearer string, body any) (int, answer) {
	t.Helper()
	raw, ok := body.([]byte)
	if !ok {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			t.Fatal(err)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/v1/"+client+"/messages:send", strings.NewReader(string(raw)))
	req.Header.Set("Content-Type", "application/json")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a answer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatalf("answer: %v", err)
	}
	return resp.StatusCode, a
}

func TestEmulatorTakesPushchecksOwnRequest(t *testing.T) {
	srv, _ := startHuawei(t)
	if status, a := post(t, srv, testClient, accessToken(t, srv), validBody(t)); status != 200 || codeText(a.Code) != "80000000" || a.RequestID == "" {
		t.Fatalf("%d %+v", status, a)
	}
}

func TestEmulatorRefusesWhatHuaweiRefuses(t *testing.T) {
	const n = "message.android.notification."
	manyTokens := make([]any, maxTokens+1)
	for i := range manyTokens {
		manyTokens[i] = "t"
	}
	cases := []struct {
		name   string
		edit   func(m map[string]any)
		status int
		code   string
	}{
		{"no message", func(m map[string]any) { vendortest.Edit(m, "message", vendortest.Removed{}) }, 400, "80100001"},
		{"no target", func(m map[string]any) { vendortest.Edit(m, "message.token", vendortest.Removed{}) }, 400, "80100001"},
		{"token and topic", func(m map[string]any) { vendortest.Edit(m, "message.topic", "news") }, 400, "80100001"},
		{"over 1000 tokens", func(m map[string]any) { vendortest.Edit(m, "message.token", manyTokens) }, 400, "80300010"},
		{"over 4096 bytes", func(m map[string]any) { vendortest.Edit(m, "message.data", strings.Repeat("x", maxBody)) }, 400, "80300008"},
		{"data is an object", func(m map[string]any) { vendortest.Edit(m, "message.data", map[string]any{"ext": "x"}) }, 400, "80100003"},
		{"token is a string", func(m map[string]any) { vendortest.Edit(m, "message.token", "IQAAAACy0") }, 400, "80100003"},
		{"click_action type is text", func(m map[string]any) { vendortest.Edit(m, n+"click_action.type", "open") }, 400, "80100003"},
		{"badge is a number", func(m map[string]any) { vendortest.Edit(m, n+"badge", 3) }, 400, "80100003"},
		{"no payload", func(m map[string]any) {
			vendortest.Edit(m, "message.android", vendortest.Removed{})
			vendortest.Edit(m, "message.data", vendortest.Removed{})
		}, 400, "80100003"},
		{"no title", func(m map[string]any) { vendortest.Edit(m, n+"title", vendortest.Removed{}) }, 400, "80100003"},
		{"no body", func(m map[string]any) { vendortest.Edit(m, n+"body", "") }, 400, "80100003"},
		{"no click_action", func(m map[string]any) { vendortest.Edit(m, n+"click_action", vendortest.Removed{}) }, 400, "80100003"},
		{"click_action type 0", func(m map[string]any) { vendortest.Edit(m, n+"click_action.type", 0) }, 400, "80100003"},
		{"click_action type 5", func(m map[string]any) { vendortest.Edit(m, n+"click_action.type", 5) }, 400, "80100003"},
		{"click_action without type", func(m map[string]any) { vendortest.Edit(m, n+"click_action", map[string]any{"intent": "x"}) }, 400, "80100003"},
		{"type 1 without intent or action", func(m map[string]any) { vendortest.Edit(m, n+"click_action", map[string]any{"type": 1}) }, 400, "80100003"},
		{"type 2 without url", func(m map[string]any) { vendortest.Edit(m, n+"click_action", map[string]any{"type": 2}) }, 400, "80100003"},
		{"type 2 with an http url", func(m map[string]any) {
			vendortest.Edit(m, n+"click_action", map[string]any{"type": 2, "url": "http://example.com"})
		}, 400, "80100003"},
		{"type 4 without rich_resource", func(m map[string]any) { vendortest.Edit(m, n+"click_action", map[string]any{"type": 4}) }, 400, "80100003"},
		{"collapse_key 101", func(m map[string]any) { vendortest.Edit(m, "message.android.collapse_key", 101) }, 400, "80100013"},
		{"collapse_key -2", func(m map[string]any) { vendortest.Edit(m, "message.android.collapse_key", -2) }, 400, "80100013"},
		{"urgency LOW", func(m map[string]any) { vendortest.Edit(m, "message.android.urgency", "LOW") }, 400, "80100003"},
		{"unknown category", func(m map[string]any) { vendortest.Edit(m, "message.android.category", "GAMES") }, 400, "80100003"},
		{"ttl in hours", func(m map[string]any) { vendortest.Edit(m, "message.android.ttl", "24h") }, 400, "80100003"},
		{"target_user_type 2", func(m map[string]any) { vendortest.Edit(m, "message.android.target_user_type", 2) }, 400, "80100003"},
		{"importance URGENT", func(m map[string]any) { vendortest.Edit(m, n+"importance", "URGENT") }, 400, "80100003"},
		{"visibility HIDDEN", func(m map[string]any) { vendortest.Edit(m, n+"visibility", "HIDDEN") }, 400, "80100003"},
		{"color without #", func(m map[string]any) { vendortest.Edit(m, n+"color", "FFEEFF") }, 400, "80100003"},
		{"http image", func(m map[string]any) { vendortest.Edit(m, n+"image", "http://example.com/a.png") }, 400, "80100003"},
		{"group is an object", func(m map[string]any) { vendortest.Edit(m, n+"group", map[string]any{"id": "g"}) }, 400, "80100003"},
		{"VOIP category misspelt", func(m map[string]any) { vendortest.Edit(m, "message.android.category", "VOIP_CALL") }, 400, "80100003"},
		{"profile_id over 64", func(m map[string]any) { vendortest.Edit(m, n+"profile_id", strings.Repeat("p", 65)) }, 400, "80100003"},
		{"style 1 without big_title", func(m map[string]any) { vendortest.Edit(m, n+"style", 1); vendortest.Edit(m, n+"big_body", "b") }, 400, "80100003"},
		{"style 3 without inbox_content", func(m map[string]any) { vendortest.Edit(m, n+"style", 3) }, 400, "80100003"},
		{"style 3 with 6 lines", func(m map[string]any) {
			vendortest.Edit(m, n+"style", 3)
			vendortest.Edit(m, n+"inbox_content", []any{"1", "2", "3", "4", "5", "6"})
		}, 400, "80100003"},
		{"style 3 with a long line", func(m map[string]any) {
			vendortest.Edit(m, n+"style", 3)
			vendortest.Edit(m, n+"inbox_content", []any{strings.Repeat("l", 1025)})
		}, 400, "80100003"},
		{"style 4", func(m map[string]any) { vendortest.Edit(m, n+"style", 4) }, 400, "80100003"},
		{"badge without class", func(m map[string]any) { vendortest.Edit(m, n+"badge.class", vendortest.Removed{}) }, 400, "80100003"},
		{"badge set_num 100", func(m map[string]any) { vendortest.Edit(m, n+"badge.set_num", 100) }, 400, "80100003"},
		{"badge set_num -1", func(m map[string]any) { vendortest.Edit(m, n+"badge.set_num", -1) }, 400, "80100003"},
		{"badge add_num 100", func(m map[string]any) { vendortest.Edit(m, n+"badge.add_num", 100) }, 400, "80100003"},
		{"4 buttons", func(m map[string]any) {
			b := map[string]any{"name": "ok", "action_type": 0}
			vendortest.Edit(m, n+"buttons", []any{b, b, b, b})
		}, 400, "80100003"},
		{"button name over 40", func(m map[string]any) {
			vendortest.Edit(m, n+"buttons", []any{map[string]any{"name": strings.Repeat("b", 41), "action_type": 0}})
		}, 400, "80100003"},
	}
	srv, _ := startHuawei(t)
	bearer := accessToken(t, srv)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := validBody(t)
			tc.edit(m)
			if status, a := post(t, srv, testClient, bearer, m); status != tc.status || codeText(a.Code) != tc.code || a.Msg == "" {
				t.Fatalf("got %d %+v, want %d %s", status, a, tc.status, tc.code)
			}
		})
	}
	if status, a := post(t, srv, testClient, bearer, []byte(`["not an object"]`)); status != 400 || codeText(a.Code) != "80100001" {
		t.Fatalf("not an object: %d %+v", status, a)
	}
}

// Huawei takes these, so the emulator must too: where the reference or
// Huawei's SDKs allow more than pushcheck sends.
func TestEmulatorTakesWhatHuaweiTakes(t *testing.T) {
	const n = "message.android.notification."
	cases := []struct {
		name string
		edit func(m map[string]any)
	}{
		{"importance HIGH", func(m map[string]any) { vendortest.Edit(m, n+"importance", "HIGH") }},
		{"numbers as digit strings", func(m map[string]any) {
			vendortest.Edit(m, n+"click_action.type", "3")
			vendortest.Edit(m, "message.android.collapse_key", "-1")
		}},
		{"title only in message.notification", func(m map[string]any) {
			vendortest.Edit(m, n+"title", vendortest.Removed{})
			vendortest.Edit(m, "message.notification.title", "Bob")
		}},
		{"localized title", func(m map[string]any) {
			vendortest.Edit(m, n+"title", vendortest.Removed{})
			vendortest.Edit(m, n+"title_loc_key", "hello")
		}},
		{"topic message", func(m map[string]any) {
			vendortest.Edit(m, "message.token", vendortest.Removed{})
			vendortest.Edit(m, "message.topic", "news")
		}},
		{"data message", func(m map[string]any) { vendortest.Edit(m, "message.android.notification", vendortest.Removed{}) }},
		{"click_action type 2 with https", func(m map[string]any) {
			vendortest.Edit(m, n+"click_action", map[string]any{"type": 2, "url": "https://example.com"})
		}},
		{"click_action type 4 with rich_resource", func(m map[string]any) {
			vendortest.Edit(m, n+"click_action", map[string]any{"type": 4, "rich_resource": "https://example.com/r.zip"})
		}},
		{"style 1 with big text", func(m map[string]any) {
			vendortest.Edit(m, n+"style", 1)
			vendortest.Edit(m, n+"big_title", "t")
			vendortest.Edit(m, n+"big_body", "b")
		}},
		{"badge add_num 0 beside set_num", func(m map[string]any) { vendortest.Edit(m, n+"badge.add_num", 0) }},
		{"ttl with decimals", func(m map[string]any) { vendortest.Edit(m, "message.android.ttl", "3600.5") }},
		{"validate_only as text", func(m map[string]any) { vendortest.Edit(m, "validate_only", "true") }},
		{"https image and a group", func(m map[string]any) {
			vendortest.Edit(m, n+"image", "https://example.com/a.png")
			vendortest.Edit(m, n+"group", "c2c_bob")
		}},
	}
	srv, _ := startHuawei(t)
	bearer := accessToken(t, srv)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := validBody(t)
			tc.edit(m)
			if status, a := post(t, srv, testClient, bearer, m); status != 200 || codeText(a.Code) != "80000000" {
				t.Fatalf("got %d %+v", status, a)
			}
		})
	}
}

func TestEmulatorAuthAsHuawei(t *testing.T) {
	srv, em := startHuawei(t)
	for _, tc := range []struct {
		name, grant, client, secret string
		subError                    float64
	}{
		{"password grant", "password", testClient, "s3cret", 20001},
		{"unknown client", "client_credentials", "999", "s3cret", 20152},
		{"wrong secret", "client_credentials", testClient, "nope", 20152},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.PostForm(srv.URL+"/oauth2/v3/token", url.Values{"grant_type": {tc.grant}, "client_id": {tc.client}, "client_secret": {tc.secret}})
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body map[string]any
			if json.NewDecoder(resp.Body).Decode(&body); resp.StatusCode != 400 || body["error"] != float64(1101) || body["sub_error"] != tc.subError {
				t.Fatalf("%d %v", resp.StatusCode, body)
			}
		})
	}
	em.Register("104999999", "other")
	bearer := accessToken(t, srv)
	for _, tc := range []struct {
		name, client, bearer, code string
	}{
		{"no Authorization", testClient, "", "80200001"},
		{"a token never issued", testClient, "forged", "80200001"},
		{"another app's URL", "104999999", bearer, "80200001"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if status, a := post(t, srv, tc.client, tc.bearer, validBody(t)); status != 401 || codeText(a.Code) != tc.code {
				t.Fatalf("%d %+v", status, a)
			}
		})
	}
	em.authServer.ExpireAll() // an hour later: access tokens last 3600 s
	if status, a := post(t, srv, testClient, bearer, validBody(t)); status != 401 || codeText(a.Code) != "80200003" {
		t.Fatalf("expired: %d %+v", status, a)
	}
}

// codeText is an answer's code as text, whether Huawei wrote it as a
// string or a number.
func codeText(raw json.RawMessage) string { return strings.Trim(string(raw), `"`) }
