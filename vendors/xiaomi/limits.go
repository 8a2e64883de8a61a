package xiaomi

import (
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Mi Push's documented limits (docs/vendors/xiaomi.md §3).
const (
	maxTitle       = 49  // characters: the title must be shorter than 50
	maxDescription = 127 // characters: shorter than 128
	maxExtras      = 10  // custom extra.* key/values
	maxExtraValue  = 1024
)

// hostOf is the Mi Push host of a certificate's region; a device is only
// reached through the host of the region it registered in.
func hostOf(region string) string {
	switch region {
	case "global":
		return "sgp-api.xmpush.global.xiaomi.com"
	case "ru":
		return "ru-api.xmpush.global.xiaomi.com"
	case "in":
		return "idmb-api.xmpush.global.xiaomi.com"
	case "eu":
		return "fr-api.xmpush.global.xiaomi.com"
	}
	return "api.xmpush.xiaomi.com"
}

func allHosts() []string {
	hosts := make([]string, 0, len(regions()))
	for _, r := range regions() {
		hosts = append(hosts, hostOf(r))
	}
	return hosts
}

// channel is the message's channel ID, else the certificate's default.
func channel(msg vendors.Message, c models.Certificate) string {
	if msg.Xiaomi.ChannelID != "" {
		return msg.Xiaomi.ChannelID
	}
	return c.Settings.ChannelID
}

// defaultChannelCap: messages without a channel ID go to Xiaomi's default
// channel, one per app, device and day.
const defaultChannelCap = 1

// Class: a channel ID puts the message in that channel (private channels
// are the service class; pushcheck cannot see which kind the console
// made, and counts it as service); none is the default channel.
func (*Channel) Class(msg vendors.Message, c models.Certificate) models.MessageClass {
	if channel(msg, c) == "" {
		return models.ClassDefault
	}
	return models.ClassService
}

// Limits are Mi Push's figures (docs/vendors/xiaomi.md §4).
func (*Channel) Limits() []models.Limit {
	const api, errs = "Mi Push server API (dev.mi.com pId=1559)", "Mi Push error codes (dev.mi.com pId=1560, 2024-10-18)"
	return []models.Limit{
		{Item: "Title", Value: "under 50 characters", Effect: "65009 or cut", Source: api, AsOf: "2024-10", Confidence: models.Solid},
		{Item: "Description", Value: "under 128 characters", Effect: "65009 or cut", Source: api, AsOf: "2024-10", Confidence: models.Solid},
		{Item: "Images", Value: "none per message since 2023-08", Effect: "the notification shows title and text only", Source: "JPush SDK channel notes; Tencent IM 269/138170", AsOf: "2026-09-15", Confidence: models.SecondHand},
		{Item: "Calls", Value: "no call message in the regid API; the VoIP Service Kit is a separate API", Effect: "an invitation is a notification: a killed app cannot ring", Source: "Xiaomi VoIP Service Kit guide (pId=2244)", AsOf: "2026-01-30", Confidence: models.Solid},
		{Item: "Extra key/values", Value: "10 keys, 1024 characters each", Effect: "65014 / 65015", Source: errs, AsOf: "2024-10-18", Confidence: models.Solid},
		{Item: "Channels", Value: "private (私信: chat, orders; rings; unlimited) / public (公信: news; silent; capped) / default (no channel ID)", Effect: "the channel decides sound and caps", Source: "Aliyun EMAS 613895; Getui", AsOf: "2024-11-04", Confidence: models.SecondHand},
		{Item: "Default channel", Value: "1 message per app, device and day", Effect: "further messages without a channel ID are dropped that day", Source: "Aliyun EMAS 613895; Getui", AsOf: "2024", Confidence: models.SecondHand},
		{Item: "Public quota", Value: "(MIUI devices with the app and notifications on, at least 10,000) × 2 a day; 5 per device a day (8 with a news licence)", Effect: "10034 once the app's total is spent", Source: "Tencent TPNS; Getui; JPush", AsOf: "2024", Confidence: models.SecondHand},
		{Item: "2024-11-04 rule", Value: "apps opted into the new classification must name a channel on every message", Effect: "no default channel any more", Source: "Getui 厂商通道限额", AsOf: "2024-11-04", Confidence: models.SecondHand},
		{Item: "Daily total", Value: "the app's quota", Effect: "10034: the app sent too many today", Source: errs, AsOf: "2024-10-18", Confidence: models.Solid},
	}
}
