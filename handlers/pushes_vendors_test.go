package handlers_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// androidCertificates creates a sandbox certificate for each Android
// vendor through the API and returns their IDs by vendor.
func androidCertificates(t *testing.T, e *env, admin string) map[string]int64 {
	t.Helper()
	bodies := map[string]string{
		"huawei": `"huawei":{"app_id":"104000001","client_id":"104000001","client_secret":"s","badge_class":"com.example.im.MainActivity"}`,
		"honor":  `"honor":{"app_id":"104000002","client_id":"honor-client","client_secret":"s","badge_class":"com.example.im.MainActivity"}`,
		"xiaomi": `"xiaomi":{"package_name":"com.example.im","app_secret":"s","region":"cn"}`,
		"oppo":   `"oppo":{"app_key":"k","master_secret":"s","channel_id":"im","region":"cn"}`,
		"vivo":   `"vivo":{"app_id":"104000003","app_key":"k","app_secret":"s"}`,
		"meizu":  `"meizu":{"app_id":"104000004","app_secret":"s","region":"cn"}`,
	}
	ids := map[string]int64{}
	for vendor, creds := range bodies {
		r := e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/certificates", e.app.ID), admin,
			fmt.Sprintf(`{"vendor":%q,"name":"Sandbox %s","environment":"sandbox",%s}`, vendor, vendor, creds))
		if r.status != http.StatusCreated {
			t.Fatalf("%s certificate: %d %s", vendor, r.status, r.body)
		}
		ids[vendor] = int64(r.json(t)["id"].(float64))
	}
	return ids
}

func registerAndroid(t *testing.T, e *env, deviceID, user, vendor, token string, cert int64) {
	t.Helper()
	r := e.api(http.MethodPut, "/api/v1/devices/"+deviceID, e.key, fmt.Sprintf(`{"user_id":%q,"platform":"android","vendor":%q,"token":%q,"certificate_id":%d,"notifications_enabled":true}`, user, vendor, token, cert))
	if r.status != 200 {
		t.Fatalf("register %s: %d %s", deviceID, r.status, r.body)
	}
	e.api(http.MethodPost, "/api/v1/devices/"+deviceID+"/state", e.key, `{"state":"background","unread":1}`)
}

func TestAndroidVendorsSendThroughTheSandbox(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	certs := androidCertificates(t, e, admin)
	tokens := map[string]string{"huawei": "IQAAAACy0-huawei", "honor": "honor-token", "xiaomi": "mi-regid", "oppo": "CN_oppo-regid", "vivo": "vivo-regid", "meizu": "meizu-unregistered"}
	for vendor, token := range tokens {
		registerAndroid(t, e, vendor+"-phone", "qa", vendor, token, certs[vendor])
	}
	path := fmt.Sprintf("/api/v1/apps/%d/pushes", e.app.ID)
	r := e.api(http.MethodPost, path, admin, `{"target":{"user_id":"qa"},"title":"Bob","desc":"hello","ext":"{\"c\":1}","badge":2,
		"oppo_channel_id":"im_private","huawei":{"category":"IM","importance":"NORMAL","test":true},"honor":{"importance":"LOW"},
		"xiaomi":{"notify_type":1},"vivo":{"classification":1,"category":"IM","push_mode":"test"},"meizu":{"notice_msg_type":1,"sound":false}}`)
	if r.status != http.StatusCreated {
		t.Fatalf("push: %d %s", r.status, r.body)
	}
	ds := deliveriesByDevice(t, r)
	for vendor, want := range map[string]string{"huawei": `"target_user_type": 1`, "honor": `"importance": "LOW"`, "xiaomi": "notify_type=1",
		"oppo": `"channel_id":"im_private"`, "vivo": `"pushMode": 1`} {
		d := ds[vendor+"-phone"]
		if d["status"] != "accepted" || d["vendor_message_id"] == "" || !strings.Contains(d["request"].(string), want) {
			t.Errorf("%s: %v", vendor, d)
		}
	}
	// Meizu answers code 200 with the pushId under 110002 in value: the
	// token is dead, and the device is marked.
	if d := ds["meizu-phone"]; d["status"] != "rejected" || d["code"] != "110002" || !strings.Contains(d["fix"].(string), "pushId") {
		t.Errorf("meizu: %v", d)
	}
	for _, c := range []struct{ body, field string }{
		{`{"target":{"user_id":"qa"},"huawei":{"importance":"HIGH"}}`, "huawei.importance"},
		{`{"target":{"user_id":"qa"},"xiaomi":{"notify_type":9}}`, "xiaomi.notify_type"},
		{`{"target":{"user_id":"qa"},"oppo":{"notify_level":16}}`, "oppo.category"},
		{`{"target":{"user_id":"qa"},"vivo":{"push_mode":"debug"}}`, "vivo.push_mode"},
		{`{"target":{"user_id":"qa"},"meizu":{"notice_msg_type":3}}`, "meizu.notice_msg_type"},
		{`{"target":{"user_id":"qa"},"click_action":{"type":"activity"}}`, "click_action.activity"},
	} {
		r := e.api(http.MethodPost, path, admin, c.body)
		if code, field := r.apiError(t); r.status != 400 || code != "invalid_argument" || field != c.field {
			t.Errorf("%s → %d %s", c.body, r.status, r.body)
		}
	}
}

func TestComposerSendsTheAndroidOptions(t *testing.T) {
	e := newEnv(t)
	admin, token := e.operator("admin@example.com", models.RoleAdmin)
	certs := androidCertificates(t, e, token)
	registerAndroid(t, e, "mate", "zoe", "huawei", "IQAAAACy0-zoe", certs["huawei"])
	registerAndroid(t, e, "find", "zoe", "oppo", "CN_zoe", certs["oppo"])
	b := e.browser()
	b.signIn(admin.Email, password)
	page := b.get(fmt.Sprintf("/apps/%d/users/zoe", e.app.ID))
	for _, want := range []string{"Huawei options", "OPPO options", "Where does my field go?", "android.notification.title"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("composer lacks %q", want)
		}
	}
	form := url.Values{"_csrf": {b.csrf(fmt.Sprintf("/apps/%d/users/zoe", e.app.ID))}, "target": {"all"}, "mode": {"as_im_server"}, "title": {"Hi"}, "desc": {"there"},
		"huawei.category": {"IM"}, "huawei.test": {"1"}, "oppo.category": {"IM"}, "oppo.notify_level": {"2"},
		"click_action.type": {"intent"}, "click_action.target": {"intent://chat#Intent;scheme=im;end"}}
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+fmt.Sprintf("/apps/%d/users/zoe/pushes", e.app.ID), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	resp, err := b.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"target_user_type&#34;: 1", "notify_level&#34;:2", "click_action_type&#34;:5", "intent://chat#Intent;scheme=im;end"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("results lack %q", want)
		}
	}
	if resp.StatusCode != 200 || strings.Count(string(body), `class="delivery st-accepted"`) != 2 {
		t.Fatalf("composer fragment: %d %s", resp.StatusCode, body)
	}
}
