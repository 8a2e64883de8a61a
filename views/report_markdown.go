package views

import (
	"context"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

// ReportMarkdown is the ticket copy ("Copy report", a report's /markdown)
// in the reader's language: the checks say their texts as the page does.
// English readers get models.Verdict.Markdown as the API returns it.
func ReportMarkdown(ctx context.Context, v models.Verdict, appName, permalink string) string {
	if i18n.From(ctx).Lang() == models.LanguageEnglish {
		return v.Markdown(appName, permalink)
	}
	return v.MarkdownIn(pageReport{ctx}, appName, permalink)
}

// pageReport are the Markdown's words in the page's language.
type pageReport struct{ ctx context.Context }

func (r pageReport) Heading(user, app string) string {
	ctx := r.ctx
	return Tf(ctx, "rest.markdown.heading", "User", user, "App", app)
}

func (r pageReport) Checked(at time.Time, summary string) string {
	ctx := r.ctx
	return Tf(ctx, "rest.markdown.checked", "At", at.UTC().Format("2006-01-02 15:04"), "Summary", summary)
}

func (r pageReport) Missed(m models.MissedMessage) string {
	ctx := r.ctx
	s := Tf(ctx, "rest.markdown.missed", "Type", m.Type)
	if m.Desc == "" {
		s += T(ctx, "rest.markdown.no_desc")
	}
	if !m.At.IsZero() {
		s += Tf(ctx, "rest.markdown.sent", "At", m.At.Format(time.RFC3339))
	}
	return s
}

func (r pageReport) Summary(v models.Verdict) string { return verdictSummary(r.ctx, v) }
func (r pageReport) DeviceName(name string) string   { return VerdictDeviceName(r.ctx, name) }
func (r pageReport) Title(c models.Check) string     { return CheckTitle(r.ctx, c) }
func (r pageReport) Evidence(c models.Check) string  { return CheckEvidence(r.ctx, c) }
func (r pageReport) Fix(c models.Check) string       { return CheckFix(r.ctx, c) }

func (r pageReport) Colon() string {
	ctx := r.ctx
	return T(ctx, "common.colon")
}

func (r pageReport) Problem(title, evidence, fix string) string {
	ctx := r.ctx
	return Tf(ctx, "rest.markdown.problem", "Title", title, "Evidence", evidence, "Fix", fix)
}

func (r pageReport) Report(link string) string {
	ctx := r.ctx
	return Tf(ctx, "rest.markdown.report", "Link", link)
}
