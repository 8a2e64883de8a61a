package handlers_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// A Chinese browser reads the verdict's evidence, fixes and summary in
// Chinese; the API keeps saying them in English; a report frozen with
// the texts says them in Chinese too, and one stored before checks had
// texts still shows its English.
func TestVerdictSpeaksTheReadersLanguage(t *testing.T) {
	d := newDiagnosisEnv(t)
	if r := d.api(http.MethodPut, "/api/v1/devices/no-cert", d.key, `{"user_id":"zh1","platform":"android","vendor":"huawei","token":"IQAAAACy0-zh1","notifications_enabled":true}`); r.status != 200 {
		t.Fatalf("register: %d %s", r.status, r.body)
	}
	d.api(http.MethodPost, "/api/v1/devices/no-cert/state", d.key, `{"state":"background"}`)
	registerAndroid(t, d.env, "fine", "zh1", "huawei", "IQAAAACy0-zh1b", d.certs["huawei"])

	d.operator("zh-reader@example.com", models.RoleViewer)
	b := d.browser()
	b.client.Transport = acceptLanguage("zh-CN,zh;q=0.9")
	if r := b.signIn("zh-reader@example.com", "correct horse battery"); r.status != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", r.status)
	}
	page := b.get(fmt.Sprintf("/apps/%d/users/zh1", d.app.ID))
	body := html.UnescapeString(page.body)
	for _, want := range []string{
		"上报 Token 时没有带证书 ID，IM 服务端无法为它选择推送凭据",                 // the evidence
		"上报 Token 时一并上报 certificate_id：即「客户端配置」页列出的 华为 证书 ID", // the fix
		"2 台设备中 1 台可收到离线推送；华为",                                // the summary names the device…
		"未上报证书 ID", // …and its cause
		"已在后台",     // a pass's evidence
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the Chinese user page lacks %q", want)
		}
	}
	// The copy for tickets (data-copy) stays English, like the API.
	shown := body[strings.Index(body, `<ul class="verdict-devices">`):]
	if strings.Contains(shown, "without a certificate ID") || strings.Contains(shown, "reported no certificate ID") {
		t.Errorf("the Chinese verdict still says the English evidence or cause: %.600s", shown)
	}

	v := verdictOf(t, d.env, d.admin, "zh1", nil)
	c := checkOf(t, deviceVerdict(t, v, "no-cert"), "certificate_id")
	if c.Evidence != "the token was reported without a certificate ID, so the IM server cannot choose credentials for it" || c.Cause != "reported no certificate ID" ||
		!strings.HasPrefix(c.Fix, "report certificate_id with the token") || c.Texts == nil || c.Texts.Evidence.ID != "verdict.certificate_id.missing.evidence" {
		t.Fatalf("the API's check: %+v", c)
	}

	// A report freezes the texts (JSON in the database) and says them in
	// Chinese when read back.
	frozen, err := d.store.SaveReport(context.Background(), v, nil, "admin@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if r := b.get(fmt.Sprintf("/apps/%d/reports/%s", d.app.ID, frozen.ID)); !strings.Contains(html.UnescapeString(r.body), "上报 Token 时没有带证书 ID") ||
		!strings.Contains(html.UnescapeString(r.body), "2 台设备中 1 台可收到离线推送；华为 no-cert 未上报证书 ID") {
		t.Fatalf("a frozen report does not say its checks and summary in Chinese: %d", r.status)
	}

	// A report stored before checks carried texts shows its English.
	old := v
	old.Devices = nil
	for _, dv := range v.Devices {
		checks := make([]models.Check, len(dv.Checks))
		for i, c := range dv.Checks {
			c.Texts = nil
			checks[i] = c
		}
		dv.Checks = checks
		old.Devices = append(old.Devices, dv)
	}
	stored, err := d.store.SaveReport(context.Background(), old, nil, "admin@example.com")
	if err != nil {
		t.Fatal(err)
	}
	r := b.get(fmt.Sprintf("/apps/%d/reports/%s", d.app.ID, stored.ID))
	if body := html.UnescapeString(r.body); r.status != http.StatusOK || !strings.Contains(body, "the token was reported without a certificate ID") || !strings.Contains(body, "make the app register") && !strings.Contains(body, "report certificate_id with the token") {
		t.Fatalf("an old report does not show its English: %d", r.status)
	}
}

// A Chinese browser's composer lint says the findings in Chinese; the
// lint API keeps the English.
func TestComposerLintSpeaksTheReadersLanguage(t *testing.T) {
	d := newDiagnosisEnv(t)
	registerAndroid(t, d.env, "hw", "zh2", "huawei", "IQAAAACy0-zh2", d.certs["huawei"])
	admin, _ := d.operator("zh-admin@example.com", models.RoleAdmin)
	b := d.browser()
	b.client.Transport = acceptLanguage("zh-CN")
	b.signIn(admin.Email, password)
	page := fmt.Sprintf("/apps/%d/users/zh2", d.app.ID)
	form := url.Values{"_csrf": {b.csrf(page)}, "target": {"all"}, "mode": {"as_im_server"}}
	lint := html.UnescapeString(b.htmxPost(t, page+"/pushes/lint", form).body)
	for _, want := range []string{"未设置华为 category（消息和证书 #", "desc：将发送默认值"} {
		if !strings.Contains(lint, want) {
			t.Errorf("the Chinese lint lacks %q:\n%s", want, lint)
		}
	}
	if strings.Contains(lint, "Huawei's classifier decides") {
		t.Errorf("the Chinese lint still says the English finding")
	}
	r := d.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/pushes/lint", d.app.ID), d.admin, `{"target":{"user_id":"zh2"},"title":"t"}`)
	if !strings.Contains(r.body, "no Huawei category (message or certificate #") || !strings.Contains(r.body, `"text":{"id":"lint.huawei.category_missing"`) {
		t.Errorf("the lint API: %d %s", r.status, r.body)
	}
}
