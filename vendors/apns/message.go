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
// aps.sound ("default" when empty), badge → aps.badge, ext → a top-level
// "ext" key beside aps (the string the app reads from userInfo), the delivery
// ID → top-level "pushcheck.delivery_id". Push type, priority, collapse ID
// and expiration are headers.
func notification(cert models.Certificate, msg vendors.Message, token string) *apns2.Notification {
	pushType := apns2.EPushType(msg.APNs.PushType)
	if pushType == "" {
		pushType = apns2.PushTypeAlert
	}
	p := payload.NewPayload()
	switch pushType {
	case apns2.PushTypeBackground:
		p.ContentAvailable()
	default:
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
	}
	if msg.Ext != "" {
		p.Custom("ext", msg.Ext)
	}
	if msg.DeliveryID != "" {
		p.Custom("pushcheck", map[string]string{"delivery_id": msg.DeliveryID})
	}
	priority := msg.APNs.Priority
	if priority == 0 {
		priority = apns2.PriorityHigh
		if pushType == apns2.PushTypeBackground {
			priority = apns2.PriorityLow // Apple requires 5 for background pushes
		}
	}
	n := &apns2.Notification{
		DeviceToken: token, Topic: topic(cert.Settings.BundleID, pushType), Payload: p,
		PushType: pushType, Priority: priority, CollapseID: msg.APNs.CollapseID,
	}
	if msg.APNs.Expiration != nil {
		n.Expiration = *msg.APNs.Expiration
	}
	return n
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
func describeRequest(host string, n *apns2.Notification, tokenAuth bool) string {
	body, err := json.Marshal(n.Payload)
	if err != nil {
		body = []byte("(payload could not be encoded: " + err.Error() + ")")
	}
	var b strings.Builder
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
