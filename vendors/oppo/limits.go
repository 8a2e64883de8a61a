package oppo

import (
	"strings"
	"time"
)

// OPPO Push's documented limits (vendor-facts.md §6.2-6.3).
const (
	maxTitle            = 50   // characters
	maxContent          = 50   // characters, standard style
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
// SDK docs (vendor-facts.md marks the list UNVERIFIED; OPPO's doc id=13189).
func categories() []string {
	return []string{"IM", "ACCOUNT", "DEVICE_REMINDER", "ORDER", "TODO", "SUBSCRIPTION", "NEWS", "CONTENT", "MARKETING", "SOCIAL"}
}
