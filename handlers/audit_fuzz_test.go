package handlers

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
)

// FuzzAuditFilter reads any query as the audit page and API do. A refusal
// is invalid_argument; a filter has valid UTF-8 text when the query is, a
// trimmed actor, and reads back the same from the query its own values
// make.
func FuzzAuditFilter(f *testing.F) {
	for _, q := range []string{
		"", "action=push.send", "actor=+admin%40example.com+&app=1", "from=2026-11-22&to=2026-11-22&before=340",
		"from=2026-11-22T10:00:00Z&to=2026-11-22T23:59:59.999%2B08:00", "app=one", "before=9223372036854775808",
		"to=yesterday", "action=%E7%99%BB%E5%BD%95&actor=%ff", "from=0000-01-01&to=9999-12-31",
	} {
		f.Add(q)
	}
	e := echo.New()
	f.Fuzz(func(t *testing.T, rawQuery string) {
		af, err := auditFilter(queryContext(e, "/audit", rawQuery))
		if err != nil {
			requireInvalid(t, err)
			return
		}
		if af.Actor != strings.TrimSpace(af.Actor) || (queryUTF8(rawQuery) && (!utf8.ValidString(af.Action) || !utf8.ValidString(af.Actor))) {
			t.Fatalf("filter text %q, %q from %q", af.Action, af.Actor, rawQuery)
		}
		q := url.Values{"action": {af.Action}, "actor": {af.Actor}}
		if af.AppID != 0 {
			q.Set("app", strconv.FormatInt(af.AppID, 10))
		}
		if af.Before != 0 {
			q.Set("before", strconv.FormatInt(af.Before, 10))
		}
		for k, at := range map[string]time.Time{"from": af.From, "to": af.To} {
			if at.Year() < 0 || at.Year() > 9999 {
				return // "to=9999-12-31" is the next day: no RFC 3339 to write it back in
			}
			if !at.IsZero() {
				q.Set(k, at.Format(time.RFC3339Nano))
			}
		}
		back, err := auditFilter(queryContext(e, "/audit", q.Encode()))
		if err != nil || back.Action != af.Action || back.Actor != af.Actor || back.AppID != af.AppID || back.Before != af.Before ||
			!back.From.Equal(af.From) || !back.To.Equal(af.To) {
			t.Fatalf("%q read back from %q: %v\n%+v\n%+v", q.Encode(), rawQuery, err, af, back)
		}
	})
}
