package main

import (
	"net/http"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models/demo"
)

// The server logs every emulator exchange: one demo push to the eight
// vendors' phones shows in the Sandbox requests API, each send read by
// its vendor's channel, with the demo's sandbox certificate.
func TestServerLogsEverySandboxExchange(t *testing.T) {
	srv := startServer(t)
	demoPush(t, srv.url, `{"target":{"user_id":"qa-eight"},"mode":"force","title":"Bob","desc":"lunch?"}`)
	type row struct {
		Vendor        string `json:"vendor"`
		CertificateID *int64 `json:"certificate_id"`
		Verdict       string `json:"verdict"`
		Grant         bool   `json:"grant"`
		Delivered     int    `json:"delivered"`
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		var page struct {
			Requests []row `json:"requests"`
		}
		demoAPI(t, srv.url, http.MethodGet, "/api/v1/apps/1/sandbox/requests", demo.OperatorToken, "", &page)
		sends := map[string]row{}
		for _, r := range page.Requests {
			if !r.Grant {
				sends[r.Vendor] = r
			}
		}
		if len(sends) >= 9 || time.Now().After(deadline) {
			for _, v := range []string{"apns", "fcm", "huawei", "harmony", "honor", "xiaomi", "oppo", "vivo", "meizu"} {
				r, ok := sends[v]
				switch {
				case !ok:
					t.Errorf("%s: no send logged: %+v", v, page.Requests)
				case r.CertificateID == nil:
					t.Errorf("%s: no certificate: %+v", v, r)
				case v != "meizu" && (r.Verdict != "accepted" || r.Delivered != 1):
					t.Errorf("%s: %+v", v, r)
				}
			}
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}
