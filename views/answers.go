package views

import (
	"context"
	"strings"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

// A vendor's answer is explained when it comes (vendors' code tables) and
// stored in English with the delivery, which the API returns as stored.
// Pages show it in the reader's language when the catalogue's English for
// the vendor and code made it (models/i18n Recorded); an old row or a
// detail known only at run time is shown as stored.

// AnswerExplanation is a delivery's explanation in the reader's language.
func AnswerExplanation(ctx context.Context, d models.Delivery) string {
	return i18n.From(ctx).Recorded(d.Explanation, answerPrefixes(d.Vendor, d.Code)...)
}

// AnswerFix is a delivery's fix in the reader's language.
func AnswerFix(ctx context.Context, d models.Delivery) string {
	return i18n.From(ctx).Recorded(d.Fix, answerPrefixes(d.Vendor, d.Code)...)
}

// EventExplanation is a trace event's explanation (a receipt's, most
// often) in the reader's language.
func EventExplanation(ctx context.Context, e models.DeliveryEvent) string {
	prefixes := []string{"vendors." + string(e.Vendor) + ".receipt.", "vendors.receipt."}
	return i18n.From(ctx).Recorded(e.Explanation, append(prefixes, answerPrefixes(e.Vendor, e.Code)...)...)
}

// answerPrefixes are where the catalogues keep the words of a vendor's
// answer: the code's own entry (vendors.huawei.80300007.), a HarmonyOS
// per-token reason (recorded as code "80300007/tokenFormatError"), and
// what every vendor may answer (timeouts, unreachable hosts, dry runs).
func answerPrefixes(v models.Vendor, code string) []string {
	out := []string{"vendors." + string(v) + "." + code + "."}
	if _, reason, ok := strings.Cut(code, "/"); ok {
		out = append(out, "vendors."+string(v)+".reason."+reason+".")
	}
	return append(out, "vendors.answer.")
}
