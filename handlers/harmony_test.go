package handlers_test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// A HarmonyOS NEXT phone end to end through the sandbox: the push goes
// out with a PS256 JWT and the v3 body, a malformed token is marked dead,
// a V2 receipt reaches the delivery by biTag, and the verdict names a
// NEXT phone left on the Huawei v1 channel.
func TestHarmonyOSNextThroughTheSandbox(t *testing.T) {
	d := newDiagnosisEnv(t)
	harmony := d.certificate(t, "harmony", `"harmony":{"service_account_json":"`+base64.StdEncoding.EncodeToString(harmonyKeyFile(t))+`","category":"IM","categories":["IM"],"call_right":true}`)
	register := func(device, token string, cert int64, vendor, os string) {
		t.Helper()
		r := d.api(http.MethodPut, "/api/v1/devices/"+device, d.key, fmt.Sprintf(`{"user_id":"mate","platform":"harmony","vendor":%q,"token":%q,"certificate_id":%d,"os_version":%q,"notifications_enabled":true}`,
			vendor, token, cert, os))
		if r.status != 200 {
			t.Fatalf("register %s: %d %s", device, r.status, r.body)
		}
		d.api(http.MethodPost, "/api/v1/devices/"+device+"/state", d.key, `{"state":"background"}`)
	}
	register("mate-70", "MAAALgE4G98-mate70-noreceipt", harmony, "harmony", "5.0.1")
	register("mate-broken", "MAAALgE4G98-unregistered", harmony, "harmony", "5.0.1")
	register("mate-on-v1", "MAAALgE4G98-mate60", d.certs["huawei"], "huawei", "HarmonyOS-5.0.0.115")

	p := d.sendPush(t, d.admin, `{"target":{"user_id":"mate"},"mode":"force","title":"Bob","desc":"hi","harmony":{"badge_add":1}}`)
	p = d.waitFor(t, d.admin, p.ID, func(stage string) bool { return stage != "queued" && stage != "sent" })
	byDevice := map[string]int{}
	for i, dl := range p.Deliveries {
		byDevice[dl.DeviceID] = i
	}
	ok, broken := p.Deliveries[byDevice["mate-70"]], p.Deliveries[byDevice["mate-broken"]]
	if ok.Vendor != "harmony" || ok.Stage != "accepted" {
		t.Fatalf("the NEXT phone: %+v", ok)
	}
	if last := broken.Trace[len(broken.Trace)-1]; broken.Stage != "rejected" || last.Code != "80300007/tokenFormatError" {
		t.Fatalf("the malformed token: %+v", broken)
	}

	// A V2 receipt: the third marketing message of the day was dropped.
	body := fmt.Sprintf(`{"statuses":[{"biTag":%q,"pushType":0,"appPackageName":"com.example.im","token":"MAAALgE4G98-mate70-noreceipt","requestId":"r1","deliveryStatus":{"result":256,"timestamp":%d}}]}`,
		ok.ID, time.Now().UnixMilli())
	r := d.call(nil, http.MethodPost, d.receiptPath(t, d.admin, harmony), "", "application/json", body)
	if r.status != http.StatusOK || r.body != `{"code":"0","message":"success"}` {
		t.Fatalf("receipt: %d %s", r.status, r.body)
	}
	p = d.getPush(t, d.admin, p.ID)
	got := p.Deliveries[byDevice["mate-70"]]
	if last := got.Trace[len(got.Trace)-1]; got.Stage != "undelivered" || last.Code != "256" || !strings.Contains(last.Explanation, "MARKETING") {
		t.Fatalf("after the receipt: %+v", got)
	}

	v := verdictOf(t, d.env, d.admin, "mate", nil)
	wantWorst(t, deviceVerdict(t, v, "mate-broken"), "token_alive", models.CheckFail, "invalid")
	onV1 := checkOf(t, deviceVerdict(t, v, "mate-on-v1"), "harmony_next")
	if onV1.Status != models.CheckFail || !strings.Contains(onV1.Fix, "register with vendor harmony") {
		t.Fatalf("a NEXT phone on v1: %+v", onV1)
	}
	if next := checkOf(t, deviceVerdict(t, v, "mate-70"), "harmony_next"); next.Status != models.CheckPass {
		t.Fatalf("the NEXT phone's version: %+v", next)
	}
}
