package meizu

import (
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Flyme Push's documented limits (docs/vendors/meizu.md §3).
const (
	maxTitle   = 32  // characters
	maxContent = 100 // characters
	maxPushIDs = 100 // per request (2025 doc; older docs said 1000)
)

const (
	hostCN   = "server-api-push.meizu.com"
	hostIntl = "server-api-push.in.meizu.com"
	sendPath = "/garcia/api/server/push/varnished/pushByPushId"
)

func hostOf(region string) string {
	if region == "intl" {
		return hostIntl
	}
	return hostCN
}

// noticeMsgType is the message's, else 1 (private) when the certificate
// has private-message rights, else 0 (public).
func noticeMsgType(msg vendors.Message, c models.Certificate) int {
	if t := msg.Meizu.NoticeMsgType; t != nil {
		return *t
	}
	if c.Settings.Private || msg.Call != nil {
		return 1
	}
	return 0
}

// callValidHours is how long Meizu keeps a call invitation for an offline
// device: validTime counts whole hours, 1 to 72, so an hour is the least.
const callValidHours = 1

// publicCap: Meizu shows at most 3 public messages per app, device and day
// (news apps 5), since 2025-05-07.
const publicCap = 3

// Class: private messages (私信) are the service class, public ones (公信)
// the capped class.
func (*Channel) Class(msg vendors.Message, c models.Certificate) models.MessageClass {
	if noticeMsgType(msg, c) == 1 {
		return models.ClassService
	}
	return models.ClassMarketing
}

// Limits are Flyme Push's figures (docs/vendors/meizu.md §3).
func (*Channel) Limits() []models.Limit {
	const mz = "MEIZUPUSH/PushAPI README (official)"
	return []models.Limit{
		{Item: "Title", Value: "32 characters", Effect: "refused", Source: mz, AsOf: "2025-04-09", Confidence: models.Solid},
		{Item: "Content", Value: "100 characters", Effect: "refused", Source: mz, AsOf: "2025-04-09", Confidence: models.Solid},
		{Item: "Images", Value: "no picture field for ordinary apps (big picture: VIP apps)", Effect: "the notification shows title and text only", Source: mz + "; Meizu Java SDK VipFeatures", AsOf: "2025-04-09", Confidence: models.SecondHand},
		{Item: "Offline storage", Value: "validTime 1–72 hours (default 24)", Effect: "a call invitation lives at least an hour", Source: mz, AsOf: "2025-04-09", Confidence: models.Solid},
		{Item: "pushIds per request", Value: "100 (older docs 1000)", Effect: "refused", Source: mz, AsOf: "2025-04-09", Confidence: models.Solid},
		{Item: "Public messages (公信)", Value: "3 per device a day (news apps 5); private (私信) unlimited", Effect: "110011 for the device", Source: mz + "; Tencent IM 269/130977", AsOf: "2025-05-07", Confidence: models.SecondHand},
		{Item: "App daily total", Value: "the app's quota", Effect: "110019 (110051 count limit)", Source: mz, AsOf: "2025-04-09", Confidence: models.Solid},
		{Item: "Folding", Value: "more than 5 messages to one device within a minute", Effect: "code 520: folded", Source: mz, AsOf: "2025-04-09", Confidence: models.Solid},
		{Item: "Rate", Value: "about 500 pushes a second per app", Effect: "110010", Source: mz + "; Tencent TPNS", AsOf: "2025", Confidence: models.SecondHand},
		{Item: "Pass-through", Value: "restricted since 2018-06-16", Effect: "110053: use notification messages", Source: mz, AsOf: "2018-06-16", Confidence: models.Solid},
		{Item: "Inactive devices", Value: "no activity for a month", Effect: "subscription cancelled", Source: "Tencent TPNS", AsOf: "2024", Confidence: models.SecondHand},
	}
}
