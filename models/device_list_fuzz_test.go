package models_test

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pushcheck/pushcheck/models"
)

// FuzzParseDeviceFilter reads any query as the devices list does. A
// refusal is invalid_argument; a filter has known values, a page size of
// 1 to 500, a positive cursor and certificate or none, a trimmed query
// that is valid UTF-8 when the URL's is, and reads back the same from the
// query its own values make (the list's links).
func FuzzParseDeviceFilter(f *testing.F) {
	for _, q := range []string{
		"", "vendor=oppo&state=stale", "state=background&platform=android&certificate_id=%2310003", "q=+alice+&before=120&limit=50",
		"q=4F2A9C1E", "q=%E5%9B%9E%E6%89%A7", "q=%ff", "vendor=nokia", "state=asleep", "platform=symbian",
		"certificate_id=0", "before=-5", "limit=501", "limit=1&before=9223372036854775807",
	} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, rawQuery string) {
		query, _ := url.ParseQuery(rawQuery)
		df, err := models.ParseDeviceFilter(query.Get)
		if err != nil {
			if e, ok := models.AsError(err); !ok || e.Code != models.CodeInvalid {
				t.Fatalf("refusal %T: %v", err, err)
			}
			return
		}
		states := []string{models.StateFilterStale}
		for _, s := range models.AllStates() {
			states = append(states, string(s))
		}
		switch {
		case df.Vendor != "" && !df.Vendor.Valid(),
			df.State != "" && !slices.Contains(states, df.State),
			df.Platform != "" && !slices.Contains(models.AllPlatforms(), df.Platform),
			df.Limit < 1 || df.Limit > 500, df.Before < 0, df.CertificateID < 0,
			df.Query != strings.TrimSpace(df.Query),
			utf8.ValidString(query.Get("q")) && !utf8.ValidString(df.Query):
			t.Fatalf("filter %+v from %q", df, rawQuery)
		}
		q := url.Values{"q": {df.Query}, "vendor": {string(df.Vendor)}, "state": {df.State}, "platform": {string(df.Platform)},
			"limit": {strconv.Itoa(df.Limit)}}
		if df.CertificateID != 0 {
			q.Set("certificate_id", strconv.FormatInt(df.CertificateID, 10))
		}
		if df.Before != 0 {
			q.Set("before", strconv.FormatInt(df.Before, 10))
		}
		back, err := models.ParseDeviceFilter(q.Get)
		if err != nil || back != df {
			t.Fatalf("%q read back from %q: %v\n%+v\n%+v", q.Encode(), rawQuery, err, df, back)
		}
	})
}

// FuzzTokenPrefixRange: the range of a search is the search itself (APNs
// hex lower-cased, as stored) up to that plus U+10FFFF; a valid token
// falls in it exactly when it starts with the search, unless U+10FFFF
// itself follows (no vendor issues that). Valid UTF-8 in, valid out.
func FuzzTokenPrefixRange(f *testing.F) {
	for _, seed := range []struct{ search, token string }{
		{"4F2A", "4f2a9c1e4f2a9c1e4f2a9c1e4f2a9c1e4f2a9c1e4f2a9c1e4f2a9c1e4f2a9c1e"},
		{"dX3kP9fQ:APA91bH", "dX3kP9fQ:APA91bH-alice-pixel-8-token-k9"},
		{"IQAAAACy0", "IQAAAACy0bob-mate60-huawei-token"},
		{"mi:frank", "mi:kate/Redmi-Note-14-regid"},
		{"CN_", "CN_heidi0000findx7ultra"},
		{"令牌", "令牌-frank"}, {"", "vivo-kate-s19-regid"}, {"ab", "ab\U0010FFFF"}, {"ab", "ab\xff"},
	} {
		f.Add(seed.search, seed.token)
	}
	f.Fuzz(func(t *testing.T, search, token string) {
		lo, hi := models.TokenPrefixRange(search)
		hex := strings.Trim(search, "0123456789abcdefABCDEF") == ""
		if (lo != search && (!hex || lo != strings.ToLower(search))) || hi != lo+"\U0010FFFF" {
			t.Fatalf("range of %q: [%q, %q)", search, lo, hi)
		}
		if utf8.ValidString(search) && (!utf8.ValidString(lo) || !utf8.ValidString(hi)) {
			t.Fatalf("range of %q: [%q, %q) is not valid UTF-8", search, lo, hi)
		}
		if !utf8.ValidString(token) {
			return // stored tokens come from JSON: always valid UTF-8
		}
		in := lo <= token && token < hi
		starts := strings.HasPrefix(token, lo) && !strings.HasPrefix(token[len(lo):], "\U0010FFFF")
		if in != starts {
			t.Fatalf("token %q in [%q, %q): %v, starts with the search: %v", token, lo, hi, in, starts)
		}
	})
}
