package oppo

import (
	"slices"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// OPPO Push's documented limits (docs/vendors/oppo.md §3).
const (
	maxTitle            = 50   // characters
	maxContent          = 50   // characters, standard and big-picture styles
	maxLongContent      = 128  // characters, long-text style
	maxActionParameters = 4000 // characters of the action_parameters JSON
	// tokenMargin renews an auth_token (valid 24 h) this long before expiry.
	tokenMargin = 30 * time.Minute
	// authWindow is how far the signed timestamp may be from OPPO's clock.
	authWindow = 10 * time.Minute
)

const (
	hostCN   = "api.push.oppomobile.com"
	hostIntl = "api-intl.push.oppomobile.com"
)

// hostOf picks the host by the registration ID, as OPPO documents
// (调用地址，公共参数和返回码): split on "_"; one part, or "CN" first of two,
// or "CN" second of three, is a device in China; anything else is
// overseas.
func hostOf(registrationID string) string {
	parts := strings.Split(registrationID, "_")
	switch {
	case len(parts) == 1, len(parts) == 2 && parts[0] == "CN", len(parts) == 3 && parts[1] == "CN":
		return hostCN
	}
	return hostIntl
}

// categories are the 2024-11 classification's values as collected from
// SDK docs (docs/vendors marks the list unverified; OPPO's doc id=13189).
func categories() []string {
	return []string{"IM", "ACCOUNT", "DEVICE_REMINDER", "ORDER", "TODO", "SUBSCRIPTION", "NEWS", "CONTENT", "MARKETING", "SOCIAL"}
}

// serviceCategories are the 通讯与服务 (communication & service) values;
// the rest are 内容与营销 (content & marketing).
func serviceCategories() []string {
	return []string{"IM", "ACCOUNT", "DEVICE_REMINDER", "ORDER", "TODO", "SUBSCRIPTION"}
}

// channel is the message's channel ID, else the certificate's default.
func channel(msg vendors.Message, c models.Certificate) string {
	if msg.OPPO.ChannelID != "" {
		return msg.OPPO.ChannelID
	}
	return c.Settings.ChannelID
}

// category is the message's category, else IM for a call invitation,
// else the certificate's default.
func category(msg vendors.Message, c models.Certificate) string {
	switch {
	case msg.OPPO.Category != "":
		return msg.OPPO.Category
	case msg.Call != nil:
		return "IM"
	}
	return c.Settings.Category
}

// callNotifyLevel is OPPO's loudest reminder, which a call invitation
// takes: shade, lock screen, banner, vibration and ring.
const callNotifyLevel = 16

// marketingCap: OPPO shows at most 2 public (content & marketing) messages
// per app, device and day (news apps 5).
const marketingCap = 2

// Class: a communication & service category is the service class;
// anything else is content & marketing, OPPO's former public channel.
func (*Channel) Class(msg vendors.Message, c models.Certificate) models.MessageClass {
	if slices.Contains(serviceCategories(), category(msg, c)) {
		return models.ClassService
	}
	return models.ClassMarketing
}

// Limits are OPPO Push's figures (docs/vendors/oppo.md §3).
func (*Channel) Limits() []models.Limit {
	const old = "OPPO push doc copies (open.oppomobile.com wiki 10692/10688)"
	return []models.Limit{
		{Item: "Title", Value: "50 characters", Effect: "refused (code 41)", Source: old, AsOf: "2024", Confidence: models.SecondHand},
		{Item: "Content", Value: "50 characters (standard style)", Effect: "refused (code 41)", Source: old, AsOf: "2024", Confidence: models.SecondHand},
		{Item: "Images", Value: "uploaded picture IDs only (small_picture_id; big_picture_id for broadcasts)", Effect: "no image by URL", Source: "OPPO 推送通知栏消息参数说明 (yimenapp copy)", AsOf: "2024", Confidence: models.SecondHand},
		{Item: "action_parameters", Value: "JSON, 4000 characters", Effect: "non-JSON parameters are dropped; longer ones refused", Source: old, AsOf: "2024", Confidence: models.SecondHand},
		{Item: "Channel ID", Value: "required from Android 8 (OPPO says 9)", Effect: "no channel: nothing is shown", Source: "modood/pushapi doc comments; Tencent IM 1024/36250", AsOf: "2025-07", Confidence: models.Solid},
		{Item: "Classes (2024-11-20)", Value: "communication & service (IM, ACCOUNT, ORDER, …; apply) vs content & marketing", Effect: "marketing is capped per device and per day", Source: "Tencent IM 269/130977; JPush", AsOf: "2024-11-20", Confidence: models.SecondHand},
		{Item: "Category values", Value: strings.Join(categories(), ", "), Effect: "others: code 67", Source: "OPPO doc id=13189 (from memory)", AsOf: "2024-11", Confidence: models.Unverified},
		{Item: "Public per device", Value: "2 a day (news apps 5); any channel at most 2000", Effect: "further messages are not shown that day", Source: "Tencent TPNS; Getui", AsOf: "2024", Confidence: models.SecondHand},
		{Item: "Public daily total", Value: "100,000 under 50,000 cumulative users, else 2 × users", Effect: "code 33 once spent", Source: "Tencent TPNS; Getui", AsOf: "2024", Confidence: models.SecondHand},
		{Item: "Distribution", Value: "apps not installed from the OPPO App Market", Effect: "no public messages since 2024-07-29", Source: "Getui 厂商通道限额", AsOf: "2024-07-29", Confidence: models.SecondHand},
	}
}
