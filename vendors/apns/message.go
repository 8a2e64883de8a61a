package apns

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/sideshow/apns2"
	"github.com/sideshow/apns2/payload"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Where the composer's fields go in an APNs request (README "Field
// mapping"): title → aps.alert.title, desc → aps.alert.body, sound →
// aps.sound ("default" when empty), badge → aps.badge, interruption level
// and thread ID → aps.interruption-level and aps.thread-id, ext → a
// top-level "ext" key beside aps (the string the app reads from userInfo),
// the delivery ID → top-level "pushcheck.delivery_id". APNs has no image
// field: the image URL goes in the top-level "image" key, with
// aps.mutable-content 1 so that the app's notification service extension
// may download and attach it. Push type, priority, collapse ID and
// expiration are headers.
//
// A call invitation is a VoIP push (PushKit): push type voip to the
// bundle ID + ".voip" topic at priority 10, to the device's VoIP token
// (the dispatcher passes it as token), with no alert; the call's
// call_id, caller and video are top-level keys beside aps, which the app
// hands to CallKit.
func notification(cert models.Certificate, msg vendors.Message, token string) *apns2.Notification {
	pushType := pushTypeOf(msg)
	p := payload.NewPayload()
	switch pushType {
	case apns2.PushTypeVOIP:
		// PushKit hands the whole payload to the app, which reports
		// the call to CallKit: nothing for iOS to show.
	case apns2.PushTypeBackground:
		p.ContentAvailable()
	default:
		alertPayload(p, msg)
	}
	if msg.Ext != "" {
		p.Custom("ext", msg.Ext)
	}
	if msg.DeliveryID != "" {
		p.Custom("pushcheck", map[string]string{"delivery_id": msg.DeliveryID})
	}
	if call, ok := msg.Invitation(); ok {
		p.Custom("call_id", call.ID).Custom("caller", call.Caller).Custom("video", call.Video)
	}
	n := &apns2.Notification{
		DeviceToken: token, Topic: topic(cert.Settings.BundleID, pushType), Payload: p,
		PushType: pushType, Priority: priorityOf(msg, pushType), CollapseID: msg.APNs.CollapseID,
	}
	if msg.APNs.Expiration != nil {
		n.Expiration = *msg.APNs.Expiration
	}
	return n
}

// imageKey is the top-level payload key that carries a rich
// notification's image URL to the app's notification service extension
// (docs/vendors/apns.md §3): APNs itself has no image field.
const imageKey = "image"

func alertPayload(p *payload.Payload, msg vendors.Message) {
	p.AlertTitle(msg.Title).AlertBody(msg.Desc)
	sound := msg.Sound
	if sound == "" {
		sound = "default"
	}
	p.Sound(sound)
	if !msg.IgnoreBadge && msg.Badge != nil {
		p.Badge(*msg.Badge)
	}
	p.MutableContent() // lets a notification service extension see it
	if l := msg.APNs.InterruptionLevel; l != "" {
		p.InterruptionLevel(payload.EInterruptionLevel(l))
	}
	if msg.APNs.ThreadID != "" {
		p.ThreadID(msg.APNs.ThreadID)
	}
	if msg.Image != "" {
		p.Custom(imageKey, msg.Image)
	}
}

// pushTypeOf is the composer's push type; a call invitation is always
// voip, whatever was chosen.
func pushTypeOf(msg vendors.Message) apns2.EPushType {
	switch {
	case msg.Call != nil:
		return apns2.PushTypeVOIP
	case msg.APNs.PushType == "":
		return apns2.PushTypeAlert
	}
	return apns2.EPushType(msg.APNs.PushType)
}

// priorityOf: 10 unless chosen; Apple requires 5 for background pushes,
// and a call must ring now, so a call invitation is always 10.
func priorityOf(msg vendors.Message, t apns2.EPushType) int {
	switch {
	case msg.Call != nil:
		return apns2.PriorityHigh
	case msg.APNs.Priority != 0:
		return msg.APNs.Priority
	case t == apns2.PushTypeBackground:
		return apns2.PriorityLow
	}
	return apns2.PriorityHigh
}

// topic adds the suffix Apple requires for some push types.
func topic(bundleID string, t apns2.EPushType) string {
	switch t {
	case apns2.PushTypeVOIP:
		return bundleID + ".voip"
	case apns2.PushTypeComplication:
		return bundleID + ".complication"
	case apns2.PushTypeFileProvider:
		return bundleID + ".pushkit.fileprovider"
	case apns2.PushTypeLiveActivity:
		return bundleID + ".push-type.liveactivity"
	case apns2.PushTypeLocation:
		return bundleID + ".location-query"
	case apns2.PushTypePushToTalk:
		return bundleID + ".voip-ptt"
	}
	return bundleID
}

// describeRequest is the stored, redacted form of the request: the token is
// masked and the authorization is never kept.
func describeRequest(host string, sandbox bool, n *apns2.Notification, tokenAuth bool) string {
	body, err := json.Marshal(n.Payload)
	if err != nil {
		body = []byte("(payload could not be encoded: " + err.Error() + ")")
	}
	var b strings.Builder
	if sandbox {
		// A sandbox certificate's call goes to the emulator under Apple's
		// hostname; shown bare, it would read as a call to Apple.
		b.WriteString("# sandbox emulator of " + strings.TrimPrefix(host, "https://") + ", in pushcheck: nothing reaches Apple\n")
	}
	b.WriteString("POST " + host + "/3/device/" + models.MaskToken(n.DeviceToken) + "\n")
	b.WriteString("apns-topic: " + n.Topic + "\n")
	b.WriteString("apns-push-type: " + string(n.PushType) + "\n")
	b.WriteString("apns-priority: " + strconv.Itoa(n.Priority) + "\n")
	if n.CollapseID != "" {
		b.WriteString("apns-collapse-id: " + n.CollapseID + "\n")
	}
	if !n.Expiration.IsZero() {
		b.WriteString("apns-expiration: " + strconv.FormatInt(n.Expiration.Unix(), 10) + "\n")
	}
	if tokenAuth {
		b.WriteString("authorization: bearer [redacted]\n")
	} else {
		b.WriteString("(TLS client certificate)\n")
	}
	b.WriteString("\n")
	b.Write(body)
	return b.String()
}
