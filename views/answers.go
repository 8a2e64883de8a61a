package views

import (
	"context"

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
	return i18n.From(ctx).Recorded(d.Explanation, i18n.AnswerPrefixes(d.Vendor, d.Code)...)
}

// AnswerFix is a delivery's fix in the reader's language.
func AnswerFix(ctx context.Context, d models.Delivery) string {
	return i18n.From(ctx).Recorded(d.Fix, i18n.AnswerPrefixes(d.Vendor, d.Code)...)
}

// EventExplanation is a trace event's explanation (a receipt's, most
// often) in the reader's language.
func EventExplanation(ctx context.Context, e models.DeliveryEvent) string {
	prefixes := []string{"vendors." + string(e.Vendor) + ".receipt.", "vendors.receipt."}
	return i18n.From(ctx).Recorded(e.Explanation, append(prefixes, i18n.AnswerPrefixes(e.Vendor, e.Code)...)...)
}
