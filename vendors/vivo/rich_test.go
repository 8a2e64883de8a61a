package vivo

import (
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// A call invitation is a system message in category IM that rings, kept
// 60 s, with the call's fields in clientCustomMap; the emulator takes it,
// even at night (a system message), and the lint says vivo cannot ring
// and takes no image.
func TestCallInvitationAndImage(t *testing.T) {
	ch, _, c, secrets := fakeVivo(t)
	msg := vendors.Message{Title: "Alice", Desc: "incoming call", DeliveryID: "d-8", Image: "https://cdn.example.com/a.jpg", Call: &models.CallInvitation{}}
	var req struct {
		NotifyType      int               `json:"notifyType"`
		Classification  *int              `json:"classification"`
		Category        string            `json:"category"`
		TimeToLive      int               `json:"timeToLive"`
		ClientCustomMap map[string]string `json:"clientCustomMap"`
		Image           any               `json:"image"`
	}
	vendortest.SendAccepted(t, ch, c, secrets, msg, "16000000000000000001", &req)
	if req.NotifyType != 4 || req.Classification == nil || *req.Classification != 1 || req.Category != "IM" || req.TimeToLive != 60 || req.Image != nil {
		t.Fatalf("request: %+v", req)
	}
	if m := req.ClientCustomMap; m["call_id"] != "d-8" || m["caller"] != "Alice" || m["video"] != "false" || m["pushcheck_delivery_id"] != "d-8" {
		t.Fatalf("clientCustomMap: %v", m)
	}
	night := time.Date(2026, 11, 21, 15, 40, 0, 0, time.UTC) // 23:40 in Beijing
	ws := ch.Lint(msg, c, night)
	if !vendortest.HasWarning(ws, "call_notification", models.LevelWarning) || !vendortest.HasWarning(ws, "image_unsupported", models.LevelWarning) ||
		vendortest.HasWarning(ws, "operation_window", models.LevelBlocker) {
		t.Fatalf("lint: %+v", ws)
	}
}
