package harmony

import (
	"slices"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Push Kit v3's documented limits (docs/vendors/harmony.md §4).
const (
	// maxBody is the request size Huawei accepts, tokens excluded
	// (80300008 beyond it).
	maxBody = 4096
	// maxTokens per request (80300010 beyond it), and per test message
	// (80300030 beyond it).
	maxTokens     = 1000
	maxTestTokens = 10
	// testPerDay is how many test messages one project may send a day;
	// beyond it receipts say 256.
	testPerDay = 1000
	// maxBadge is the highest addNum and setNum.
	maxBadge = 99
	// maxTTL is pushOptions.ttl's ceiling, 15 days in seconds; defaultTTL
	// Huawei's own, and callTTL what Huawei advises for in-app calls.
	maxTTL     = 1_296_000
	defaultTTL = 86_400
	callTTL    = 30
	// maxBiTag is biTag's length in bytes.
	maxBiTag = 64
	// jwtLifetime is the JWT's exp - iat, as Huawei advises; Huawei refuses
	// more than maxJWTLifetime (80300036). jwtMargin renews a cached JWT
	// this long before it expires, so a send never races the expiry.
	jwtLifetime    = time.Hour
	maxJWTLifetime = 24 * time.Hour
	jwtMargin      = 5 * time.Minute
	// marketingCap is how many MARKETING notifications Huawei shows per
	// app, device and day (5 for licensed news apps).
	marketingCap = 2
)

// The push-type header's values pushcheck sends.
const (
	pushTypeAlert      = 0
	pushTypeBackground = 6
	pushTypeCall       = 10
)

// categories are payload.notification.category's values for alert
// messages: the service & communication ones need a self-classification
// right each; MARKETING needs none. PLAY_VOICE belongs to push-type 2
// only, which pushcheck does not build.
func categories() []string {
	return []string{"IM", "VOIP", "MISS_CALL", "SUBSCRIPTION", "TRAVEL", "HEALTH", "WORK", "ACCOUNT", "EXPRESS", "FINANCE",
		"DEVICE_REMINDER", "MAIL", "MARKETING"}
}

// category is what the message asks for, else the certificate's default,
// else MARKETING: category is required, and MARKETING is the one value
// that needs no right.
func category(msg vendors.Message, c models.Certificate) string {
	switch {
	case msg.Harmony.Category != "":
		return msg.Harmony.Category
	case c.Settings.Category != "":
		return c.Settings.Category
	}
	return "MARKETING"
}

// granted reports whether the app holds the right for a category: Huawei
// shows any other as MARKETING, without an error.
func granted(cat string, c models.Certificate) bool {
	return cat == "MARKETING" || slices.Contains(c.Settings.Categories, cat)
}

// Class: test messages are outside the caps; calls and background
// messages have no per-device count; an alert is service & communication
// only in a category the app was granted.
func (*Channel) Class(msg vendors.Message, c models.Certificate) models.MessageClass {
	switch cat := category(msg, c); {
	case msg.Harmony.Test:
		return models.ClassTest
	case pushType(msg) != pushTypeAlert:
		return models.ClassService
	case cat != "MARKETING" && granted(cat, c):
		return models.ClassService
	}
	return models.ClassMarketing
}

// Limits are Push Kit v3's figures (docs/vendors/harmony.md §4).
func (*Channel) Limits() []models.Limit {
	const (
		param = "Huawei v3 request parameters (push-scenariozed-api-request-param)"
		resp  = "Huawei v3 response codes (push-scenariozed-api-response)"
		right = "Huawei push rights (push-apply-right)"
		freq  = "Huawei v3 frequency control (push-msg-freq-control)"
		asOf  = "2026-04-22"
	)
	return []models.Limit{
		{Item: "Message body", Value: "4096 bytes, tokens excluded", Effect: "80300008: the whole message is refused", Source: resp, AsOf: asOf, Confidence: models.SecondHand},
		{Item: "Tokens per request", Value: "1000 (test messages 10)", Effect: "80300010 (test: 80300030)", Source: resp, AsOf: asOf, Confidence: models.SecondHand},
		{Item: "Test messages", Value: "testMessage true: 1000 a day per project", Effect: "outside the per-device caps; beyond 1000 receipts say 256", Source: param + "; " + freq, AsOf: asOf, Confidence: models.Solid},
		{Item: "Classes", Value: "service & communication (a granted category: IM, VOIP, …) vs MARKETING", Effect: "a category the app holds no right for is sent as MARKETING, without an error", Source: right, AsOf: asOf, Confidence: models.SecondHand},
		{Item: "Marketing cap", Value: "2 per app, device and day (licensed news apps 5)", Effect: "receipt 256: not shown", Source: right, AsOf: asOf, Confidence: models.Solid},
		{Item: "Per-device volume", Value: "no published figure", Effect: "receipt 102", Source: freq, AsOf: asOf, Confidence: models.SecondHand},
		{Item: "Badge", Value: "addNum 1–99, setNum 0–99", Effect: "80100003", Source: param, AsOf: asOf, Confidence: models.Solid},
		{Item: "TTL", Value: "default 86400 s, at most 1,296,000 s (15 days); calls 30–60 s advised", Effect: "offline devices get it while it lives", Source: param, AsOf: asOf, Confidence: models.Solid},
		{Item: "JWT lifetime", Value: "3600 s advised, more than a day refused", Effect: "80300036", Source: resp, AsOf: asOf, Confidence: models.SecondHand},
		{Item: "Rate", Value: "the project's QPS shown in AppGallery Connect", Effect: "HTTP 503 flow control", Source: resp, AsOf: asOf, Confidence: models.Solid},
	}
}
