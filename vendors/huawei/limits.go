package huawei

import "time"

// Push Kit's documented limits (vendor-facts.md §3.3).
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
