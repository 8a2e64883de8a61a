package handlers_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// A device's timeline is stored in English, which the API returns; the
// device page says it in the reader's language, vendor names included.
func TestDeviceTimelineInTheReadersLanguage(t *testing.T) {
	e := newEnv(t)
	admin, token := e.operator("timeline@example.com", models.RoleAdmin)
	certs := androidCertificates(t, e, token)
	registerAndroid(t, e, "mi-phone", "qa", "huawei", "IQAAAACy0-first-token", certs["huawei"])
	r := e.api(http.MethodPut, "/api/v1/devices/mi-phone", e.key, fmt.Sprintf(`{"user_id":"qa","platform":"android","vendor":"xiaomi","token":"mi-regid-second-token","certificate_id":%d,"notifications_enabled":false}`, certs["xiaomi"]))
	if r.status != http.StatusOK {
		t.Fatalf("re-register: %d %s", r.status, r.body)
	}
	page := fmt.Sprintf("/apps/%d/devices/mi-phone", e.app.ID)

	zh := e.browser()
	zh.client.Transport = acceptLanguage("zh-CN")
	zh.signIn(admin.Email, password)
	got := zh.get(page)
	for _, want := range []string{
		fmt.Sprintf("华为 Token IQAAAA…oken，证书 #%d", certs["huawei"]),
		"华为 → 小米",
		"1 条未读",
		"通知权限已关闭",
		`<span class="vendor v-xiaomi">小米</span>`,
	} {
		if !strings.Contains(got.body, want) {
			t.Errorf("the Chinese device page lacks %q: %d", want, got.status)
		}
	}
	for _, english := range []string{"Huawei token", "Huawei → Xiaomi", "1 unread", "notifications off"} {
		if strings.Contains(got.body, english) {
			t.Errorf("the Chinese device page says %q", english)
		}
	}

	en := e.browser()
	en.signIn(admin.Email, password)
	if got := en.get(page); !strings.Contains(got.body, "Huawei → Xiaomi") || !strings.Contains(got.body, "notifications off") {
		t.Errorf("the English device page changed: %d", got.status)
	}
}
