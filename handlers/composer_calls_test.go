package handlers_test

import (
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The composer's new fields reach the vendors as the form names them: a
// HarmonyOS NEXT custom page with its data, badge addNum, a test message
// and an image; then a call invitation, which goes to HarmonyOS NEXT as
// push-type 10 and to Huawei v1 as a VOIP-category notification.
func TestComposerSendsHarmonyRichAndCallFields(t *testing.T) {
	d := newDiagnosisEnv(t)
	harmony := d.certificate(t, "harmony", `"harmony":{"service_account_json":"`+base64.StdEncoding.EncodeToString(harmonyKeyFile(t))+`","category":"IM","categories":["IM","VOIP"],"call_right":true}`)
	for _, reg := range []string{
		fmt.Sprintf(`{"user_id":"zoe","platform":"harmony","vendor":"harmony","token":"MAAALgE4G98-zoe-mate70","certificate_id":%d,"os_version":"5.0.1","notifications_enabled":true}`, harmony),
		fmt.Sprintf(`{"user_id":"zoe","platform":"android","vendor":"huawei","token":"IQAAAACy0-zoe-mate60","certificate_id":%d,"notifications_enabled":true}`, d.certs["huawei"]),
	} {
		device := map[bool]string{true: "mate-70", false: "mate-60"}[strings.Contains(reg, `"harmony"`)]
		if r := d.api(http.MethodPut, "/api/v1/devices/"+device, d.key, reg); r.status != 200 {
			t.Fatalf("register %s: %d %s", device, r.status, r.body)
		}
	}
	admin, _ := d.operator("qa@example.com", "operator")
	b := d.browser()
	b.signIn(admin.Email, password)
	userPath := fmt.Sprintf("/apps/%d/users/zoe", d.app.ID)
	page := b.get(userPath)
	for _, want := range []string{"HarmonyOS NEXT options", "Call invitation", `name="image"`, `name="kind"`, `name="harmony.click.data"`} {
		if !strings.Contains(page.body, want) {
			t.Errorf("composer lacks %q", want)
		}
	}
	send := func(fields url.Values) string {
		t.Helper()
		fields.Set("_csrf", b.csrf(userPath))
		fields.Set("target", "all")
		fields.Set("mode", "force")
		req, _ := http.NewRequest(http.MethodPost, d.srv.URL+userPath+"/pushes", strings.NewReader(fields.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("HX-Request", "true")
		resp, err := b.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil || (resp.StatusCode != 200 && resp.StatusCode != http.StatusBadRequest) {
			t.Fatalf("composer: %d %v %s", resp.StatusCode, err, body)
		}
		return strings.ReplaceAll(string(body), "&#34;", `"`)
	}
	body := send(url.Values{"kind": {"notification"}, "title": {"Bob"}, "desc": {"photo"}, "image": {"https://cdn.example.com/p.png"},
		"harmony.click.uri": {"im://chat/bob"}, "harmony.click.data": {`{"chat":"bob"}`}, "harmony.badge_add": {"2"}, "harmony.test": {"1"}})
	// Both vendors' requests are shown indented: HarmonyOS's image is in
	// payload.notification, Huawei's in android.notification.
	for _, want := range []string{`"image": "https://cdn.example.com/p.png"`, `push-type: 0`, `"actionType": 1`, `"uri": "im://chat/bob"`, `"chat": "bob"`, `"addNum": 2`, `"testMessage": true`} {
		if !strings.Contains(body, want) {
			t.Errorf("the sent requests lack %s", want)
		}

	}
	if n := strings.Count(body, `"image": "https://cdn.example.com/p.png"`); n != 2 {
		t.Errorf("the image went to %d requests, want HarmonyOS NEXT's and Huawei's", n)
	}
	body = send(url.Values{"kind": {"call"}, "title": {"Bob"}, "call.caller": {"Bob"}, "call.call_id": {"call-7"}, "call.video": {"1"}})
	for _, want := range []string{"push-type: 10", `"call_id\":\"call-7\"`, `"category": "VOIP"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the call's requests lack %s", want)
		}
	}
	// A bad field is refused with a readable message, nothing sent.
	body = send(url.Values{"title": {"Bob"}, "image": {"http://cdn.example.com/p.png"}})
	if !strings.Contains(body, "image must be an https URL") || strings.Contains(body, "st-accepted") {
		t.Errorf("an http image: %s", body)
	}
}
