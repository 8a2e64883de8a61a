package handlers_test

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// A vendor's answer is stored in English, and the API returns it so; the
// push page shows it in the reader's language, keeping the vendor's own
// words.
func TestPushPageExplainsTheVendorsAnswerInTheReadersLanguage(t *testing.T) {
	e := newEnv(t)
	admin, token := e.operator("answers@example.com", models.RoleAdmin)
	certs := androidCertificates(t, e, token)
	registerAndroid(t, e, "huawei-phone", "qa", "huawei", "IQAAAACy0-unregistered", certs["huawei"])
	r := e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/pushes", e.app.ID), token, `{"target":{"user_id":"qa"},"title":"Bob","desc":"hello"}`)
	if r.status != http.StatusCreated {
		t.Fatalf("push: %d %s", r.status, r.body)
	}
	english := "Huawei says the token is invalid: it is malformed or copied with spaces, belongs to another app ID than this certificate's, or the app was uninstalled (Huawei does not say which) (Huawei: All the tokens are invalid)"
	if d := deliveriesByDevice(t, r)["huawei-phone"]; d["code"] != "80300007" || d["explanation"] != english {
		t.Fatalf("the sandbox's unregistered answer: %v", d)
	}
	page := fmt.Sprintf("/apps/%d/pushes/%d", e.app.ID, int64(r.json(t)["id"].(float64)))
	api := "/api/v1" + page

	zh := e.browser()
	zh.client.Transport = acceptLanguage("zh-CN,zh;q=0.9")
	zh.signIn(admin.Email, password)
	got := zh.get(page)
	for _, want := range []string{
		"华为认为 Token 无效：格式错误或复制时带了空格、属于与本证书不同的应用 ID，或应用已被卸载（华为不区分是哪一种）（Huawei: All the tokens are invalid）",
		"确认证书的应用 ID 与应用的 agconnect-services.json 一致",
	} {
		if !strings.Contains(got.body, want) {
			t.Errorf("the Chinese push page lacks %q: %d", want, got.status)
		}
	}
	if strings.Contains(got.body, html.EscapeString(english)) {
		t.Error("the Chinese push page shows the English explanation")
	}

	en := e.browser()
	en.signIn(admin.Email, password)
	if got := en.get(page); !strings.Contains(got.body, html.EscapeString(english)) || strings.Contains(got.body, "华为认为") {
		t.Errorf("the English push page changed: %d", got.status)
	}

	// The API is unchanged whatever the language.
	req, err := http.NewRequest(http.MethodGet, e.srv.URL+api, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := (&http.Client{Transport: acceptLanguage("zh-CN")}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Deliveries []struct{ Explanation string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || len(body.Deliveries) != 1 || body.Deliveries[0].Explanation != english {
		t.Errorf("the API in Chinese: %v %+v", err, body)
	}
}

// A receipt's words, stored in English, read in Chinese on the push page.
func TestPushPageExplainsReceiptsInTheReadersLanguage(t *testing.T) {
	e := newEnv(t)
	admin, token := e.operator("receipts@example.com", models.RoleAdmin)
	certs := androidCertificates(t, e, token)
	registerAndroid(t, e, "hw-off", "ann", "huawei", "IQAAAA-notifoff", certs["huawei"])
	p := e.sendPush(t, token, `{"target":{"user_id":"ann"},"mode":"force"}`)
	e.waitFor(t, token, p.ID, func(st string) bool { return st == "undelivered" })
	zh := e.browser()
	zh.client.Transport = acceptLanguage("zh-CN")
	zh.signIn(admin.Email, password)
	got := zh.get(fmt.Sprintf("/apps/%d/pushes/%d", e.app.ID, p.ID))
	if want := "通知已关闭（应用通知开关、系统开关或通知渠道）。解决方法：请用户允许通知"; !strings.Contains(got.body, want) {
		t.Errorf("the Chinese push page lacks %q: %d", want, got.status)
	}
}

// Why a device got no send is said before any vendor answers, stored in
// English like an answer, and read back in Chinese on the push page, with
// the device registration's warning in Chinese too.
func TestPushPageSaysSkipReasonsInTheReadersLanguage(t *testing.T) {
	e := newEnv(t)
	admin, token := e.operator("skips@example.com", models.RoleAdmin)
	reg := e.call(&http.Client{Transport: acceptLanguage("zh-CN")}, http.MethodPut, "/api/v1/devices/lost-cert", e.key, "application/json",
		`{"user_id":"qa","platform":"android","vendor":"oppo","token":"t-1","certificate_id":999}`)
	var reply struct {
		Warnings []struct{ Code, Message string }
	}
	reg.decode(t, &reply)
	if len(reply.Warnings) == 0 || reply.Warnings[0].Code != "certificate_unknown" || !strings.Contains(reply.Warnings[0].Message, "本应用中没有证书 999") {
		t.Fatalf("registration warnings in Chinese: %d %s", reg.status, reg.body)
	}
	r := e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/pushes", e.app.ID), token, `{"target":{"user_id":"qa"},"mode":"force"}`)
	if r.status != http.StatusCreated {
		t.Fatalf("push: %d %s", r.status, r.body)
	}
	if d := deliveriesByDevice(t, r)["lost-cert"]; d["explanation"] != "certificate #999 does not exist in this app" {
		t.Fatalf("the skipped delivery: %v", d)
	}
	zh := e.browser()
	zh.client.Transport = acceptLanguage("zh-CN,zh;q=0.9")
	zh.signIn(admin.Email, password)
	got := zh.get(fmt.Sprintf("/apps/%d/pushes/%d", e.app.ID, int64(r.json(t)["id"].(float64))))
	for _, want := range []string{"本应用中没有证书 #999", "添加该证书，或修正应用上报的 ID"} {
		if !strings.Contains(got.body, want) {
			t.Errorf("the Chinese push page lacks %q: %d", want, got.status)
		}
	}
	if strings.Contains(got.body, "does not exist in this app") {
		t.Error("the Chinese push page shows the English reason")
	}
}
