package fcm

import (
	"strings"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// FCM's documented limits (docs/vendors/fcm.md §4).
const (
	maxPayload = 4096    // bytes of notification and data
	maxTTL     = 2419200 // seconds: 4 weeks
)

// reservedDataKey reports the data keys FCM refuses: "from",
// "message_type", or any word starting with "google." or
// "gcm.notification." (Message.data in
// https://firebase.google.com/docs/reference/fcm/rest/v1/projects.messages),
// and "gcm" or any key prefixed by "google" (INVALID_ARGUMENT in
// https://firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode).
func reservedDataKey(k string) bool {
	return k == "from" || k == "message_type" || k == "gcm" || strings.HasPrefix(k, "google") || strings.HasPrefix(k, "gcm.notification.")
}

// Class: FCM has no message classes.
func (*Channel) Class(vendors.Message, models.Certificate) models.MessageClass {
	return models.ClassStandard
}

// Limits are FCM's figures (docs/vendors/fcm.md §4).
func (*Channel) Limits() []models.Limit {
	const errs, quota = "Firebase FCM ErrorCode reference", "Firebase throttling and quotas"
	return []models.Limit{
		{Item: "Payload", Value: "4096 bytes of notification and data (topics 2048)", Effect: "INVALID_ARGUMENT", Source: errs, AsOf: "2025", Confidence: models.Solid},
		{Item: "Data", Value: "string values; keys from, message_type, gcm, google* and gcm.notification.* reserved", Effect: "INVALID_ARGUMENT", Source: errs, AsOf: "2025", Confidence: models.Solid},
		{Item: "TTL", Value: "0 to 2,419,200 s (4 weeks)", Effect: "INVALID_ARGUMENT", Source: errs, AsOf: "2025", Confidence: models.Solid},
		{Item: "Project quota", Value: "600,000 messages a minute", Effect: "429 QUOTA_EXCEEDED (RESOURCE_EXHAUSTED)", Source: quota, AsOf: "2025", Confidence: models.Solid},
		{Item: "Notification image", Value: "https URL; Android shows up to 1 MB (JPEG, PNG, BMP; WebP and HEIF vary)", Effect: "larger images are not shown", Source: "Firebase: Send an image in the notification payload", AsOf: "2025", Confidence: models.Solid},
		{Item: "Web push", Value: "webpush.fcm_options.link https only; headers TTL (seconds) and Urgency (very-low, low, normal, high) as strings", Effect: "INVALID_ARGUMENT for an http link", Source: "FCM v1 WebpushConfig reference; RFC 8030 §5.2–5.3", AsOf: "2025", Confidence: models.Solid},
		{Item: "Call invitations", Value: "data-only message at android.priority HIGH, TTL 60 s", Effect: "the app must show a notification at once or later high-priority messages are lowered", Source: "Firebase: Set and manage Android message priority", AsOf: "2025", Confidence: models.Solid},
		{Item: "Per device", Value: "240 a minute, 5,000 an hour; collapsible: burst 20, 1 every 3 min", Effect: "429 QUOTA_EXCEEDED for the device", Source: quota + " (from memory)", AsOf: "2025", Confidence: models.Unverified},
	}
}
