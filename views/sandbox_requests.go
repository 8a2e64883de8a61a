package views

import (
	"context"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

// SandboxVerdictLabel is a sandbox request's verdict in the page's
// language.
func SandboxVerdictLabel(ctx context.Context, v models.SandboxVerdict) string {
	switch v {
	case models.VerdictAccepted:
		return T(ctx, "sandboxlog.verdict.accepted")
	case models.VerdictRefusedAuth:
		return T(ctx, "sandboxlog.verdict.refused-auth")
	case models.VerdictRefusedRule:
		return T(ctx, "sandboxlog.verdict.refused-rule")
	}
	return T(ctx, "sandboxlog.verdict.error")
}

// FindingMessage is a broken rule's or a note's sentence in the reader's
// language: a note's catalogued text, or a vendor code's words as the
// catalogues keep them (views/answers.go).
func FindingMessage(ctx context.Context, v models.Vendor, f models.Finding) string {
	if f.Text != nil {
		return i18n.From(ctx).Say(f.Text, f.Message)
	}
	return i18n.From(ctx).Recorded(f.Message, answerPrefixes(v, f.Code)...)
}

// SandboxExplanation is a request's answer explained, or why its
// credentials were refused, in the reader's language.
func SandboxExplanation(ctx context.Context, r models.SandboxRequest) string {
	text := r.Explanation
	if r.AuthProblem != "" {
		text = r.AuthProblem
	}
	return i18n.From(ctx).Recorded(text, answerPrefixes(r.Vendor, r.Code)...)
}

// SandboxNextLink is the request log's next page with the same filters.
func SandboxNextLink(appID int64, values map[string]string, before int64) string {
	return nextLink(AppPath(appID, "/sandbox/requests"), values, before)
}

// sandboxCertificates are the app's sandbox certificates, which the
// emulators accept.
func sandboxCertificates(certs []models.Certificate) []models.Certificate {
	var out []models.Certificate
	for _, c := range certs {
		if c.Sandboxed() {
			out = append(out, c)
		}
	}
	return out
}
