package vivo

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// The emulator must refuse what vivo refuses, with vivo's result in its
// answer shape (HTTP 200, result and desc), and take what vivo takes.
// Every rule of emulator_rules.go and of the auth call has a row here,
// sent over HTTP.

const testApp, testKey, testSecret = "10004321", "appkey-xyz", "app-secret"

// validBody is what pushcheck's client sends (a system IM message with a
// receipt request and an intent click), as a map to break.
func validBody(t *testing.T) map[string]any {
	t.Helper()
	system := 1
	intent := models.ClickAction{Type: "intent", IntentURI: "intent://chat#Intent;scheme=im;end"}
	c := models.Certificate{Settings: models.CertificateSettings{AppID: testApp, AppKey: testKey}}
	raw, err := json.Marshal(buildRequest(vendors.Message{Title: "Bob", Desc: "你好", Ext: `{"c":1}`, ClickAction: &intent,
		Receipt: vendors.ReceiptRequest{URL: "https://console.example.com/r/vivo/1", Param: "d-5"},
		Vivo:    models.VivoPushOptions{Classification: &system, Category: "IM"}}, c, "16000000000000000001"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func startVivo(t *testing.T) (*httptest.Server, *Emulator) {
	t.Helper()
	em := NewEmulator()
	em.Register(testApp, testKey, testSecret)
	srv := httptest.NewServer(em)
	t.Cleanup(srv.Close)
	return srv, em
}

type vivoAnswer struct {
	Result    *int   `json:"result"`
	Desc      string `json:"desc"`
	AuthToken string `json:"authToken"`
	TaskID    string `json:"taskId"`
}

// call posts JSON (authToken "" leaves the header out).
func call(t *testing.T, srv *httptest.Server, path, authToken string, body any) vivoAnswer {
	t.Helper()
	raw, ok := body.([]byte)
	if !ok {
		raw, _ = json.Marshal(body)
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(string(raw)))
	req.Header.Set("Content-Type", "application/json")
	if authToken != "" {
		req.Header.Set("authToken", authToken)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a vivoAnswer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil || resp.StatusCode != 200 || a.Result == nil || a.Desc == "" {
		t.Fatalf("answer: %d %v %+v", resp.StatusCode, err, a)
	}
	return a
}

func authBody(appID any, appKey string, ts int64, secret string) map[string]any {
	id, _ := json.Marshal(appID)
	return map[string]any{"appId": appID, "appKey": appKey, "timestamp": ts, "sign": authSign(strings.Trim(string(id), `"`), appKey, ts, secret)}
}

func authToken(t *testing.T, srv *httptest.Server) string {
	t.Helper()
	a := call(t, srv, "/message/auth", "", authBody(10004321, testKey, time.Now().UnixMilli(), testSecret))
	if *a.Result != 0 || a.AuthToken == "" {
		t.Fatalf("auth: %+v", a)
	}
	return a.AuthToken
}

func TestEmulatorTakesPushchecksOwnRequest(t *testing.T) {
	srv, _ := startVivo(t)
	if a := call(t, srv, "/message/send", authToken(t, srv), validBody(t)); *a.Result != 0 || a.TaskID == "" {
		t.Fatalf("%+v", a)
	}
}

func TestEmulatorRefusesWhatVivoRefuses(t *testing.T) {
	set := func(k string, v any) func(map[string]any) {
		return func(m map[string]any) { vendortest.Edit(m, k, v) }
	}
	eleven := map[string]any{}
	for _, k := range strings.Split("a b c d e f g h i j k", " ") {
		eleven[k] = "v"
	}
	cases := []struct {
		name   string
		edit   func(map[string]any)
		result int
	}{
		{"appId text", set("appId", "ten"), 10094},
		{"regId an array", set("regId", []any{"16000000000000000001"}), 10001},
		{"clientCustomMap a string", set("clientCustomMap", `{"c":1}`), 10001},
		{"notifyType text", set("notifyType", "ring"), 10001},
		{"no appId", set("appId", vendortest.Removed{}), 10001},
		{"another app's appId", set("appId", 10009999), 10094},
		{"no regId or alias", set("regId", vendortest.Removed{}), 10001},
		{"alias over 70", func(m map[string]any) { delete(m, "regId"); m["alias"] = strings.Repeat("a", 71) }, 10001},
		{"no notifyType", set("notifyType", vendortest.Removed{}), 10001},
		{"notifyType 5", set("notifyType", 5), 10001},
		{"no title", set("title", vendortest.Removed{}), 10001},
		{"no content", set("content", ""), 10001},
		{"title of 41 letters", set("title", strings.Repeat("t", 41)), 10085},
		{"title of 21 Chinese characters", set("title", strings.Repeat("标", 21)), 10085},
		{"content of 51 Chinese characters", set("content", strings.Repeat("内", 51)), 10085},
		{"测试 in a formal message", set("title", "测试消息"), 10104},
		{"timeToLive 59", set("timeToLive", 59), 10001},
		{"timeToLive 8 days", set("timeToLive", 8*86400), 10001},
		{"no skipType", set("skipType", vendortest.Removed{}), 10001},
		{"skipType 5", set("skipType", 5), 10001},
		{"skipType 4 without skipContent", set("skipContent", vendortest.Removed{}), 10001},
		{"skipType 2 without skipContent", func(m map[string]any) { m["skipType"] = 2; delete(m, "skipContent") }, 10001},
		{"skipContent over 1024", set("skipContent", strings.Repeat("s", 1025)), 10001},
		{"link over 1000", func(m map[string]any) {
			m["skipType"] = 2
			m["skipContent"] = "https://e.com/" + strings.Repeat("u", 990)
		}, 10001},
		{"networkType 0", set("networkType", 0), 10001},
		{"classification 2", set("classification", 2), 10001},
		{"unknown category", set("category", "GAMES"), 10096},
		{"IM as an operation message", set("classification", 0), 10097},
		{"NEWS as a system message", set("category", "NEWS"), 10097},
		{"no requestId", set("requestId", vendortest.Removed{}), 10001},
		{"requestId over 64", set("requestId", strings.Repeat("r", 65)), 10001},
		{"pushMode 2", set("pushMode", 2), 10001},
		{"notifyId 0", set("notifyId", 0), 10001},
		{"profileId over 64", set("profileId", strings.Repeat("p", 65)), 10001},
		{"11 clientCustomMap pairs", set("clientCustomMap", eleven), 10001},
		{"clientCustomMap over 1024", set("clientCustomMap", map[string]any{"ext": strings.Repeat("x", 1022)}), 10001},
		{"extra without callback", set("extra", map[string]any{"callback.param": "d-5"}), 10001},
		{"callback over 128", set("extra", map[string]any{"callback": "https://e.com/" + strings.Repeat("c", 115)}), 10001},
		{"callback.param over 64", set("extra", map[string]any{"callback": "https://e.com/r", "callback.param": strings.Repeat("p", 65)}), 10001},
	}
	srv, _ := startVivo(t)
	tok := authToken(t, srv)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := validBody(t)
			tc.edit(m)
			if a := call(t, srv, "/message/send", tok, m); *a.Result != tc.result {
				t.Fatalf("got %d %s, want %d", *a.Result, a.Desc, tc.result)
			}
		})
	}
	if a := call(t, srv, "/message/send", tok, []byte(`"regId"`)); *a.Result != 10001 {
		t.Fatalf("not an object: %+v", a)
	}
}

// vivo takes these, so the emulator must too.
func TestEmulatorTakesWhatVivoTakes(t *testing.T) {
	cases := []struct {
		name string
		edit func(map[string]any)
	}{
		// vivo's own sample sends "networkType":"1"; SDKs send appId as a string.
		{"numbers as strings", func(m map[string]any) { m["networkType"] = "1"; m["appId"] = testApp; m["notifyType"] = "4" }},
		{"alias instead of regId", func(m map[string]any) { delete(m, "regId"); m["alias"] = "bob" }},
		{"title of 20 Chinese characters", func(m map[string]any) { m["title"] = strings.Repeat("标", 20) }},
		{"title of 40 emoji", func(m map[string]any) { m["title"] = strings.Repeat("😀", 40) }},
		{"测试 in a test push", func(m map[string]any) { m["title"] = "测试"; m["pushMode"] = 1 }},
		{"no classification with a system category", func(m map[string]any) { delete(m, "classification") }},
		{"timeToLive 7 days", func(m map[string]any) { m["timeToLive"] = 7 * 86400 }},
		{"open the app", func(m map[string]any) { m["skipType"] = 1; delete(m, "skipContent") }},
		{"10 clientCustomMap pairs", func(m map[string]any) {
			pairs := map[string]any{}
			for _, k := range strings.Split("a b c d e f g h i j", " ") {
				pairs[k] = "v"
			}
			m["clientCustomMap"] = pairs
		}},
	}
	srv, _ := startVivo(t)
	tok := authToken(t, srv)
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := validBody(t)
			m["requestId"] = "take-" + string(rune('a'+i))
			tc.edit(m)
			if a := call(t, srv, "/message/send", tok, m); *a.Result != 0 || a.TaskID == "" {
				t.Fatalf("got %+v", a)
			}
		})
	}
}

// A repeated requestId gets the first send's taskId and sends nothing
// again.
func TestEmulatorRepeatedRequestID(t *testing.T) {
	srv, _ := startVivo(t)
	tok := authToken(t, srv)
	m := validBody(t)
	m["requestId"] = "d-5"
	first := call(t, srv, "/message/send", tok, m)
	again := call(t, srv, "/message/send", tok, m)
	if *first.Result != 0 || *again.Result != 0 || first.TaskID == "" || again.TaskID != first.TaskID {
		t.Fatalf("first %+v, again %+v", first, again)
	}
	m["requestId"] = "d-6"
	if other := call(t, srv, "/message/send", tok, m); other.TaskID == first.TaskID {
		t.Fatalf("a new requestId got the old taskId: %+v", other)
	}
}

func TestEmulatorAuthAsVivo(t *testing.T) {
	srv, em := startVivo(t)
	now := time.Now().UnixMilli()
	for _, tc := range []struct {
		name   string
		body   any
		result int
	}{
		{"not JSON", []byte("appId=1"), 10000},
		{"no appId", map[string]any{"appKey": testKey, "timestamp": now, "sign": "x"}, 10200},
		{"no appKey", map[string]any{"appId": 10004321, "timestamp": now, "sign": "x"}, 10201},
		{"unknown app", authBody(10009999, testKey, now, testSecret), 10000},
		{"another app's appKey", authBody(10004321, "other-key", now, testSecret), 10000},
		{"timestamp 11 minutes old", authBody(10004321, testKey, now-11*60*1000, testSecret), 10000},
		{"timestamp in seconds", authBody(10004321, testKey, now/1000, testSecret), 10000},
		{"timestamp text", map[string]any{"appId": 10004321, "appKey": testKey, "timestamp": "now", "sign": "x"}, 10000},
		{"signed with another secret", authBody(10004321, testKey, now, "master-secret"), 10000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if a := call(t, srv, "/message/auth", "", tc.body); *a.Result != tc.result {
				t.Fatalf("got %d %s, want %d", *a.Result, a.Desc, tc.result)
			}
		})
	}
	if a := call(t, srv, "/message/auth", "", authBody(testApp, testKey, now, testSecret)); *a.Result != 0 {
		t.Fatalf("appId as a string: %+v", a)
	}
	tok := authToken(t, srv)
	for _, bad := range []string{"", "forged"} {
		if a := call(t, srv, "/message/send", bad, validBody(t)); *a.Result != 10000 {
			t.Errorf("authToken %q: %+v", bad, a)
		}
	}
	em.authServer.ExpireAll() // authTokens last 24 h
	if a := call(t, srv, "/message/send", tok, validBody(t)); *a.Result != 10000 {
		t.Errorf("expired authToken: %+v", a)
	}
}
