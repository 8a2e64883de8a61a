package huawei

import (
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Push Kit's documented limits (docs/vendors/huawei.md §4).
const (
	// maxBody is the message size Huawei accepts, token excluded
	// (80300008 beyond it).
	maxBody = 4096
	// maxTokens per request (80300010 beyond it).
	maxTokens = 1000
	// maxBadge is the highest set_num / add_num.
	maxBadge = 99
	// tokenMargin renews an access token (valid 3600 s) this long before
	// it expires, so a send never races the expiry.
	tokenMargin = 5 * time.Minute
)

// categories are the android.category values of Huawei's
// self-classification (granted per app after review).
func categories() []string {
	return []string{"IM", "VOIP", "SUBSCRIPTION", "TRAVEL", "HEALTH", "WORK", "ACCOUNT", "EXPRESS", "FINANCE",
		"DEVICE_REMINDER", "SYSTEM_REMINDER", "MAIL", "PLAY_VOICE", "MARKETING"}
}

// category is the message's category, else VOIP for a call invitation,
// else the certificate's default.
func category(msg vendors.Message, c models.Certificate) string {
	switch {
	case msg.Huawei.Category != "":
		return msg.Huawei.Category
	case msg.Call != nil:
		return "VOIP"
	}
	return c.Settings.Category
}

// marketingCap is how many information & marketing messages Huawei shows
// per app, device and day (news apps 5), since 2023-01-05.
const marketingCap = 2

// Class: test messages are outside the caps; a category other than
// MARKETING is service & communication; without one Huawei's classifier
// decides, counted here as marketing, the capped case.
func (*Channel) Class(msg vendors.Message, c models.Certificate) models.MessageClass {
	switch cat := category(msg, c); {
	case msg.Huawei.Test:
		return models.ClassTest
	case cat != "" && cat != "MARKETING":
		return models.ClassService
	}
	return models.ClassMarketing
}

// Limits are Push Kit's figures (docs/vendors/huawei.md §4).
func (*Channel) Limits() []models.Limit {
	const send, rcpt = "Huawei HTTPS send API reference (https-send-api-0000001050986197)", "Huawei receipt guide (msg-receipt-guide)"
	return []models.Limit{
		{Item: "Message body", Value: "4096 bytes, token excluded", Effect: "80300008: the whole message is refused", Source: send, AsOf: "2025", Confidence: models.Solid},
		{Item: "Tokens per request", Value: "1000", Effect: "80300010", Source: send, AsOf: "2025", Confidence: models.Solid},
		{Item: "Badge number", Value: "0–99, with the launcher class", Effect: "no class: no badge shown", Source: send, AsOf: "2025", Confidence: models.Solid},
		{Item: "Classes", Value: "service & communication (category IM, VOIP, …) vs information & marketing", Effect: "marketing is silent and capped; without self-classification rights Huawei's classifier decides", Source: "Aliyun 436435; Tencent IM 269/130977", AsOf: "2026-05-14", Confidence: models.SecondHand},
		{Item: "Marketing cap", Value: "2 per app, device and day (news apps 5)", Effect: "further marketing messages are not shown that day", Source: "Huawei 推送数量管理细则; Getui; Tencent IM 269/130977", AsOf: "2023-01-05", Confidence: models.SecondHand},
		{Item: "Per-device hard cap", Value: "3000 messages per app, device and day", Effect: "receipt status 102", Source: rcpt, AsOf: "2025", Confidence: models.Solid},
		{Item: "Test messages", Value: "target_user_type 1: 500 per app a day", Effect: "exempt from the per-device caps", Source: send, AsOf: "2025", Confidence: models.Solid},
		{Item: "Rate", Value: "MAU × category weight × 0.00072 QPS, at least 6000", Effect: "503 flow control", Source: "Tencent IM 269/130977", AsOf: "2026-05-14", Confidence: models.SecondHand},
		{Item: "Night control", Value: "00:00–06:00, screen off 30 min", Effect: "notification messages are held until morning", Source: "Getui 厂商通道限额", AsOf: "2025", Confidence: models.SecondHand},
		{Item: "Notification image", Value: "android.notification.image: https, under 512 KB, 40×40 dp recommended (JPG, JPEG, PNG)", Effect: "shown as a small picture on the right of the notification", Source: "Huawei Push Kit guide: Notification image (android-image-0000001200934359)", AsOf: "2025", Confidence: models.Solid},
		{Item: "Call invitations", Value: "category VOIP (self-classification), TTL 30–60 s", Effect: "service & communication: rings; without the VOIP right Huawei's classifier decides", Source: send + "; Push Kit v3 request parameters (pushOptions.ttl)", AsOf: "2025", Confidence: models.Solid},
		{Item: "TTL", Value: "default 86400 s, at most 1,296,000 s (15 days)", Effect: "offline devices get it while it lives", Source: send, AsOf: "2025", Confidence: models.Solid},
	}
}
