package meizu

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

// The emulator must refuse what Meizu refuses, with Meizu's code in its
// answer shape (HTTP 200, code as a string), and take what Meizu takes.
// Every rule of emulator_rules.go and of the sign has a row here, sent
// over HTTP.

const testApp, testSecret = "100999", "mz-secret"

// validMessage is the messageJson pushcheck's client sends (a private
// message opening an activity, with a receipt request), as a map.
func validMessage(t *testing.T) map[string]any {
	t.Helper()
	private := 1
	chat := models.ClickAction{Type: "activity", Activity: "com.example.im.ChatActivity"}
	raw, err := json.Marshal(buildMessage(vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"c":1}`, DeliveryID: "d-6", ClickAction: &chat,
		Receipt: vendors.ReceiptRequest{URL: "https://console.example.com/r/meizu/1", Param: "d-6"},
		Meizu:   models.MeizuPushOptions{NoticeMsgType: &private}}, models.Certificate{Settings: models.CertificateSettings{AppID: testApp}}))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func startMeizu(t *testing.T) *httptest.Server {
	t.Helper()
	em := NewEmulator()
	em.Register(testApp, testSecret)
	srv := httptest.NewServer(em)
	t.Cleanup(srv.Close)
	return srv
}

// form signs the parameters with secret, as pushcheck's client does.
func form(appID, pushIDs string, message any, secret string) url.Values {
	raw, ok := message.(string)
	if !ok {
		b, _ := json.Marshal(message)
		raw = string(b)
	}
	return signedForm(map[string]string{"appId": appID, "pushIds": pushIDs, "messageJson": raw}, secret)
}

// post returns Meizu's code and its map of refused targets.
func post(t *testing.T, srv *httptest.Server, f url.Values) (string, map[string][]string) {
	t.Helper()
	resp, err := http.PostForm(srv.URL+sendPath, f)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a struct {
		Code    string              `json:"code"`
		Message string              `json:"message"`
		Value   map[string][]string `json:"value"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil || resp.StatusCode != 200 || (a.Code != "200" && a.Message == "") {
		t.Fatalf("answer: %d %v %+v", resp.StatusCode, err, a)
	}
	return a.Code, a.Value
}

func TestEmulatorTakesPushchecksOwnRequest(t *testing.T) {
	srv := startMeizu(t)
	if code, value := post(t, srv, form(testApp, "UCI5c0b0a0f0e0d", validMessage(t), testSecret)); code != "200" || len(value) != 0 {
		t.Fatalf("%s %v", code, value)
	}
}

func TestEmulatorRefusesWhatMeizuRefuses(t *testing.T) {
	cases := []struct {
		name string
		edit func(m map[string]any)
		code string
	}{
		{"noticeBarInfo a string", func(m map[string]any) { vendortest.Edit(m, "noticeBarInfo", "Bob") }, "1005"},
		{"clickType text", func(m map[string]any) { vendortest.Edit(m, "clickTypeInfo.clickType", "activity") }, "1005"},
		{"parameters a string", func(m map[string]any) { vendortest.Edit(m, "clickTypeInfo.parameters", `{"c":1}`) }, "1005"},
		{"no noticeBarInfo", func(m map[string]any) { vendortest.Edit(m, "noticeBarInfo", vendortest.Removed{}) }, "110004"},
		{"no title", func(m map[string]any) { vendortest.Edit(m, "noticeBarInfo.title", "") }, "110004"},
		{"no content", func(m map[string]any) { vendortest.Edit(m, "noticeBarInfo.content", vendortest.Removed{}) }, "110004"},
		{"title of 33 characters", func(m map[string]any) { vendortest.Edit(m, "noticeBarInfo.title", strings.Repeat("标", 33)) }, "1005"},
		{"content of 101 characters", func(m map[string]any) { vendortest.Edit(m, "noticeBarInfo.content", strings.Repeat("c", 101)) }, "1005"},
		{"noticeMsgType 2", func(m map[string]any) { vendortest.Edit(m, "noticeBarInfo.noticeMsgType", 2) }, "1005"},
		{"noticeBarType 1", func(m map[string]any) { vendortest.Edit(m, "noticeBarInfo.noticeBarType", 1) }, "1005"},
		{"noticeExpandType 3", func(m map[string]any) { vendortest.Edit(m, "noticeExpandInfo.noticeExpandType", 3) }, "1005"},
		{"text expansion without text", func(m map[string]any) { vendortest.Edit(m, "noticeExpandInfo.noticeExpandType", 1) }, "110004"},
		{"big picture without a picture", func(m map[string]any) { vendortest.Edit(m, "noticeExpandInfo.noticeExpandType", 2) }, "110004"},
		{"clickType 4", func(m map[string]any) { vendortest.Edit(m, "clickTypeInfo.clickType", 4) }, "1005"},
		{"clickType 1 without activity", func(m map[string]any) { vendortest.Edit(m, "clickTypeInfo.activity", vendortest.Removed{}) }, "110004"},
		{"clickType 2 without url", func(m map[string]any) { vendortest.Edit(m, "clickTypeInfo.clickType", 2) }, "110004"},
		{"clickType 3 without customAttribute", func(m map[string]any) { vendortest.Edit(m, "clickTypeInfo.clickType", 3) }, "110004"},
		{"customAttribute over 1000 bytes", func(m map[string]any) {
			vendortest.Edit(m, "clickTypeInfo.clickType", 3)
			vendortest.Edit(m, "clickTypeInfo.customAttribute", strings.Repeat("字", 334))
		}, "1005"},
		{"offLine 2", func(m map[string]any) { vendortest.Edit(m, "pushTimeInfo.offLine", 2) }, "1005"},
		{"validTime 0", func(m map[string]any) { vendortest.Edit(m, "pushTimeInfo.validTime", 0) }, "1005"},
		{"validTime 73", func(m map[string]any) { vendortest.Edit(m, "pushTimeInfo.validTime", 73) }, "1005"},
		{"suspend 2", func(m map[string]any) { vendortest.Edit(m, "advanceInfo.suspend", 2) }, "1005"},
		{"sound 2", func(m map[string]any) { vendortest.Edit(m, "advanceInfo.notificationType.sound", 2) }, "1005"},
		{"fixed display without times", func(m map[string]any) { vendortest.Edit(m, "advanceInfo.fixDisplay", 1) }, "110004"},
		{"fixed display with an ISO time", func(m map[string]any) {
			vendortest.Edit(m, "advanceInfo.fixDisplay", 1)
			vendortest.Edit(m, "advanceInfo.fixStartDisplayTime", "2026-05-01T08:00:00Z")
			vendortest.Edit(m, "advanceInfo.fixEndDisplayTime", "2026-05-01 09:00:00")
		}, "1005"},
		{"notifyKey of 9 characters", func(m map[string]any) { vendortest.Edit(m, "advanceInfo.notifyKey", "conv12345") }, "1005"},
		{"notifyKey with a dot", func(m map[string]any) { vendortest.Edit(m, "advanceInfo.notifyKey", "c.1") }, "1005"},
		{"extra without callback", func(m map[string]any) { vendortest.Edit(m, "extra.callback", vendortest.Removed{}) }, "110004"},
		{"callback over 128 bytes", func(m map[string]any) {
			vendortest.Edit(m, "extra.callback", "https://e.com/"+strings.Repeat("c", 115))
		}, "1005"},
		{"callback.param over 64 bytes", func(m map[string]any) { m["extra"].(map[string]any)["callback.param"] = strings.Repeat("p", 65) }, "1005"},
		{"callback.type 4", func(m map[string]any) { m["extra"].(map[string]any)["callback.type"] = "4" }, "1005"},
	}
	srv := startMeizu(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := validMessage(t)
			tc.edit(m)
			if code, _ := post(t, srv, form(testApp, "pushid-1", m, testSecret)); code != tc.code {
				t.Fatalf("got %s, want %s", code, tc.code)
			}
		})
	}
	for _, tc := range []struct {
		name string
		form url.Values
		code string
	}{
		{"messageJson not JSON", form(testApp, "pushid-1", "title=Bob", testSecret), "1005"},
		{"101 pushIds", form(testApp, strings.Repeat("p,", 100)+"p", validMessage(t), testSecret), "1005"},
		{"an empty pushId", form(testApp, "pushid-1,", validMessage(t), testSecret), "110004"},
		{"no pushIds", form(testApp, "", validMessage(t), testSecret), "110004"},
		{"no messageJson", form(testApp, "pushid-1", "", testSecret), "110004"},
		{"no appId", form("", "pushid-1", validMessage(t), testSecret), "110004"},
		{"unknown appId", form("100998", "pushid-1", validMessage(t), testSecret), "110000"},
		{"signed with another secret", form(testApp, "pushid-1", validMessage(t), "other"), "1006"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if code, _ := post(t, srv, tc.form); code != tc.code {
				t.Fatalf("got %s, want %s", code, tc.code)
			}
		})
	}
	t.Run("no sign", func(t *testing.T) {
		f := form(testApp, "pushid-1", validMessage(t), testSecret)
		f.Del("sign")
		if code, _ := post(t, srv, f); code != "110004" {
			t.Fatalf("got %s", code)
		}
	})
	t.Run("sign over URL-encoded values", func(t *testing.T) {
		raw, _ := json.Marshal(validMessage(t))
		p := map[string]string{"appId": testApp, "pushIds": "pushid-1", "messageJson": url.QueryEscape(string(raw))}
		f := form(testApp, "pushid-1", string(raw), testSecret)
		f.Set("sign", vendors.SortedParamsMD5(p, testSecret))
		if code, _ := post(t, srv, f); code != "1006" {
			t.Fatalf("got %s", code)
		}
	})
}

// Meizu takes these, so the emulator must too.
func TestEmulatorTakesWhatMeizuTakes(t *testing.T) {
	cases := []struct {
		name string
		edit func(m map[string]any)
	}{
		{"numbers as digit strings", func(m map[string]any) {
			vendortest.Edit(m, "clickTypeInfo.clickType", "1")
			vendortest.Edit(m, "pushTimeInfo.validTime", "72")
		}},
		{"no validTime (24 by default)", func(m map[string]any) { vendortest.Edit(m, "pushTimeInfo.validTime", vendortest.Removed{}) }},
		{"no pushTimeInfo or advanceInfo", func(m map[string]any) {
			vendortest.Edit(m, "pushTimeInfo", vendortest.Removed{})
			vendortest.Edit(m, "advanceInfo", vendortest.Removed{})
		}},
		{"title of 32 characters", func(m map[string]any) { vendortest.Edit(m, "noticeBarInfo.title", strings.Repeat("标", 32)) }},
		{"public message", func(m map[string]any) { vendortest.Edit(m, "noticeBarInfo.noticeMsgType", 0) }},
		{"Android native bar", func(m map[string]any) { vendortest.Edit(m, "noticeBarInfo.noticeBarType", 2) }},
		{"fixed display", func(m map[string]any) {
			vendortest.Edit(m, "advanceInfo.fixDisplay", 1)
			vendortest.Edit(m, "advanceInfo.fixStartDisplayTime", "2026-05-01 08:00:00")
			vendortest.Edit(m, "advanceInfo.fixEndDisplayTime", "2026-05-01 09:00:00")
		}},
		{"notifyKey", func(m map[string]any) { vendortest.Edit(m, "advanceInfo.notifyKey", "conv_1-a") }},
		{"client custom click (deprecated, not refused)", func(m map[string]any) {
			vendortest.Edit(m, "clickTypeInfo.clickType", 3)
			vendortest.Edit(m, "clickTypeInfo.customAttribute", "open")
		}},
	}
	srv := startMeizu(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := validMessage(t)
			tc.edit(m)
			if code, _ := post(t, srv, form(testApp, "pushid-1", m, testSecret)); code != "200" {
				t.Fatalf("got %s", code)
			}
		})
	}
	if code, _ := post(t, srv, form(testApp, strings.Repeat("p,", 99)+"p", validMessage(t), testSecret)); code != "200" {
		t.Fatalf("100 pushIds: %s", code)
	}
}
