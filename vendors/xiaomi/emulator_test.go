package xiaomi

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
)

// The emulator must refuse what Mi Push refuses, with its code in its
// answer shape (HTTP 200, result "error"), and take what it takes. Every
// rule of emulator_rules.go has a row here, sent over HTTP.

const testPackage, testSecret = "com.example.im", "mi-secret=="

// validForm is what pushcheck's client sends, with a receipt request and
// a click action, to break.
func validForm() url.Values {
	chat := models.ClickAction{Type: "activity", Activity: "com.example.im.ChatActivity"}
	notify := 3
	c := models.Certificate{Settings: models.CertificateSettings{PackageName: testPackage, ChannelID: "im_private"}}
	return buildForm(vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"c":1}`, Sound: "ring", DeliveryID: "d-3", ClickAction: &chat,
		Receipt: vendors.ReceiptRequest{URL: "https://console.example.com/receipts/xiaomi/1", Param: "d-3"},
		Xiaomi:  models.XiaomiPushOptions{NotifyType: &notify}}, c, "mi-regid-emulator")
}

func startXiaomi(t *testing.T) *httptest.Server {
	t.Helper()
	em := NewEmulator()
	em.Register(testPackage, testSecret, "im_private", "high_system")
	srv := httptest.NewServer(em)
	t.Cleanup(srv.Close)
	return srv
}

// post sends the form with an Authorization header ("" leaves it out) and
// returns Xiaomi's result and code.
func post(t *testing.T, srv *httptest.Server, auth string, f url.Values) (string, int) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/v3/message/regid", strings.NewReader(f.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a answer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil || resp.StatusCode != 200 {
		t.Fatalf("answer: %d %v", resp.StatusCode, err)
	}
	if a.Result == "error" && a.Reason == "" {
		t.Fatalf("an error without a reason: %+v", a)
	}
	return a.Result, a.Code
}

func TestEmulatorTakesPushchecksOwnRequest(t *testing.T) {
	srv := startXiaomi(t)
	if result, code := post(t, srv, "key="+testSecret, validForm()); result != "ok" || code != 0 {
		t.Fatalf("%s %d", result, code)
	}
}

func TestEmulatorRefusesWhatXiaomiRefuses(t *testing.T) {
	set := func(k, v string) func(url.Values) { return func(f url.Values) { f.Set(k, v) } }
	unset := func(k string) func(url.Values) { return func(f url.Values) { f.Del(k) } }
	tooFar := strconv.FormatInt(time.Now().Add(8*24*time.Hour).UnixMilli(), 10)
	cases := []struct {
		name string
		edit func(url.Values)
		code int
	}{
		{"no registration_id", unset("registration_id"), 10016},
		{"another package", set("restricted_package_name", "com.example.other"), 22022},
		{"pass_through 2", set("pass_through", "2"), 10017},
		{"no title", unset("title"), 10016},
		{"no description", set("description", ""), 10016},
		{"title all white space", set("title", "   "), 10017},
		{"title of 50 characters", set("title", strings.Repeat("标", 50)), 65009},
		{"description of 128 characters", set("description", strings.Repeat("d", 128)), 65009},
		{"notify_type 0", set("notify_type", "0"), 10017},
		{"notify_type 8", set("notify_type", "8"), 10017},
		{"notify_type text", set("notify_type", "all"), 10017},
		{"time_to_live negative", set("time_to_live", "-1"), 10017},
		{"time_to_live text", set("time_to_live", "1d"), 10017},
		{"time_to_send 8 days ahead", set("time_to_send", tooFar), 10017},
		{"notify_id text", set("notify_id", "first"), 10017},
		{"notify_effect 4", set("extra.notify_effect", "4"), 10017},
		{"notify_effect 2 without intent_uri", unset("extra.intent_uri"), 10016},
		{"notify_effect 3 without web_uri", set("extra.notify_effect", "3"), 10016},
		{"notify_foreground 2", set("extra.notify_foreground", "2"), 10017},
		{"only_send_once yes", set("extra.only_send_once", "yes"), 10017},
		{"connpt 4g", set("extra.connpt", "4g"), 10017},
		{"jobkey starting with _", set("extra.jobkey", "_job"), 10017},
		{"jobkey of 13 characters", set("extra.jobkey", strings.Repeat("j", 13)), 10017},
		{"callback.param over 64 bytes", set("extra.callback.param", strings.Repeat("p", 65)), 65036},
		{"callback not a URL", set("extra.callback", "console/receipts"), 65038},
		{"callback.type text", set("extra.callback.type", "all"), 10017},
		{"unregistered channel", set("extra.channel_id", "nope"), 27001},
		{"custom extra over 1024", set("extra.ext", strings.Repeat("e", 1025)), 65015},
		{"11 custom extras", func(f url.Values) {
			for i := range 10 {
				f.Set("extra.k"+strconv.Itoa(i), "v")
			}
		}, 65014},
	}
	srv := startXiaomi(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := validForm()
			tc.edit(f)
			if result, code := post(t, srv, "key="+testSecret, f); result != "error" || code != tc.code {
				t.Fatalf("got %s %d, want %d", result, code, tc.code)
			}
		})
	}
}

// Xiaomi takes these, so the emulator must too.
func TestEmulatorTakesWhatXiaomiTakes(t *testing.T) {
	cases := []struct {
		name string
		edit func(url.Values)
	}{
		{"no package name", func(f url.Values) { f.Del("restricted_package_name") }},
		{"several package names", func(f url.Values) { f.Set("restricted_package_name", "com.example.lite,"+testPackage) }},
		{"pass-through without title", func(f url.Values) { f.Set("pass_through", "1"); f.Del("title"); f.Del("description") }},
		{"title of 49 characters", func(f url.Values) { f.Set("title", strings.Repeat("标", 49)) }},
		{"10 custom extras", func(f url.Values) {
			for i := range 9 {
				f.Set("extra.k"+strconv.Itoa(i), "v")
			}
		}},
		{"web page", func(f url.Values) { f.Set("extra.notify_effect", "3"); f.Set("extra.web_uri", "https://example.com") }},
		{"jobkey", func(f url.Values) { f.Set("extra.jobkey", "job-1_a") }},
	}
	srv := startXiaomi(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := validForm()
			tc.edit(f)
			if result, code := post(t, srv, "key="+testSecret, f); result != "ok" || code != 0 {
				t.Fatalf("got %s %d", result, code)
			}
		})
	}
}

func TestEmulatorAuthAsXiaomi(t *testing.T) {
	srv := startXiaomi(t)
	for _, auth := range []string{"", "key=wrong", testSecret, "Bearer " + testSecret} {
		if result, code := post(t, srv, auth, validForm()); result != "error" || code != 21301 {
			t.Errorf("Authorization %q: %s %d", auth, result, code)
		}
	}
}
