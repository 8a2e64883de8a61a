package oppo

import (
	"context"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// A call invitation is an IM notification at notify_level 16, kept 60 s
// offline, with the call's fields in action_parameters; the emulator takes
// it, and the lint says OPPO cannot ring and takes no image URL.
func TestCallInvitationAndImage(t *testing.T) {
	ch, _, c, secrets := fakeOPPO(t)
	msg := vendors.Message{Title: "Alice", Desc: "incoming call", DeliveryID: "d-7", Image: "https://cdn.example.com/a.jpg",
		Call: &models.CallInvitation{CallID: "room-1"}, OPPO: models.OPPOPushOptions{ChannelID: "im_private"}}
	r := ch.Send(context.Background(), c, secrets, msg, "CN_oppo-regid-0123456789")
	if r.Outcome != vendors.Accepted {
		t.Fatalf("result: %+v", r)
	}
	vendortest.RequireRequest(t, r.Request, []string{`"category":"IM"`, `"notify_level":16`, `"off_line_ttl":60`, `\"call_id\":\"room-1\"`, `\"caller\":\"Alice\"`, `\"video\":\"false\"`}, "cdn.example.com")
	vendortest.RequireWarnings(t, ch.Lint(msg, c, time.Now()), models.LevelWarning, "call_notification", "image_unsupported")
	if class := ch.Class(msg, models.Certificate{}); class != models.ClassService {
		t.Fatalf("a call travels as %s", class)
	}
}
