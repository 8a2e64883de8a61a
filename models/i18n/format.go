package i18n

import (
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/pushcheck/pushcheck/models"
)

// Span is a duration the way people say it: "3h" in English, "3 小时" in
// Chinese, in its largest unit like models.HumanDuration.
func (l *Localizer) Span(d time.Duration) string {
	switch n, unit := models.DurationParts(d); unit {
	case "s":
		return l.Tn("time.seconds", n)
	case "m":
		return l.Tn("time.minutes", n)
	case "h":
		return l.Tn("time.hours", n)
	default:
		return l.Tn("time.days", n)
	}
}

// Ago is a past time relative to now: "3h ago", "3 小时前".
func (l *Localizer) Ago(now, t time.Time) string {
	switch {
	case t.IsZero():
		return l.T("time.never")
	case now.Sub(t) < 5*time.Second:
		return l.T("time.just_now")
	}
	return l.Tf("time.ago", "Span", l.Span(now.Sub(t)))
}

// In is a future time relative to now: "in 5h", "5 小时后".
func (l *Localizer) In(now, t time.Time) string {
	return l.Tf("time.in", "Span", l.Span(t.Sub(now)))
}

// Date is a day: 2026-11-30 in English (unambiguous in tickets),
// 2026年11月30日 in Chinese.
func (l *Localizer) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if l.Chinese() {
		return t.UTC().Format("2006年1月2日")
	}
	return t.UTC().Format("2006-01-02")
}

// DateTime is a moment in UTC, for titles and reports.
func (l *Localizer) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if l.Chinese() {
		return t.UTC().Format("2006年1月2日 15:04:05 UTC")
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// Number writes a count with the language's digit grouping: 12,345.
func (l *Localizer) Number(n int64) string {
	return message.NewPrinter(language.MustParse(string(l.Lang()))).Sprint(n)
}
