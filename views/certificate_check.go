package views

import (
	"context"
	"strings"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

// CertificateCheckMessage is the last Test connection's message in the
// reader's language. It is stored in English (the API returns it so), made
// by vendors.ProbeCheck and AuthCheck from the vendor's answer: its
// explanation alone, "code: explanation — fix", or "the vendor could not
// be reached: …". Each part a catalogued answer made is read back like a
// delivery's (AnswerExplanation); the rest is shown as stored.
func CertificateCheckMessage(ctx context.Context, c models.Certificate) string {
	l := i18n.From(ctx)
	msg := c.CheckMessage
	if l.Lang() == models.LanguageEnglish {
		return msg
	}
	if code, rest, ok := strings.Cut(msg, ": "); ok && !strings.Contains(code, " ") {
		if explanation, fix, ok := strings.Cut(rest, " — "); ok {
			prefixes := append(answerPrefixes(c.Vendor, code), "rest.vendor.")
			return code + T(ctx, "common.colon") + l.Recorded(explanation, prefixes...) + T(ctx, "rest.cert_check.dash") + l.Recorded(fix, prefixes...)
		}
	}
	// An explanation alone does not say its code: any of the vendor's
	// answers may have made it.
	return l.Recorded(msg, "rest.cert_check.", "vendors."+string(c.Vendor)+".", "vendors.answer.", "rest.vendor.")
}
