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
	}
}
