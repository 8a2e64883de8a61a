package main

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models/demo"
)

// From the demo, one test push to phone-lab shows the whole trace on its
// virtual phones, with no hardware: each healthy phone clicks, the one
// that never taps stops at displayed, and the Huawei phone with
// notifications off is reported undelivered by Huawei's receipt.
func TestDemoPhonesShowTheWholeTrace(t *testing.T) {
	srv := startServer(t)
	waitForPhones(t, srv.url, 11)
	var push struct {
		ID int64 `json:"id"`
	}
	demoAPI(t, srv.url, http.MethodPost, "/api/v1/apps/1/pushes", demo.OperatorToken, `{"target":{"user_id":"phone-lab"},"title":"Bob","desc":"lunch?"}`, &push)
	type delivery struct {
		DeviceID string `json:"device_id"`
		Vendor   string `json:"vendor"`
		Stage    string `json:"stage"`
	}
	var got struct {
		Deliveries []delivery `json:"deliveries"`
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		demoAPI(t, srv.url, http.MethodGet, "/api/v1/apps/1/pushes/"+strconv.FormatInt(push.ID, 10), demo.OperatorToken, "", &got)
		counts := map[string]int{}
		for _, d := range got.Deliveries {
			counts[d.Stage]++
		}
		if len(got.Deliveries) == 11 && counts["clicked"] == 9 && counts["displayed"] == 1 && counts["undelivered"] == 1 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("phone-lab's trace: %+v", got.Deliveries)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// waitForPhones waits until the demo's phones registered, which they do
// once the console serves.
func waitForPhones(t *testing.T, base string, n int) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		var list struct {
			Phones []struct {
				RegisteredAt *time.Time `json:"registered_at"`
			} `json:"phones"`
		}
		demoAPI(t, base, http.MethodGet, "/api/v1/apps/1/phones", demo.OperatorToken, "", &list)
		registered := 0
		for _, p := range list.Phones {
			if p.RegisteredAt != nil {
				registered++
			}
		}
		if registered == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d phones registered", registered, n)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
