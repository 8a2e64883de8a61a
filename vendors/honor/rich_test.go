package honor

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// sentAndroid sends msg through the emulator and returns the android block
// and the data as sent.
func sentAndroid(t *testing.T, msg vendors.Message) (map[string]any, string) {
	t.Helper()
	ch, _, c, secrets := fakeHonor(t)
	var req struct {
		Data    string         `json:"data"`
		Android map[string]any `json:"android"`
	}
	vendortest.SendAccepted(t, ch, c, secrets, msg, "honor-token-0123456789", &req)
	return req.Android, req.Data
}

func TestImageAndGroupGoToTheNotification(t *testing.T) {
	android, _ := sentAndroid(t, vendors.Message{Title: "Bob", Desc: "a photo", Image: "https://cdn.example.com/p.jpg", Honor: models.HonorPushOptions{Group: "c2c_bob"}})
	n := android["notification"].(map[string]any)
	if n["image"] != "https://cdn.example.com/p.jpg" || n["group"] != "c2c_bob" {
		t.Fatalf("notification: %v", n)
	}
}

// Honor has no call category: an invitation is a NORMAL notification with
// a 60 s TTL and the call's fields in data, and the lint says it cannot
// ring.
func TestCallInvitationIsANormalNotification(t *testing.T) {
	android, data := sentAndroid(t, vendors.Message{Title: "Alice", Desc: "incoming call", DeliveryID: "d-5", Call: &models.CallInvitation{CallID: "c-1"}})
	if android["ttl"] != "60s" || android["notification"].(map[string]any)["importance"] != "NORMAL" {
		t.Fatalf("android: %v", android)
	}
	var extras map[string]string
	if err := json.Unmarshal([]byte(data), &extras); err != nil || extras["call_id"] != "c-1" || extras["caller"] != "Alice" || extras["video"] != "false" {
		t.Fatalf("data %q: %v", data, err)
	}
	c := models.Certificate{ID: 10004, Vendor: models.VendorHonor}
	ch := New(nil, nil)
	ws := ch.Lint(vendors.Message{Title: "Alice", Desc: "call", Call: &models.CallInvitation{}}, c, time.Now())
	if !vendortest.HasWarning(ws, "call_notification", models.LevelWarning) || vendortest.HasWarning(ws, "importance_missing", models.LevelWarning) {
		t.Fatalf("call lint: %+v", ws)
	}
	if ws := ch.Lint(vendors.Message{Title: "t", Desc: "d", Image: "ftp://cdn.example.com/p.jpg"}, c, time.Now()); !vendortest.HasWarning(ws, "image_url", models.LevelBlocker) {
		t.Fatalf("image lint: %+v", ws)
	}
}
