package views

import (
	"context"

	"github.com/pushcheck/pushcheck/models/i18n"
)

// The page's words come from the request's Localizer (models/i18n),
// which the handlers' middleware puts in the context templ renders with.
// The IDs are written literally at each call so that the catalogue test
// finds them.

// T is a message without arguments.
func T(ctx context.Context, id string) string { return i18n.From(ctx).T(id) }

// Tf is a message with named arguments as name, value pairs.
func Tf(ctx context.Context, id string, pairs ...any) string {
	return i18n.From(ctx).Tf(id, pairs...)
}

// Tn is a message whose form follows the count n.
func Tn[N ~int | ~int64](ctx context.Context, id string, n N, pairs ...any) string {
	return i18n.From(ctx).Tn(id, int64(n), pairs...)
}

// Lang is the page's language tag for <html lang>.
func Lang(ctx context.Context) string { return string(i18n.From(ctx).Lang()) }

// Number writes a count with the language's digit grouping.
func Number[N ~int | ~int64](ctx context.Context, n N) string {
	return i18n.From(ctx).Number(int64(n))
}
