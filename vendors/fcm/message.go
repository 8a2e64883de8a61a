package fcm

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"firebase.google.com/go/v4/messaging"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Where the composer's fields go in an FCM v1 message (README "Field
// mapping"): title, desc and image → notification.title/body/image; ext →
// data.ext (FCM data values are strings), the delivery ID →
// data.pushcheck_delivery_id; sound → android.notification.sound and apns
// aps.sound; badge → android.notification.notification_count and apns
// aps.badge; channel → android.notification.channel_id; priority and TTL →
// android.priority/ttl. For iOS through FCM the image also goes to
// apns.fcm_options.image with aps.mutable-content 1 (Firebase's
// notification service extension helper reads it), and the thread ID and
// interruption level to aps.thread-id and aps.interruption-level.
//
// A browser (platform web) gets the webpush block instead of android and
// apns: webpush.notification {title, body, icon, image},
// webpush.fcm_options.link, and the Web Push TTL and Urgency headers.
//
// A call invitation to a phone is a data-only message (no notification
// block, so that onMessageReceived runs even in the background and the app
// can show its full-screen call notification) at android.priority HIGH,
// with the call's call_id, caller and video in data beside ext and the
// delivery ID, and a TTL of vendors.CallTTLSeconds unless one was chosen.
func message(msg vendors.Message, token string) *messaging.Message {
	m := &messaging.Message{Token: token, Data: msg.AppExtras()}
	switch {
	case msg.Platform == models.PlatformWeb:
		m.Webpush = webpush(msg)
	case msg.Call != nil:
		ttl := time.Duration(vendors.CallTTLSeconds) * time.Second
		if msg.FCM.TTLSeconds != nil {
			ttl = time.Duration(*msg.FCM.TTLSeconds) * time.Second
		}
		m.Android = &messaging.AndroidConfig{Priority: "high", TTL: &ttl}
	default:
		m.Notification = &messaging.Notification{Title: msg.Title, Body: msg.Desc, ImageURL: msg.Image}
		m.Android = android(msg)
		m.APNS = apns(msg)
	}
	if len(m.Data) == 0 {
		m.Data = nil
	}
	return m
}

func android(msg vendors.Message) *messaging.AndroidConfig {
	priority := msg.FCM.Priority
	if priority == "" {
		priority = "high"
	}
	a := &messaging.AndroidConfig{Priority: priority, Notification: &messaging.AndroidNotification{
		Sound: msg.Sound, ChannelID: msg.FCM.ChannelID,
	}}
	if msg.Sound == "" {
		a.Notification.DefaultSound = true
	}
	if msg.FCM.TTLSeconds != nil {
		ttl := time.Duration(*msg.FCM.TTLSeconds) * time.Second
		a.TTL = &ttl
	}
	if n, ok := msg.BadgeNumber(); ok {
		a.Notification.NotificationCount = &n
	}
	return a
}

func apns(msg vendors.Message) *messaging.APNSConfig {
	aps := &messaging.Aps{Sound: msg.Sound, ThreadID: msg.APNs.ThreadID}
	if aps.Sound == "" {
		aps.Sound = "default"
	}
	if n, ok := msg.BadgeNumber(); ok {
		aps.Badge = &n
	}
	if l := msg.APNs.InterruptionLevel; l != "" {
		aps.CustomData = map[string]any{"interruption-level": l}
	}
	cfg := &messaging.APNSConfig{Payload: &messaging.APNSPayload{Aps: aps}}
	if msg.Image != "" {
		aps.MutableContent = true
		cfg.FCMOptions = &messaging.APNSFCMOptions{ImageURL: msg.Image}
	}
	return cfg
}

// webpush is the browser's block. A call invitation in a browser is an
// ordinary notification, sent at Urgency high with the call TTL unless
// they were chosen.
func webpush(msg vendors.Message) *messaging.WebpushConfig {
	w := msg.FCM.Web
	cfg := &messaging.WebpushConfig{
		Notification: &messaging.WebpushNotification{Title: msg.Title, Body: msg.Desc, Icon: w.Icon, Image: msg.Image},
		Headers:      map[string]string{},
	}
	if w.Link != "" {
		cfg.FCMOptions = &messaging.WebpushFCMOptions{Link: w.Link}
	}
	ttl, urgency := w.TTLSeconds, w.Urgency
	if msg.Call != nil {
		if ttl == nil {
			callTTL := vendors.CallTTLSeconds
			ttl = &callTTL
		}
		if urgency == "" {
			urgency = "high"
		}
	}
	// RFC 8030 §5.2 and §5.3: "TTL" in seconds, "Urgency" one of
	// very-low, low, normal, high. FCM takes them as strings.
	if ttl != nil {
		cfg.Headers["TTL"] = strconv.Itoa(*ttl)
	}
	if urgency != "" {
		cfg.Headers["Urgency"] = urgency
	}
	if len(cfg.Headers) == 0 {
		cfg.Headers = nil
	}
	return cfg
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
