package fcm

import (
	"encoding/json"
	"strings"
	"time"

	"firebase.google.com/go/v4/messaging"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Where the composer's fields go in an FCM v1 message (README "Field
// mapping"): title and desc → notification.title/body; ext → data.ext (FCM
// data values are strings), the delivery ID → data.pushcheck_delivery_id;
// sound → android.notification.sound and apns aps.sound; badge →
// android.notification.notification_count and apns aps.badge; channel →
// android.notification.channel_id; priority and TTL → android.priority/ttl.
func message(msg vendors.Message, token string) *messaging.Message {
	data := map[string]string{}
	if msg.Ext != "" {
		data["ext"] = msg.Ext
	}
	if msg.DeliveryID != "" {
		data["pushcheck_delivery_id"] = msg.DeliveryID
	}
	priority := msg.FCM.Priority
	if priority == "" {
		priority = "high"
	}
	android := &messaging.AndroidConfig{Priority: priority, Notification: &messaging.AndroidNotification{
		Sound: msg.Sound, ChannelID: msg.FCM.ChannelID,
	}}
	if msg.Sound == "" {
		android.Notification.DefaultSound = true
	}
	if msg.FCM.TTLSeconds != nil {
		ttl := time.Duration(*msg.FCM.TTLSeconds) * time.Second
		android.TTL = &ttl
	}
	aps := &messaging.Aps{Sound: msg.Sound}
	if aps.Sound == "" {
		aps.Sound = "default"
	}
	if !msg.IgnoreBadge && msg.Badge != nil {
		android.Notification.NotificationCount = msg.Badge
		aps.Badge = msg.Badge
	}
	m := &messaging.Message{
		Token:        token,
		Notification: &messaging.Notification{Title: msg.Title, Body: msg.Desc},
		Data:         data,
		Android:      android,
		APNS:         &messaging.APNSConfig{Payload: &messaging.APNSPayload{Aps: aps}},
	}
	if len(m.Data) == 0 {
		m.Data = nil
	}
	return m
}

// describeRequest is the stored, redacted form of the request.
func describeRequest(project string, m *messaging.Message, dryRun bool) string {
	masked := *m
	masked.Token = models.MaskToken(m.Token)
	body, err := json.Marshal(map[string]any{"validate_only": dryRun, "message": &masked})
	if err != nil {
		body = []byte("(message could not be encoded: " + err.Error() + ")")
	}
	var b strings.Builder
	b.WriteString("POST https://fcm.googleapis.com/v1/projects/" + project + "/messages:send\n")
	b.WriteString("authorization: Bearer [redacted]\n\n")
	b.Write(body)
	return b.String()
}
