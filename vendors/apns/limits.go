package apns

import (
	"github.com/sideshow/apns2"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// APNs' documented limits (docs/vendors/apns.md §4).
const (
	maxPayload     = 4096 // bytes of the JSON payload
	maxVoIPPayload = 5120
	maxCollapseID  = 64 // bytes
	// maxAttachmentMB is the largest image a notification service
	// extension may attach (UNNotificationAttachment: images 10 MB).
	maxAttachmentMB = 10
)

func payloadLimit(t apns2.EPushType) int {
	if t == apns2.PushTypeVOIP {
		return maxVoIPPayload
	}
	return maxPayload
}

// Class: APNs has no message classes.
func (*Channel) Class(vendors.Message, models.Certificate) models.MessageClass {
	return models.ClassStandard
}

// Limits are APNs' figures (docs/vendors/apns.md §4).
func (*Channel) Limits() []models.Limit {
	const apple, apns2src = "Apple: Sending notification requests to APNs", "sideshow/apns2 response.go"
	return []models.Limit{
		{Item: "Payload", Value: "4096 bytes (VoIP 5120)", Effect: "413 PayloadTooLarge", Source: apple + "; " + apns2src, AsOf: "2024-10", Confidence: models.Solid},
		{Item: "Collapse ID", Value: "64 bytes", Effect: "400 BadCollapseId", Source: apns2src, AsOf: "2024-10", Confidence: models.Solid},
		{Item: "Per-device rate", Value: "not published", Effect: "429 TooManyRequests: too many in a row to one token", Source: apns2src, AsOf: "2024-10", Confidence: models.Solid},
		{Item: "Environment", Value: "a token belongs to the sandbox or the production host", Effect: "400 BadDeviceToken on the other host", Source: apple, AsOf: "2024-10", Confidence: models.Solid},
		{Item: "Background pushes", Value: "apns-push-type background, priority 5", Effect: "throttled by iOS; nothing is shown", Source: apple, AsOf: "2024-10", Confidence: models.Solid},
		{Item: "VoIP pushes (calls)", Value: "push type voip to the bundle ID + \".voip\" topic, to the PushKit token", Effect: "another topic: DeviceTokenNotForTopic; a .p12 without the VoIP topic: TopicDisallowed; the app must report each to CallKit", Source: apple + "; PushKit: Responding to VoIP notifications", AsOf: "2025", Confidence: models.Solid},
		{Item: "Images", Value: "no APNs field: mutable-content 1 and a notification service extension; images up to 10 MB", Effect: "without the extension the alert shows no picture", Source: "Apple: UNNotificationAttachment", AsOf: "2025", Confidence: models.Solid},
		{Item: "Interruption levels", Value: "passive, active, time-sensitive (capability), critical (entitlement Apple grants on request)", Effect: "without the entitlement iOS shows them as active", Source: "Apple: UNNotificationInterruptionLevel", AsOf: "2025", Confidence: models.Solid},
	}
}
