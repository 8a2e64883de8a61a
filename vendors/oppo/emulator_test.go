package oppo

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

// The emulator must refuse what OPPO refuses, with OPPO's code in its
// answer shape (HTTP 200, code and message), and take what OPPO takes.
// Every rule of emulator_rules.go and of the auth call has a row here,
// sent over HTTP.

const testKey, testSecret = "b8f7c3e1", "master-secret"

// validMessage is the message JSON pushcheck's client sends, as a map.
func validMessage(t *testing.T) map[string]any {
	t.Helper()
	level := 16
	c := models.Certificate{Settings: models.CertificateSettings{AppKey: testKey, ChannelID: "im_default"}}
	chat := models.ClickAction{Type: "activity", Activity: "com.example.im.ChatActivity"}
	raw, err := json.Marshal(buildMessage(vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"c":1}`, DeliveryID: "d-4", ClickAction: &chat,
		Receipt: vendors.ReceiptRequest{URL: "https://console.example.com/r/oppo/1", Param: "d-4"},
		OPPO:    models.OPPOPushOptions{Category: "IM", NotifyLevel: &level}}, c, "CN_oppo-regid-emulator"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func startOPPO(t *testing.T) (*httptest.Server, *Emulator) {
	t.Helper()
	em := NewEmulator()
	em.Register(testKey, testSecret)
	srv := httptest.NewServer(em)
	t.Cleanup(srv.Close)
	return srv, em
}

// call posts a form and returns OPPO's code and data.
func call(t *testing.T, srv *httptest.Server, path string, f url.Values) (int, map[string]any) {
	t.Helper()
	resp, err := http.PostForm(srv.URL+path, f)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a struct {
		Code    *int           `json:"code"`
		Message string         `json:"message"`
		Data    map[string]any `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil || resp.StatusCode != 200 || a.Code == nil || a.Message == "" {
		t.Fatalf("answer: %d %v %+v", resp.StatusCode, err, a)
	}
	return *a.Code, a.Data
}

func authForm(key, ts, secret string) url.Values {
	return url.Values{"app_key": {key}, "timestamp": {ts}, "sign": {authSign(key, ts, secret)}}
}

func authToken(t *testing.T, srv *httptest.Server) string {
	t.Helper()
	code, data := call(t, srv, "/server/v1/auth", authForm(testKey, strconv.FormatInt(time.Now().UnixMilli(), 10), testSecret))
	tok, _ := data["auth_token"].(string)
	if code != 0 || tok == "" {
		t.Fatalf("auth: %d %v", code, data)
	}
	return tok
}

func push(t *testing.T, srv *httptest.Server, token string, message any) int {
	t.Helper()
	raw, ok := message.(string)
	if !ok {
		b, _ := json.Marshal(message)
		raw = string(b)
	}
	code, _ := call(t, srv, "/server/v1/message/notification/unicast", url.Values{"auth_token": {token}, "message": {raw}})
	return code
}

func TestEmulatorTakesPushchecksOwnRequest(t *testing.T) {
	srv, _ := startOPPO(t)
	if code := push(t, srv, authToken(t, srv), validMessage(t)); code != 0 {
		t.Fatalf("code %d", code)
	}
}

func TestEmulatorRefusesWhatOPPORefuses(t *testing.T) {
	const n = "notification."
	cases := []struct {
		name string
		edit func(m map[string]any)
		code int
	}{
		{"target_type text", func(m map[string]any) { vendortest.Edit(m, "target_type", "regid") }, 41},
		{"notification a string", func(m map[string]any) { vendortest.Edit(m, "notification", "hi") }, 41},
		{"action_parameters an object", func(m map[string]any) { vendortest.Edit(m, n+"action_parameters", map[string]any{"ext": "x"}) }, 41},
		{"off_line text", func(m map[string]any) { vendortest.Edit(m, n+"off_line", "sometimes") }, 41},
		{"no target_type", func(m map[string]any) { vendortest.Edit(m, "target_type", vendortest.Removed{}) }, 40},
		{"target_type 3", func(m map[string]any) { vendortest.Edit(m, "target_type", 3) }, 41},
		{"no target_value", func(m map[string]any) { vendortest.Edit(m, "target_value", "") }, 40},
		{"no notification", func(m map[string]any) { vendortest.Edit(m, "notification", vendortest.Removed{}) }, 40},
		{"no title", func(m map[string]any) { vendortest.Edit(m, n+"title", vendortest.Removed{}) }, 40},
		{"no content", func(m map[string]any) { vendortest.Edit(m, n+"content", "") }, 40},
		{"title of 51 characters", func(m map[string]any) { vendortest.Edit(m, n+"title", strings.Repeat("标", 51)) }, 41},
		{"sub_title of 11 characters", func(m map[string]any) { vendortest.Edit(m, n+"sub_title", strings.Repeat("s", 11)) }, 41},
		{"content of 51, standard style", func(m map[string]any) { vendortest.Edit(m, n+"content", strings.Repeat("c", 51)) }, 41},
		{"content of 129, long text", func(m map[string]any) {
			vendortest.Edit(m, n+"style", 2)
			vendortest.Edit(m, n+"content", strings.Repeat("c", 129))
		}, 41},
		{"style 4", func(m map[string]any) { vendortest.Edit(m, n+"style", 4) }, 41},
		{"style 3 without big_picture_id", func(m map[string]any) { vendortest.Edit(m, n+"style", 3) }, 40},
		{"click_action_type 3", func(m map[string]any) { vendortest.Edit(m, n+"click_action_type", 3) }, 41},
		{"type 4 without activity", func(m map[string]any) { vendortest.Edit(m, n+"click_action_activity", vendortest.Removed{}) }, 40},
		{"type 1 without activity", func(m map[string]any) {
			vendortest.Edit(m, n+"click_action_type", 1)
			vendortest.Edit(m, n+"click_action_activity", "")
		}, 40},
		{"type 2 without url", func(m map[string]any) { vendortest.Edit(m, n+"click_action_type", 2) }, 40},
		{"type 5 without url", func(m map[string]any) { vendortest.Edit(m, n+"click_action_type", 5) }, 40},
		{"activity over 500", func(m map[string]any) { vendortest.Edit(m, n+"click_action_activity", strings.Repeat("a", 501)) }, 41},
		{"url over 2000", func(m map[string]any) {
			vendortest.Edit(m, n+"click_action_type", 2)
			vendortest.Edit(m, n+"click_action_url", "https://e.com/"+strings.Repeat("u", 2000))
		}, 41},
		{"action_parameters not JSON", func(m map[string]any) { vendortest.Edit(m, n+"action_parameters", "ext=1") }, 41},
		{"action_parameters a JSON array", func(m map[string]any) { vendortest.Edit(m, n+"action_parameters", `["ext"]`) }, 41},
		{"action_parameters over 4000", func(m map[string]any) {
			vendortest.Edit(m, n+"action_parameters", `{"ext":"`+strings.Repeat("x", 4000)+`"}`)
		}, 41},
		{"show_time_type 2", func(m map[string]any) { vendortest.Edit(m, n+"show_time_type", 2) }, 41},
		{"timed show without times", func(m map[string]any) { vendortest.Edit(m, n+"show_time_type", 1) }, 40},
		{"timed show ending first", func(m map[string]any) {
			vendortest.Edit(m, n+"show_time_type", 1)
			vendortest.Edit(m, n+"show_start_time", 1700000600000)
			vendortest.Edit(m, n+"show_end_time", 1700000000000)
		}, 41},
		{"network_type 2", func(m map[string]any) { vendortest.Edit(m, n+"network_type", 2) }, 41},
		{"call_back_url over 200", func(m map[string]any) {
			vendortest.Edit(m, n+"call_back_url", "https://e.com/"+strings.Repeat("r", 200))
		}, 41},
		{"call_back_parameter over 100", func(m map[string]any) { vendortest.Edit(m, n+"call_back_parameter", strings.Repeat("p", 101)) }, 41},
		{"unknown category", func(m map[string]any) { vendortest.Edit(m, n+"category", "GAMES") }, 67},
		{"notify_level 4", func(m map[string]any) { vendortest.Edit(m, n+"notify_level", 4) }, 67},
		{"notify_level without category", func(m map[string]any) { vendortest.Edit(m, n+"category", vendortest.Removed{}) }, 67},
	}
	srv, _ := startOPPO(t)
	tok := authToken(t, srv)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := validMessage(t)
			tc.edit(m)
			if code := push(t, srv, tok, m); code != tc.code {
				t.Fatalf("got %d, want %d", code, tc.code)
			}
		})
	}
	for _, tc := range []struct {
		name    string
		message string
		code    int
	}{{"no message", "", 40}, {"message not JSON", "title=Bob", 24}, {"message a JSON array", "[]", 24}} {
		if code := push(t, srv, tok, tc.message); code != tc.code {
			t.Errorf("%s: got %d, want %d", tc.name, code, tc.code)
		}
	}
}

// OPPO takes these, so the emulator must too.
func TestEmulatorTakesWhatOPPOTakes(t *testing.T) {
	const n = "notification."
	cases := []struct {
		name string
		edit func(m map[string]any)
	}{
		{"numbers as digit strings", func(m map[string]any) {
			vendortest.Edit(m, "target_type", "2")
			vendortest.Edit(m, n+"notify_level", "2")
		}},
		{"alias target", func(m map[string]any) {
			vendortest.Edit(m, "target_type", 5)
			vendortest.Edit(m, "target_value", "bob")
		}},
		{"content of 128, long text", func(m map[string]any) {
			vendortest.Edit(m, n+"style", 2)
			vendortest.Edit(m, n+"content", strings.Repeat("c", 128))
		}},
		{"no channel_id", func(m map[string]any) { vendortest.Edit(m, n+"channel_id", vendortest.Removed{}) }},
		{"off_line_ttl over 10 days", func(m map[string]any) { vendortest.Edit(m, n+"off_line_ttl", 30*86400) }},
		{"intent scheme URL", func(m map[string]any) {
			vendortest.Edit(m, n+"click_action_type", 5)
			vendortest.Edit(m, n+"click_action_url", "command://test?k=v")
		}},
		{"marketing category without notify_level", func(m map[string]any) {
			vendortest.Edit(m, n+"category", "MARKETING")
			vendortest.Edit(m, n+"notify_level", vendortest.Removed{})
		}},
	}
	srv, _ := startOPPO(t)
	tok := authToken(t, srv)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := validMessage(t)
			tc.edit(m)
			if code := push(t, srv, tok, m); code != 0 {
				t.Fatalf("got %d", code)
			}
		})
	}
}

func TestEmulatorAuthAsOPPO(t *testing.T) {
	srv, em := startOPPO(t)
	ts := strconv.FormatInt(time.Now().UnixMilli(), 10)
	old := strconv.FormatInt(time.Now().Add(-11*time.Minute).UnixMilli(), 10)
	seconds := strconv.FormatInt(time.Now().Unix(), 10)
	for _, tc := range []struct {
		name string
		form url.Values
		code int
	}{
		{"no app_key", url.Values{"timestamp": {ts}, "sign": {"x"}}, 15},
		{"unknown app_key", authForm("nobody", ts, testSecret), 14},
		{"no timestamp", url.Values{"app_key": {testKey}, "sign": {"x"}}, 18},
		{"timestamp 11 minutes old", authForm(testKey, old, testSecret), 19},
		{"timestamp in seconds", authForm(testKey, seconds, testSecret), 19},
		{"no sign", url.Values{"app_key": {testKey}, "timestamp": {ts}}, 17},
		{"signed with another secret", authForm(testKey, ts, "app-secret"), 16},
		{"sign in upper case", url.Values{"app_key": {testKey}, "timestamp": {ts}, "sign": {strings.ToUpper(authSign(testKey, ts, testSecret))}}, 16},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if code, _ := call(t, srv, "/server/v1/auth", tc.form); code != tc.code {
				t.Fatalf("got %d, want %d", code, tc.code)
			}
		})
	}
	tok := authToken(t, srv)
	if code := push(t, srv, "", validMessage(t)); code != 29 {
		t.Errorf("no auth_token: %d", code)
	}
	if code := push(t, srv, "forged", validMessage(t)); code != 11 {
		t.Errorf("forged auth_token: %d", code)
	}
	em.authServer.ExpireAll() // auth_tokens last 24 h
	if code := push(t, srv, tok, validMessage(t)); code != 11 {
		t.Errorf("expired auth_token: %d", code)
	}
	resp, err := http.Get(srv.URL + "/server/v1/auth")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a struct{ Code int }
	if json.NewDecoder(resp.Body).Decode(&a); a.Code != 12 {
		t.Errorf("GET: %d", a.Code)
	}
}
