package huawei

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// sentAndroid sends msg through the emulator and returns the android block
// as sent.
func sentAndroid(t *testing.T, msg vendors.Message) (map[string]any, string) {
	t.Helper()
	ch, _, c, secrets := fakeHuawei(t)
	var req struct {
		Message struct {
			Data    string         `json:"data"`
			Android map[string]any `json:"android"`
		} `json:"message"`
	}
	vendortest.SendAccepted(t, ch, c, secrets, msg, "IQAAAACy0-huawei-token-abcdef", &req)
	return req.Message.Android, req.Message.Data
}

func TestImageAndGroupGoToTheNotification(t *testing.T) {
	android, _ := sentAndroid(t, vendors.Message{Title: "Bob", Desc: "a photo", Image: "https://cdn.example.com/p.jpg",
		Huawei: models.HuaweiPushOptions{Category: "IM", Group: "c2c_bob"}})
	n := android["notification"].(map[string]any)
	if n["image"] != "https://cdn.example.com/p.jpg" || n["group"] != "c2c_bob" {
		t.Fatalf("notification: %v", n)
	}
}

// A call invitation is a VOIP-category notification, NORMAL importance,
// 60 s TTL, with the call's fields in data.
func TestCallInvitationIsAVOIPNotification(t *testing.T) {
	android, data := sentAndroid(t, vendors.Message{Title: "Alice", Desc: "incoming video call", DeliveryID: "d-4", Call: &models.CallInvitation{Video: true}})
	n := android["notification"].(map[string]any)
	if android["category"] != "VOIP" || android["ttl"] != "60s" || n["importance"] != "NORMAL" {
		t.Fatalf("android: %v", android)
	}
	var extras map[string]string
	if err := json.Unmarshal([]byte(data), &extras); err != nil || extras["call_id"] != "d-4" || extras["caller"] != "Alice" || extras["video"] != "true" || extras["pushcheck_delivery_id"] != "d-4" {
		t.Fatalf("data %q: %v", data, err)
	}
	// The composer's own category and importance win.
	android, _ = sentAndroid(t, vendors.Message{Title: "Alice", Desc: "call", Call: &models.CallInvitation{}, Huawei: models.HuaweiPushOptions{Category: "IM", Importance: "LOW"}})
	if android["category"] != "IM" || android["notification"].(map[string]any)["importance"] != "LOW" {
		t.Fatalf("chosen category: %v", android)
	}
}

func TestRichLint(t *testing.T) {
	ch := New(nil, nil)
	c := models.Certificate{ID: 10003, Vendor: models.VendorHuawei, Settings: models.CertificateSettings{Category: "IM", BadgeClass: "x"}}
	cases := []struct {
		name, code, level string
		msg               vendors.Message
	}{
		{"image", "image", models.LevelWarning, vendors.Message{Title: "t", Desc: "d", Image: "https://cdn.example.com/p.jpg"}},
		{"http image", "image_url", models.LevelBlocker, vendors.Message{Title: "t", Desc: "d", Image: "http://cdn.example.com/p.jpg"}},
		{"call", "call_voip_category", models.LevelWarning, vendors.Message{Title: "t", Desc: "d", Call: &models.CallInvitation{}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if ws := ch.Lint(tc.msg, c, time.Now()); !vendortest.HasWarning(ws, tc.code, tc.level) {
				t.Fatalf("want %s/%s in %+v", tc.code, tc.level, ws)
			}
		})
	}
	if class := ch.Class(vendors.Message{Call: &models.CallInvitation{}}, models.Certificate{}); class != models.ClassService {
		t.Fatalf("a call on a certificate without category travels as %s", class)
	}
}
