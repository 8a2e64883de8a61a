package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/demo"
)

// demoAPI calls the demo console's API with a bearer secret and decodes
// the JSON answer into out (when out is not nil).
func demoAPI(t *testing.T, base, method, path, bearer, body string, out any) {
	t.Helper()
	req, err := http.NewRequest(method, base+path, bytes.NewBufferString(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+bearer)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode/100 != 2 {
		t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, raw)
		}
	}
}

type kindDelivery struct {
	DeviceID    string `json:"device_id"`
	Status      string `json:"status"`
	Kind        string `json:"kind"`
	Code        string `json:"code"`
	Explanation string `json:"explanation"`
	Fix         string `json:"fix"`
}

// One push from the demo to devices with every scripted error on all nine
// channels. Each answer is read as what it is about, so the verdict of a
// different, healthy user on the same certificates changes only where a
// vendor really said the certificate's daily quota is spent.
func TestScriptedErrorsMarkOnlyWhatTheyAreAbout(t *testing.T) {
	srv := startServer(t)
	base, op := srv.url, demo.OperatorToken
	var certs []struct {
		ID     int64  `json:"id"`
		Name   string `json:"name"`
		Vendor string `json:"vendor"`
	}
	var list struct {
		Certificates *[]struct {
			ID     int64  `json:"id"`
			Name   string `json:"name"`
			Vendor string `json:"vendor"`
		} `json:"certificates"`
	}
	list.Certificates = &certs
	demoAPI(t, base, http.MethodGet, "/api/v1/apps/1/certificates", op, "", &list)
	certOf := map[string]int64{}
	for _, c := range certs {
		if c.Name == "Sandbox "+models.Vendor(c.Vendor).Label() || strings.EqualFold(c.Name, "Sandbox "+c.Vendor) {
			certOf[c.Vendor] = c.ID
		}
	}
	if len(certOf) != len(models.AllVendors()) {
		t.Fatalf("the demo's sandbox certificate of each vendor: %v", certs)
	}

	healthyBefore := verdictFailures(t, base, op, "qa-eight")

	// The scripted tokens: APNs tokens are hex, so its scripts are markers.
	scripts := map[string][3]string{
		"apns": {strings.Repeat("ab", 28) + "deaddead", strings.Repeat("ab", 28) + "feedbeef", strings.Repeat("ab", 28) + "d0d0d0d0"},
	}
	for _, v := range []string{"fcm", "huawei", "harmony", "honor", "xiaomi", "oppo", "vivo", "meizu"} {
		scripts[v] = [3]string{"tok-" + v + "-unregistered", "tok-" + v + "-quota", "tok-" + v + "-down"}
	}
	for v, tokens := range scripts {
		platform := map[string]string{"apns": "ios", "harmony": "harmony"}[v]
		if platform == "" {
			platform = "android"
		}
		for i, tok := range tokens {
			id := fmt.Sprintf("broken-%s-%d", v, i)
			demoAPI(t, base, http.MethodPut, "/api/v1/devices/"+id, demo.APIKey, fmt.Sprintf(
				`{"user_id":"broken","platform":%q,"vendor":%q,"token":%q,"certificate_id":%d,"environment":"production","notifications_enabled":true}`,
				platform, v, tok, certOf[v]), nil)
		}
	}
	// OPPO and vivo answer with their daily caps of marketing messages, and
	// Meizu with its per-device cap of public ones: the push says so.
	var push struct {
		Deliveries []kindDelivery `json:"deliveries"`
	}
	demoAPI(t, base, http.MethodPost, "/api/v1/apps/1/pushes", op, `{"target":{"user_id":"broken"},"mode":"force","title":"t","desc":"d",
		"oppo":{"category":"MARKETING"},"vivo":{"classification":0,"category":"MARKETING"},"meizu":{"notice_msg_type":0}}`, &push)
	want := map[string][3]models.AnswerKind{
		"apns":   {models.AnswerDeadToken, models.AnswerDeviceLimit, models.AnswerTransient},
		"fcm":    {models.AnswerDeadToken, models.AnswerTransient, models.AnswerTransient},
		"huawei": {models.AnswerBadRequest, models.AnswerTransient, models.AnswerTransient},
		// Push Kit v3 names the token's problem (tokenFormatError), which
		// v1 leaves ambiguous.
		"harmony": {models.AnswerDeadToken, models.AnswerTransient, models.AnswerTransient},
		"honor":   {models.AnswerDeadToken, models.AnswerTransient, models.AnswerTransient},
		"xiaomi":  {models.AnswerBadRequest, models.AnswerDailyQuota, models.AnswerTransient},
		"oppo":    {models.AnswerDeadToken, models.AnswerDailyQuota, models.AnswerTransient},
		"vivo":    {models.AnswerDeviceLimit, models.AnswerDailyQuota, models.AnswerTransient},
		"meizu":   {models.AnswerDeadToken, models.AnswerDeviceLimit, models.AnswerTransient},
	}
	got := map[string]kindDelivery{}
	for _, d := range push.Deliveries {
		got[d.DeviceID] = d
	}
	for v, kinds := range want {
		for i, kind := range kinds {
			d := got[fmt.Sprintf("broken-%s-%d", v, i)]
			if models.AnswerKind(d.Kind) != kind || d.Status == "accepted" || d.Explanation == "" || d.Fix == "" ||
				strings.HasSuffix(d.Explanation, ": success)") || strings.Contains(d.Explanation, "请求成功") {
				t.Errorf("%s %s: want %s, got %+v", v, scripts[v][i], kind, d)
			}
		}
	}

	// The OPPO token is marked dead; Huawei's ambiguous answer marks none.
	var oppoDevice, huaweiDevice struct {
		Device struct {
			TokenDead bool `json:"token_dead"`
		} `json:"device"`
	}
	demoAPI(t, base, http.MethodGet, "/api/v1/apps/1/devices/broken-oppo-0", op, "", &oppoDevice)
	demoAPI(t, base, http.MethodGet, "/api/v1/apps/1/devices/broken-huawei-0", op, "", &huaweiDevice)
	if !oppoDevice.Device.TokenDead || huaweiDevice.Device.TokenDead {
		t.Errorf("dead tokens: OPPO %v (want true), Huawei %v (want false)", oppoDevice.Device.TokenDead, huaweiDevice.Device.TokenDead)
	}

	// qa-eight's messages travel in the service class on every certificate:
	// only Xiaomi's daily quota, which covers the app, reaches them.
	after := verdictFailures(t, base, op, "qa-eight")
	for dev, check := range after {
		if _, was := healthyBefore[dev]; was {
			continue
		}
		if dev != "qa-mi" || check != "quota" {
			t.Errorf("the healthy user's %s now fails %s", dev, check)
		}
	}
	if after["qa-mi"] != "quota" {
		t.Errorf("Xiaomi said its daily quota is spent, but qa-mi's verdict does not name it: %v", after)
	}
}

// verdictFailures maps each device of the user that cannot receive to the
// ID of its first failing check.
func verdictFailures(t *testing.T, base, op, user string) map[string]string {
	t.Helper()
	var v models.Verdict
	demoAPI(t, base, http.MethodGet, "/api/v1/apps/1/users/"+user+"/diagnosis", op, "", &v)
	out := map[string]string{}
	for _, d := range v.Devices {
		for _, c := range d.Checks {
			if c.Status == models.CheckFail {
				out[d.DeviceID] = c.ID
				break
			}
		}
	}
	return out
}
