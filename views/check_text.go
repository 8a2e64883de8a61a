package views

import (
	"context"
	"strconv"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

// The verdict's checks and the lint findings carry their sentences as
// catalogued texts beside the English (models.Text); pages say them in
// the reader's language, or the stored English when a check or finding
// has none (stored before, or not translated yet).

// CheckEvidence is what a check saw.
func CheckEvidence(ctx context.Context, c models.Check) string {
	if c.Texts == nil {
		return c.Evidence
	}
	return i18n.From(ctx).Say(&c.Texts.Evidence, c.Evidence)
}

// CheckFix is what to do about a check that did not pass.
func CheckFix(ctx context.Context, c models.Check) string {
	if c.Texts == nil {
		return c.Fix
	}
	return i18n.From(ctx).Say(c.Texts.Fix, c.Fix)
}

// CheckCause is a failure in a few words, after the device's name.
func CheckCause(ctx context.Context, c models.Check) string {
	if c.Texts == nil {
		return c.Cause
	}
	return i18n.From(ctx).Say(c.Texts.Cause, c.Cause)
}

// LintMessage is a lint finding's sentence.
func LintMessage(ctx context.Context, w models.Warning) string {
	return i18n.From(ctx).Say(w.Text, w.Message)
}

// summaryCauses are the devices the summary names, after its count, in
// the page's language: "；OPPO PHB110 未上报证书 ID；另有 2 台".
func summaryCauses(ctx context.Context, v models.Verdict) string {
	named, more, note := v.Blamed()
	s := ""
	for _, b := range named {
		cause := Tf(ctx, "verdict.blame.cause", "Device", VerdictDeviceName(ctx, b.Device), "Cause", CheckCause(ctx, b.Check))
		if note {
			cause = Tf(ctx, "verdict.blame.note", "Device", VerdictDeviceName(ctx, b.Device), "Cause", CheckCause(ctx, b.Check))
		}
		s += T(ctx, "common.semicolon") + cause
	}
	if more > 0 {
		s += T(ctx, "common.semicolon") + Tf(ctx, "verdict.blame.more", "More", strconv.Itoa(more))
	}
	return s
}
