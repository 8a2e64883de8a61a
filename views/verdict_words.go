package views

import (
	"context"
	"strings"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

// verdictSummary is the page head's line. Its count is said in the page's
// language, and so are the devices it names after it (summaryCauses).
func verdictSummary(ctx context.Context, v models.Verdict) string {
	if !i18n.From(ctx).Chinese() {
		return models.Sentence(v.Summary)
	}
	total, receiving := len(v.Devices), v.Receiving()
	var s string
	switch {
	case total == 1 && receiving == 1:
		s = T(ctx, "verdict.only_device_receives")
	case total == 1:
		s = T(ctx, "verdict.only_device_misses")
	default:
		s = Tf(ctx, "verdict.summary", "Receiving", receiving, "Total", total)
	}
	return s + summaryCauses(ctx, v)
}

// CheckTitle is a verdict check's title in the page's language. The
// titles are a fixed set keyed by the check's ID; a message-class check
// names its vendor, which stays as the vendor spells it.
func CheckTitle(ctx context.Context, c models.Check) string {
	switch c.ID {
	case "token":
		return T(ctx, "check.token")
	case "certificate_id":
		return T(ctx, "check.certificate_id")
	case "certificate":
		return T(ctx, "check.certificate")
	case "certificate_expiry":
		return T(ctx, "check.certificate_expiry")
	case "certificate_health":
		return T(ctx, "check.certificate_health")
	case "apns_environment":
		return T(ctx, "check.apns_environment")
	case "app_state":
		return T(ctx, "check.app_state")
	case "notifications":
		return T(ctx, "check.notifications")
	case "token_alive":
		return T(ctx, "check.token_alive")
	case "quota":
		return T(ctx, "check.quota")
	case "message":
		return T(ctx, "check.message")
	case "device_limit":
		return T(ctx, "check.device_limit")
	case "device_cap":
		return T(ctx, "check.device_cap")
	case "vivo_publication":
		return T(ctx, "check.vivo_publication")
	case "xiaomi_channel":
		return T(ctx, "check.xiaomi_channel")
	case "harmony_next":
		return T(ctx, "check.harmony_next")
	case "call_right":
		return T(ctx, "check.call_right")
	case "receipts":
		return T(ctx, "check.receipts")
	case "voip_topic", "voip_token":
		return T(ctx, "check.calls")
	case "oppo_channel":
		return T(ctx, "check.oppo_channel")
	case "oppo_ext":
		return T(ctx, "check.oppo_ext")
	case "message_class":
		if vendor, ok := strings.CutSuffix(c.Title, " message class"); ok {
			return Tf(ctx, "check.message_class", "Vendor", vendor)
		}
	}
	return c.Title
}
