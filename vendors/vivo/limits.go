package vivo

import "time"

const host = "api-push.vivo.com.cn"

// vivo Push's documented limits (vendor-facts.md §7.2-7.3, the 2025 field
// comments; older docs allowed 20/50 CJK characters).
const (
	maxTitle     = 40   // characters
	maxContent   = 100  // characters
	maxCustomMap = 1024 // characters of clientCustomMap in total
	maxRequestID = 64
	authWindow   = 10 * time.Minute
	// authTokens last 24 h; vivo advises renewing every 1-2 h, and several
	// tokens of one app may be valid at once.
	tokenMargin = 22 * time.Hour
)

// categories are vivo's secondary classes, system then operation
// (vendor-facts.md marks the list UNVERIFIED; vivo doc 359).
func systemCategories() []string {
	return []string{"IM", "ACCOUNT", "TODO", "DEVICE_REMINDER", "ORDER", "SUBSCRIPTION"}
}

func operationCategories() []string { return []string{"NEWS", "CONTENT", "MARKETING", "SOCIAL"} }
