package meizu

import (
	"context"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// A call invitation is a private message kept one hour, with the call's
// fields in clickTypeInfo.parameters; the emulator takes it, and the lint
// says Meizu cannot ring, keeps it an hour and takes no image.
func TestCallInvitationAndImage(t *testing.T) {
	ch, _, c, secrets := fakeMeizu(t, "cn")
	msg := vendors.Message{Title: "Alice", Desc: "incoming call", DeliveryID: "d-9", Image: "https://cdn.example.com/a.jpg", Call: &models.CallInvitation{Video: true}}
	r := ch.Send(context.Background(), c, secrets, msg, "UCI5c0b0a0f0e0d0c0b0a")
	if r.Outcome != vendors.Accepted {
		t.Fatalf("result: %+v", r)
	}
	vendortest.RequireRequest(t, r.Request, []string{`"noticeMsgType":1`, `"validTime":1`, `"call_id":"d-9"`, `"caller":"Alice"`, `"video":"true"`}, "cdn.example.com")
	ws := ch.Lint(msg, c, time.Now())
	vendortest.RequireWarnings(t, ws, models.LevelWarning, "call_notification", "call_ttl_hour", "image_unsupported")
	if vendortest.HasWarning(ws, "marketing_class", models.LevelWarning) {
		t.Errorf("a call went public: %+v", ws)
	}
}
