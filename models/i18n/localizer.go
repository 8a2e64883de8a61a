package i18n

import (
	"context"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/pushcheck/pushcheck/models"
)

// Localizer is one language's messages and formats, carried in a
// request's context. A nil Localizer answers every message with its ID,
// so a page rendered without one shows the keys rather than failing.
type Localizer struct {
	lang models.Language
	// loc is made at the first message: every request carries a
	// Localizer, but most (device reports, /healthz) say nothing, and the
	// first message of a language loads its catalogue.
	loc      func() *goi18n.Localizer
	recorded func() []recorded
}

// Lang is the language's tag, for <html lang>.
func (l *Localizer) Lang() models.Language {
	if l == nil {
		return models.LanguageEnglish
	}
	return l.lang
}

// Chinese tells the formats which word order to use.
func (l *Localizer) Chinese() bool { return l.Lang() == models.LanguageChinese }

// T is a message without arguments.
func (l *Localizer) T(id string) string { return l.localize(id, nil, nil) }

// Tf is a message with named arguments, given as name, value pairs.
func (l *Localizer) Tf(id string, pairs ...any) string {
	return l.localize(id, args(pairs), nil)
}

// Tn is a message whose form follows the count n ({{.Count}}), with more
// named arguments as pairs.
func (l *Localizer) Tn(id string, n int64, pairs ...any) string {
	data := args(pairs)
	data["Count"] = n
	return l.localize(id, data, n)
}

func (l *Localizer) localize(id string, data map[string]any, count any) string {
	if l == nil {
		return id
	}
	s, err := l.loc().Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if err != nil {
		// A missing or broken message shows its ID, which the catalogue
		// tests catch before release; a page never fails for a word.
		return id
	}
	return s
}

func args(pairs []any) map[string]any {
	data := make(map[string]any, len(pairs)/2+1)
	for i := 0; i+1 < len(pairs); i += 2 {
		if name, ok := pairs[i].(string); ok {
			data[name] = pairs[i+1]
		}
	}
	return data
}

type contextKey struct{}

// With returns ctx carrying l.
func With(ctx context.Context, l *Localizer) context.Context {
	return context.WithValue(ctx, contextKey{}, l)
}

// From is the request's Localizer, nil when none was set.
func From(ctx context.Context) *Localizer {
	l, _ := ctx.Value(contextKey{}).(*Localizer)
	return l
}
