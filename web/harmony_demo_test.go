package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/demo"
)

type sentDelivery struct {
	DeviceID    string `json:"device_id"`
	Vendor      string `json:"vendor"`
	Status      string `json:"status"`
	Code        string `json:"code"`
	Explanation string `json:"explanation"`
	Request     string `json:"request"`
}

func demoPush(t *testing.T, base, body string) map[string]sentDelivery {
	t.Helper()
	var push struct {
		Deliveries []sentDelivery `json:"deliveries"`
	}
	demoAPI(t, base, http.MethodPost, "/api/v1/apps/1/pushes", demo.OperatorToken, body, &push)
	out := map[string]sentDelivery{}
	for _, d := range push.Deliveries {
		out[d.DeviceID] = d
	}
	return out
}

// From the demo, one push reaches the HMS phone through Push Kit v1 and
// the HarmonyOS NEXT phone through v3, both answered by the strict
// sandbox; leo's Pura 70, upgraded to NEXT but still bound to v1, gets a
// verdict that names the cause; and a call invitation goes out with the
// right push types to iOS, HarmonyOS NEXT and Android.
func TestDemoReachesHMSAndHarmonyNEXTAndRingsCalls(t *testing.T) {
	srv := startServer(t)
	base := srv.url

	ds := demoPush(t, base, `{"target":{"user_id":"qa-eight"},"mode":"force","title":"Bob","desc":"lunch?"}`)
	hms, next := ds["qa-mate"], ds["qa-mate70"]
	if hms.Vendor != "huawei" || hms.Status != "accepted" || !strings.Contains(hms.Request, "/v1/") {
		t.Errorf("HMS phone through v1: %+v", hms)
	}
	if next.Vendor != "harmony" || next.Status != "accepted" || !strings.Contains(next.Request, "/v3/") || !strings.Contains(next.Request, `"clickAction"`) {
		t.Errorf("HarmonyOS NEXT phone through v3: %+v", next)
	}

	var v models.Verdict
	demoAPI(t, base, http.MethodGet, "/api/v1/apps/1/users/leo/diagnosis", demo.OperatorToken, "", &v)
	found := false
	for _, d := range v.Devices {
		for _, c := range d.Checks {
			if c.Status == models.CheckFail && strings.Contains(c.Evidence, "HarmonyOS NEXT") && strings.Contains(c.Fix, "vendor harmony") {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("leo's Pura 70 on Push Kit v1 has no failing check naming HarmonyOS NEXT and v3: %+v", v.Devices)
	}

	calls := demoPush(t, base, `{"target":{"user_id":"qa-eight"},"mode":"force","title":"Bob","call":{"caller":"Bob","call_id":"call-42","video":true}}`)
	for id, want := range map[string][]string{
		"qa-iphone": {"apns-push-type: voip", ".voip", "apns-priority: 10", "call-42"},
		"qa-mate70": {"push-type: 10", "call-42"},
		"qa-pixel":  {`"priority":"high"`, "call-42"},
	} {
		d := calls[id]
		if d.Status != "accepted" {
			t.Errorf("%s: call invitation not accepted: %+v", id, d)
			continue
		}
		for _, w := range want {
			if !strings.Contains(d.Request, w) {
				t.Errorf("%s: call request lacks %q:\n%s", id, w, d.Request)
			}
		}
	}
	if strings.Contains(calls["qa-pixel"].Request, `"notification"`) {
		t.Errorf("an FCM call invitation is a data message, so the app rings itself: %s", calls["qa-pixel"].Request)
	}
	// dana's iPhone reported no VoIP token: her verdict notes it, and fails
	// it only when the support engineer checks against a missed call.
	for query, want := range map[string]models.CheckStatus{"": models.CheckPass, "?message_type=call": models.CheckFail} {
		var dv models.Verdict
		demoAPI(t, base, http.MethodGet, "/api/v1/apps/1/users/dana/diagnosis"+query, demo.OperatorToken, "", &dv)
		for _, d := range dv.Devices {
			for _, c := range d.Checks {
				if d.DeviceID == "dana-iphone" && c.ID == "voip_token" && c.Status != want {
					t.Errorf("dana's iPhone without a VoIP token, %q: %s, want %s", query, c.Status, want)
				}
			}
		}
	}
	// A call to it is skipped, saying so.
	danas := demoPush(t, base, `{"target":{"user_id":"dana"},"mode":"force","call":{"caller":"Bob"}}`)
	if d := danas["dana-iphone"]; d.Status != "skipped" || !strings.Contains(d.Explanation, "VoIP") {
		t.Errorf("dana's iPhone without a VoIP token: %+v", d)
	}
}
