package vivo

import (
	"slices"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

const host = "api-push.vivo.com.cn"

// vivo Push's documented limits (docs/vendors/vivo.md §3, the 2025 field
// comments; older docs allowed 20/50 CJK characters).
const (
	maxTitle     = 40   // characters, a Chinese character counting two
	maxContent   = 100  // characters, a Chinese character counting two
	maxCustomMap = 1024 // characters of clientCustomMap in total
	// maxCustomPairs is how many key/values clientCustomMap may hold.
	maxCustomPairs = 10
	// minTTL and maxTTL bound timeToLive, in seconds: 60 s (older
	// references said 900) to 7 days.
	minTTL       = 60
	maxTTL       = 7 * 24 * 60 * 60
	maxRequestID = 64
	authWindow   = 10 * time.Minute
	// authTokens last 24 h; vivo advises renewing every 1-2 h, and several
	// tokens of one app may be valid at once.
	tokenMargin = 22 * time.Hour
)

// categories are vivo's secondary classes, system then operation
// (docs/vendors marks the list unverified; vivo doc 359).
func systemCategories() []string {
	return []string{"IM", "ACCOUNT", "TODO", "DEVICE_REMINDER", "ORDER", "SUBSCRIPTION"}
}

func operationCategories() []string { return []string{"NEWS", "CONTENT", "MARKETING", "SOCIAL"} }

// category is the message's category, else the certificate's default.
func category(msg vendors.Message, c models.Certificate) string {
	switch {
	case msg.Vivo.Category != "":
		return msg.Vivo.Category
	case msg.Call != nil:
		// vivo has no call category; IM is the system class of chats.
		return "IM"
	}
	return c.Settings.Category
}

// classification is the message's, else 1 (system) for a system category
// and 0 (operation, vivo's default) otherwise.
func classification(msg vendors.Message, c models.Certificate) int {
	if msg.Vivo.Classification != nil {
		return *msg.Vivo.Classification
	}
	if slices.Contains(systemCategories(), category(msg, c)) {
		return 1
	}
	return 0
}

// testPush: the message asks for test mode, or the app is unpublished and
// the message does not insist on formal.
func testPush(msg vendors.Message, c models.Certificate) bool {
	return msg.Vivo.PushMode == "test" || (c.Settings.Unpublished && msg.Vivo.PushMode != "formal")
}

// Operation messages are delivered only between 07:00 and 23:00 Beijing
// time, and at most operationCap reach one user a day.
const (
	operationFrom = 7
	operationTo   = 23
	operationCap  = 5
)

// inOperationWindow reports whether vivo delivers operation messages at t.
func inOperationWindow(t time.Time) bool {
	h := models.VendorTime(models.VendorVivo, t).Hour()
	return h >= operationFrom && h < operationTo
}

// Class: test pushes are outside the caps; classification 1 is a system
// (service) message; 0 is an operation (marketing) message.
func (*Channel) Class(msg vendors.Message, c models.Certificate) models.MessageClass {
	switch {
	case testPush(msg, c):
		return models.ClassTest
	case classification(msg, c) == 1:
		return models.ClassService
	}
	return models.ClassMarketing
}

// Limits are vivo Push's figures (docs/vendors/vivo.md §3).
func (*Channel) Limits() []models.Limit {
	const doc = "vivo push server API 2.9.2 (mirrors)"
	return []models.Limit{
		{Item: "Title", Value: "40 characters (older docs: 20 CJK)", Effect: "refused", Source: doc + "; 2025 field comments", AsOf: "2025", Confidence: models.SecondHand},
		{Item: "Content", Value: "100 characters (older docs: 50 CJK)", Effect: "refused", Source: doc + "; 2025 field comments", AsOf: "2025", Confidence: models.SecondHand},
		{Item: "Images", Value: "no picture field", Effect: "the notification shows title and text only", Source: doc + "; Tencent IM 269/138170", AsOf: "2026-09-15", Confidence: models.SecondHand},
		{Item: "clientCustomMap", Value: "1024 characters", Effect: "refused", Source: doc, AsOf: "2025", Confidence: models.Solid},
		{Item: "Classes", Value: "system (classification 1: IM, account, orders, …) vs operation (0: news, marketing, …)", Effect: "vivo's classifier may re-label a system message as operation", Source: "trtc.io/zh/document/60576; Tencent TPNS", AsOf: "2025", Confidence: models.SecondHand},
		{Item: "Category values", Value: "system: IM, ACCOUNT, TODO, DEVICE_REMINDER, ORDER, SUBSCRIPTION; operation: NEWS, CONTENT, MARKETING, SOCIAL", Effect: "10096 unknown; 10097 category and classification disagree", Source: "vivo doc 359 (from memory)", AsOf: "2025", Confidence: models.Unverified},
		{Item: "Operation time window", Value: "07:00–23:00 Beijing time", Effect: "outside it only system messages are delivered", Source: "Tencent TPNS vivo channel doc", AsOf: "2024", Confidence: models.SecondHand},
		{Item: "Operation per user", Value: "5 a day", Effect: "further operation messages are not shown that day", Source: "Tencent TPNS", AsOf: "2024", Confidence: models.SecondHand},
		{Item: "Daily totals (2023-04-03)", Value: "system 20 × notification-enabled users; operation 3× (news) / 2× (others)", Effect: "10070 once spent: stop calling that day (repeated calls lower your quota)", Source: "Tencent IM 269/130977; " + doc, AsOf: "2023-04-03", Confidence: models.SecondHand},
		{Item: "Publication", Value: "the app must be approved on the vivo store", Effect: "until then only test pushes (pushMode 1) to registered test devices", Source: "Tencent TPNS vivo doc; modood/pushapi", AsOf: "2025", Confidence: models.SecondHand},
	}
}
