package honor

import "time"

// Honor Push's limits (vendor-facts.md §4.2-4.3; Honor documents the same
// numbers as Huawei, whose API it forked).
const (
	maxBody     = 4096 // bytes, tokens excluded
	maxTokens   = 1000
	maxBadge    = 99
	tokenMargin = 5 * time.Minute // access tokens last 3600 s
)
