package honor

import (
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Honor Push's limits (docs/vendors/honor.md §3; Honor documents the same
// numbers as Huawei, whose API it forked).
const (
	maxBody     = 4096 // bytes, tokens excluded
	maxTokens   = 1000
	maxBadge    = 99
	tokenMargin = 5 * time.Minute // access tokens last 3600 s
)

// importance is the message's, else the certificate's default.
func importance(msg vendors.Message, c models.Certificate) string {
	switch {
	case msg.Honor.Importance != "":
		return msg.Honor.Importance
	case msg.Call != nil:
		// Honor has no call category: a call travels as service &
		// communication, which rings.
		return "NORMAL"
	}
	return c.Settings.Importance
}

// marketingCap: Honor shows at most 2 information & marketing messages per
// app, device and day (news apps 5).
const marketingCap = 2

// Class: NORMAL importance is service & communication; LOW or none is
// information & marketing, Honor's default for unclassified messages.
func (*Channel) Class(msg vendors.Message, c models.Certificate) models.MessageClass {
	switch {
	case msg.Honor.Test:
		return models.ClassTest
	case importance(msg, c) == "NORMAL":
		return models.ClassService
	}
	return models.ClassMarketing
}

// Limits are Honor Push's figures (docs/vendors/honor.md §4).
func (*Channel) Limits() []models.Limit {
	return []models.Limit{
		{Item: "Message body", Value: "4096 bytes, tokens excluded", Effect: "refused (Honor kept Huawei's limits)", Source: "Honor 发送下行消息 guide (republished 2023)", AsOf: "2023", Confidence: models.SecondHand},
		{Item: "Classes", Value: "service & communication (importance NORMAL) vs information & marketing (LOW)", Effect: "unclassified messages count as marketing: silent and capped", Source: "Tencent TPNS limits; Getui; Tencent IM 269/130977", AsOf: "2024-12-31", Confidence: models.SecondHand},
		{Item: "Notification image", Value: "android.notification.image: https; Tencent IM advises at most 100 KB, 160×160 px", Effect: "shown as a small picture on the right", Source: "Honor 发送下行消息 guide (republished 2023); Tencent IM 269/138170", AsOf: "2026-09-15", Confidence: models.SecondHand},
		{Item: "Calls", Value: "no call category: importance NORMAL", Effect: "a killed app shows a notification; it cannot ring", Source: "Honor 发送下行消息 guide (republished 2023)", AsOf: "2023", Confidence: models.SecondHand},
		{Item: "Marketing cap", Value: "2 per app, device and day (news apps 5)", Effect: "further marketing messages are not shown that day", Source: "Getui 厂商通道限额; Tencent IM 269/130977", AsOf: "2023-02-01 (Getui) / 2024-12-31 (Tencent)", Confidence: models.SecondHand},
		{Item: "Test messages", Value: "targetUserType 1: 1000 per app a day", Effect: "exempt from the per-device cap", Source: "open-source Honor SDK doc comments", AsOf: "2025-03", Confidence: models.SecondHand},
		{Item: "Night control", Value: "00:00–06:00", Effect: "notification messages are held until morning", Source: "Getui 厂商通道限额", AsOf: "2025", Confidence: models.SecondHand},
		{Item: "Devices", Value: "Magic UI 4.0+ (China), 4.2+ (elsewhere)", Effect: "older Honor phones need Huawei Push", Source: "trtc.io/zh/document/60576", AsOf: "2025", Confidence: models.SecondHand},
	}
}
