package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/demo"
)

// The demo's Client config carries the demo certificates' IDs and client
// values, with the HarmonyOS client ID as its one TODO; frank's verdict,
// for a certificate that does not exist, links to it.
func TestDemoClientConfig(t *testing.T) {
	srv := startServer(t)
	type config struct {
		Snippets []struct{ ID, Text string }
		Missing  []struct{ Field string }
	}
	get := func(platform string) config {
		var c config
		demoAPI(t, srv.url, http.MethodGet, "/api/v1/apps/1/client-config?platform="+platform, demo.OperatorToken, "", &c)
		return c
	}
	text := func(c config) string {
		var b strings.Builder
		for _, s := range c.Snippets {
			b.WriteString(s.Text)
		}
		return b.String()
	}
	android := text(get("android"))
	for _, want := range []string{"GOOGLE_FCM_PUSH_BUZID = 10002L", "HW_PUSH_BUZID = 10003L", "HONOR_PUSH_BUZID = 10004L",
		"XM_PUSH_BUZID = 10005L", `XM_PUSH_APPID = "2882303761520000001"`, "OPPO_PUSH_BUZID = 10006L", `OPPO_PUSH_APPSECRET = "demoOppoAppSecret"`,
		"VIVO_PUSH_BUZID = 10007L", "MZ_PUSH_BUZID = 10008L", `MZ_PUSH_APPKEY = "demoMeizuAppKey"`, `"Sandbox OPPO without channel"`} {
		if !strings.Contains(android, want) {
			t.Errorf("the demo's Android config lacks %s", want)
		}
	}
	if ios := text(get("ios")); !strings.Contains(ios, "certificateID: Int64 = 10001") {
		t.Errorf("the demo's iOS config:\n%s", ios)
	}
	harmony := get("harmony")
	if !strings.Contains(text(harmony), "HARMONY_CERTIFICATE_ID: number = 10012;") || len(harmony.Missing) != 1 || harmony.Missing[0].Field != "harmony.client_id" {
		t.Errorf("the demo's HarmonyOS config: %+v", harmony)
	}

	var v models.Verdict
	demoAPI(t, srv.url, http.MethodGet, "/api/v1/apps/1/users/frank/diagnosis", demo.OperatorToken, "", &v)
	linked := false
	for _, d := range v.Devices {
		for _, c := range d.Checks {
			linked = linked || (c.ID == "certificate" && c.FixLink != nil && strings.HasPrefix(c.FixLink.Path, "/apps/1/client-config?platform="))
		}
	}
	if !linked {
		t.Errorf("frank's verdict does not link to the Client config: %+v", v.Devices)
	}
}
