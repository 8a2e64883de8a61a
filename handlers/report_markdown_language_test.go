package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// The ticket copy on a Chinese page, and a report's /markdown, say the
// checks in Chinese; the API's Markdown stays English.
func TestReportMarkdownInTheReadersLanguage(t *testing.T) {
	d := newDiagnosisEnv(t)
	id := d.certificate(t, "oppo", `"oppo":{"app_key":"k-md","master_secret":"s","category":"IM","region":"cn"}`)
	registerAndroid(t, d.env, "ivan-oppo", "ivan", "oppo", "CN_ivan", id)
	viewer, _ := d.operator("md@example.com", models.RoleViewer)
	b := d.browser()
	b.client.Transport = acceptLanguage("zh-CN")
	b.signIn(viewer.Email, password)
	userPage := fmt.Sprintf("/apps/%d/users/ivan", d.app.ID)
	if page := b.get(userPage); !strings.Contains(page.body, "## 推送诊断：ivan") || strings.Contains(page.body, "## Push check: ivan") {
		t.Fatalf("the Chinese user page's copy is not Chinese: %d", page.status)
	}
	r := b.post(userPage+"/reports", url.Values{"_csrf": {b.csrf(userPage)}, "message_type": {"custom"}})
	loc := r.header.Get("Location")
	if r.status != http.StatusSeeOther {
		t.Fatalf("permalink: %d %s", r.status, loc)
	}
	md := b.get(loc + "/markdown")
	for _, want := range []string{"## 推送诊断：ivan", "检查于 ", "漏收的消息：custom，无 desc", "### ✗ OPPO ivan-oppo", "\n修复：", "报告：http://"} {
		if !strings.Contains(md.body, want) {
			t.Errorf("the Chinese markdown lacks %q:\n%s", want, md.body)
		}
	}
	for _, english := range []string{"Push check", "Fix:", "has no OPPO channel ID"} {
		if strings.Contains(md.body, english) {
			t.Errorf("the Chinese markdown says %q:\n%s", english, md.body)
		}
	}
	api := d.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/users/ivan/reports", d.app.ID), d.admin, `{}`)
	if !strings.Contains(api.body, `"markdown":"## Push check: ivan`) {
		t.Errorf("the API's markdown changed: %d %s", api.status, api.body)
	}
}
