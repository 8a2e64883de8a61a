package handlers_test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/pushcheck/pushcheck/models"
)

// quoted is what an error message quotes of the input: user input and
// codes stay as they came, so they do not count as Chinese or English.
var quoted = regexp.MustCompile(`"[^"]*"|“[^”]*”`)

// saysChinese reports whether a message reads as Chinese: it has Han
// characters outside what it quotes.
func saysChinese(message string) bool {
	for _, r := range quoted.ReplaceAllString(message, "") {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// TestAPIErrorsSpeakChineseWithStableCodes walks the API's error paths
// that people meet (device registration and state, pushes, certificates
// of all nine vendors, groups, apps, webhooks, audit, acks) with
// Accept-Language: zh-CN: each message must be Chinese, and the code and
// field the same as in English.
func TestAPIErrorsSpeakChineseWithStableCodes(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("zh-errors@example.com", models.RoleAdmin)
	apps := fmt.Sprintf("/api/v1/apps/%d", e.app.ID)
	android := `{"user_id":"a","platform":"android","vendor":"oppo","token":"t"}`
	ios := `{"user_id":"alice","platform":"ios","vendor":"apns","token":"4F2A000000000000000000000000000000000000000000000000000000009C1E","environment":"production"}`
	cert := func(vendor, fields string) string {
		return `{"vendor":"` + vendor + `","name":"x","environment":"production","` + vendor + `":` + fields + `}`
	}
	harmonyKey := base64.StdEncoding.EncodeToString(harmonyKeyFile(t))
	cases := []struct{ name, method, path, bearer, body string }{
		// Devices, with the app's key.
		{"device: no user", "PUT", "/api/v1/devices/d1", e.key, `{"platform":"android","vendor":"oppo","token":"t"}`},
		{"device: unknown vendor", "PUT", "/api/v1/devices/d1", e.key, strings.Replace(android, `"oppo"`, `"nokia"`, 1)},
		{"device: vendor on another platform", "PUT", "/api/v1/devices/d1", e.key, strings.Replace(ios, `"ios"`, `"android"`, 1)},
		{"device: bad platform", "PUT", "/api/v1/devices/d1", e.key, strings.Replace(android, `"android"`, `"symbian"`, 1)},
		{"device: empty token", "PUT", "/api/v1/devices/d1", e.key, strings.Replace(android, `"token":"t"`, `"token":""`, 1)},
		{"device: APNs token not hex", "PUT", "/api/v1/devices/d1", e.key, strings.Replace(ios, "4F2A0000", "<4F2A 00", 1)},
		{"device: VoIP on Android", "PUT", "/api/v1/devices/d1", e.key, strings.Replace(android, `"token":"t"`, `"token":"t","voip_token":"v"`, 1)},
		{"device: VoIP token not hex", "PUT", "/api/v1/devices/d1", e.key, strings.Replace(ios, `"environment"`, `"voip_token":"zz","environment"`, 1)},
		{"device: bad environment", "PUT", "/api/v1/devices/d1", e.key, strings.Replace(ios, `"production"`, `"staging"`, 1)},
		{"device: negative certificate", "PUT", "/api/v1/devices/d1", e.key, strings.Replace(android, `"token":"t"`, `"token":"t","certificate_id":-1`, 1)},
		{"device: bad ID", "PUT", "/api/v1/devices/bad%20id", e.key, android},
		{"device: control character", "PUT", "/api/v1/devices/d1", e.key, strings.Replace(android, `"user_id":"a"`, `"user_id":"a\u0007"`, 1)},
		{"device: unknown field", "PUT", "/api/v1/devices/d1", e.key, strings.Replace(android, `"token":"t"`, `"token":"t","certificateId":1`, 1)},
		{"device: malformed JSON", "PUT", "/api/v1/devices/d1", e.key, `{"user_id":`},
		{"device: bad state", "POST", "/api/v1/devices/d1/state", e.key, `{"state":"asleep"}`},
		{"device: negative unread", "POST", "/api/v1/devices/d1/state", e.key, `{"state":"background","unread":-1}`},
		{"device: bad logout reason", "POST", "/api/v1/devices/d1/logout", e.key, `{"reason":"bored"}`},
		{"device: unknown device", "POST", "/api/v1/devices/nobody/state", e.key, `{"state":"background"}`},
		{"ack: bad stage", "POST", "/api/v1/deliveries/x1/ack", e.key, `{"stage":"seen"}`},
		// Pushes.
		{"push: no target", "POST", apps + "/pushes", admin, `{"title":"t"}`},
		{"push: bad mode", "POST", apps + "/pushes", admin, `{"target":{"user_id":"u"},"mode":"loud"}`},
		{"push: unknown user", "POST", apps + "/pushes", admin, `{"target":{"user_id":"nobody"}}`},
		{"push: unknown group", "POST", apps + "/pushes", admin, `{"target":{"group":"nothing"}}`},
		{"push: bad device ID", "POST", apps + "/pushes", admin, `{"target":{"device_ids":["bad id"]}}`},
		{"push: badge", "POST", apps + "/pushes", admin, `{"target":{"user_id":"u"},"badge":-2}`},
		{"push: APNs priority", "POST", apps + "/pushes", admin, `{"target":{"user_id":"u"},"apns":{"priority":7}}`},
		{"push: Huawei category", "POST", apps + "/pushes", admin, `{"target":{"user_id":"u"},"huawei":{"category":"im"}}`},
		{"push: vivo classification", "POST", apps + "/pushes", admin, `{"target":{"user_id":"u"},"vivo":{"classification":3}}`},
		{"push: HarmonyOS push type", "POST", apps + "/pushes", admin, `{"target":{"user_id":"u"},"harmony":{"push_type":"widget"}}`},
		{"push: image over http", "POST", apps + "/pushes", admin, `{"target":{"user_id":"u"},"image":"http://cdn.example.com/p.png"}`},
		{"push: unknown push", "GET", apps + "/pushes/999999", admin, ""},
		// Certificates of all nine vendors.
		{"certificate: unknown vendor", "POST", apps + "/certificates", admin, `{"vendor":"nokia","name":"x","environment":"production"}`},
		{"certificate: no vendor object", "POST", apps + "/certificates", admin, `{"vendor":"oppo","name":"x","environment":"production"}`},
		{"certificate: no name", "POST", apps + "/certificates", admin, `{"vendor":"oppo","name":"","environment":"production","oppo":{"app_key":"k","master_secret":"s"}}`},
		{"certificate: bad environment", "POST", apps + "/certificates", admin, `{"vendor":"oppo","name":"x","environment":"staging","oppo":{"app_key":"k","master_secret":"s"}}`},
		{"certificate: APNs p8", "POST", apps + "/certificates", admin, cert("apns", `{"auth":"token","key_id":"ABC123DEFG","team_id":"TEAM123456","bundle_id":"a.b","p8":"bm90IGEga2V5"}`)},
		{"certificate: APNs key ID", "POST", apps + "/certificates", admin, cert("apns", `{"auth":"token","key_id":"ABC","team_id":"TEAM123456","bundle_id":"a.b"}`)},
		{"certificate: FCM JSON", "POST", apps + "/certificates", admin, cert("fcm", `{"service_account_json":"eyJ0eXBlIjoiYXV0aG9yaXplZF91c2VyIn0="}`)},
		{"certificate: Huawei secret", "POST", apps + "/certificates", admin, cert("huawei", `{"app_id":"1","client_id":"1"}`)},
		{"certificate: HarmonyOS client ID", "POST", apps + "/certificates", admin, cert("harmony", `{"service_account_json":"`+harmonyKey+`","client_id":"x1"}`)},
		{"certificate: HarmonyOS key file", "POST", apps + "/certificates", admin, cert("harmony", `{"service_account_json":"eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0="}`)},
		{"certificate: Honor app ID", "POST", apps + "/certificates", admin, cert("honor", `{"app_id":"abc","client_id":"c","client_secret":"s"}`)},
		{"certificate: Xiaomi package", "POST", apps + "/certificates", admin, cert("xiaomi", `{"package_name":"not a package","app_secret":"s"}`)},
		{"certificate: OPPO secret", "POST", apps + "/certificates", admin, cert("oppo", `{"app_key":"k"}`)},
		{"certificate: OPPO region", "POST", apps + "/certificates", admin, cert("oppo", `{"app_key":"k","master_secret":"s","region":"mars"}`)},
		{"certificate: OPPO client secret", "POST", apps + "/certificates", admin, cert("oppo", `{"app_key":"k","master_secret":"same","client_app_secret":"same"}`)},
		{"certificate: vivo app ID", "POST", apps + "/certificates", admin, cert("vivo", `{"app_id":"abc","app_key":"k","app_secret":"s"}`)},
		{"certificate: Meizu client key", "POST", apps + "/certificates", admin, cert("meizu", `{"app_id":"1","app_secret":"s","client_app_key":"two words"}`)},
		{"certificate: click action", "POST", apps + "/certificates", admin, `{"vendor":"huawei","name":"x","environment":"production","click_action":{"type":"activity"},"huawei":{"app_id":"1","client_id":"1","client_secret":"s"}}`},
		{"certificate: unknown", "GET", apps + "/certificates/999999", admin, ""},
		// Groups, apps, webhooks, audit.
		{"group: no name", "POST", apps + "/groups", admin, `{"name":"","device_ids":["d1"]}`},
		{"group: unknown devices", "POST", apps + "/groups", admin, `{"name":"g","device_ids":["nobody","none"]}`},
		{"app: no name", "POST", "/api/v1/apps", admin, `{"name":""}`},
		{"app: unknown", "GET", "/api/v1/apps/999999/devices", admin, ""},
		{"devices: bad limit", "GET", apps + "/devices?limit=0", admin, ""},
		{"webhook: kind", "PUT", apps + "/webhook", admin, `{"kind":"teams","url":"https://example.webhook.office.com/x"}`},
		{"webhook: http", "PUT", apps + "/webhook", admin, `{"kind":"slack","url":"http://hooks.slack.com/services/T/B/x"}`},
		{"webhook: WeCom secret", "PUT", apps + "/webhook", admin, `{"kind":"wecom","url":"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k","secret":"s"}`},
		{"webhook: none yet", "GET", apps + "/webhook", admin, ""},
		{"audit: bad before", "GET", "/api/v1/audit?before=x", admin, ""},
	}
	zh, en := &http.Client{Transport: acceptLanguage("zh-CN,zh;q=0.9")}, &http.Client{Transport: acceptLanguage("en-US")}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.call(zh, c.method, c.path, c.bearer, "application/json", c.body)
			code, field := r.apiError(t)
			message := r.json(t)["error"].(map[string]any)["message"].(string)
			if r.status < 400 || !saysChinese(message) {
				t.Errorf("%d %s %q: %q is not Chinese", r.status, code, field, message)
			}
			english := e.call(en, c.method, c.path, c.bearer, "application/json", c.body)
			enCode, enField := english.apiError(t)
			if english.status != r.status || enCode != code || enField != field || saysChinese(english.json(t)["error"].(map[string]any)["message"].(string)) {
				t.Errorf("English: %d %s %q %s; Chinese: %d %s %q", english.status, enCode, enField, english.body, r.status, code, field)
			}
		})
	}
}
