package xiaomi

import (
	"context"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// A call invitation goes on the message's channel with a 60 s
// time_to_live and the call's fields as custom extras; the emulator takes
// it, and the lint says Xiaomi cannot ring and takes no image.
func TestCallInvitationAndImage(t *testing.T) {
	ch, _, c, secrets := fakeXiaomi(t, "cn")
	msg := vendors.Message{Title: "Alice", Desc: "incoming call", DeliveryID: "d-6", Image: "https://cdn.example.com/a.jpg",
		Call: &models.CallInvitation{Video: true}, Xiaomi: models.XiaomiPushOptions{ChannelID: "im_private"}}
	r := ch.Send(context.Background(), c, secrets, msg, "mi-regid-0123456789abcdef")
	if r.Outcome != vendors.Accepted {
		t.Fatalf("result: %+v", r)
	}
	vendortest.RequireRequest(t, r.Request, []string{"extra.call_id=d-6", "extra.caller=Alice", "extra.video=true", "time_to_live=60000", "extra.channel_id=im_private"}, "cdn.example.com")
	vendortest.RequireWarnings(t, ch.Lint(msg, c, time.Now()), models.LevelWarning, "call_notification", "image_unsupported")
}
