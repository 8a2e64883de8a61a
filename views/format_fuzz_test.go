package views_test

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// FuzzDeviceListLinks builds the devices list's links (a filter chip,
// Next ›) from any current query, as listDevices keeps it, and reads them
// back with models.ParseDeviceFilter: a link is ASCII, drops the old
// cursor, and carries the current filters with only its own one changed.
func FuzzDeviceListLinks(f *testing.F) {
	for _, seed := range []struct {
		query, key, value string
		next              int64
	}{
		{"vendor=oppo&state=stale", "state", "background", 0},
		{"q=alice&before=120", "vendor", "huawei", 70},
		{"platform=android&certificate_id=%2310003&q=%E5%9B%9E%E6%89%A7", "q", "", 9},
		{"", "vendor", "", 1},
		{"q=a%26b%3Dc&state=kicked", "platform", "web", 9223372036854775807},
		{"q=%ff", "state", "foreground", 2},
	} {
		f.Add(seed.query, seed.key, seed.value, seed.next)
	}
	keys := []string{"vendor", "state", "platform", "certificate_id", "q", "before"}
	f.Fuzz(func(t *testing.T, rawQuery, key, value string, next int64) {
		query, _ := url.ParseQuery(rawQuery)
		current := map[string]string{}
		for _, k := range keys {
			current[k] = query.Get(k)
		}
		check := func(link, key, value string) url.Values {
			path, q, _ := strings.Cut(link, "?")
			if path != "/apps/1/devices" || strings.IndexFunc(link, func(r rune) bool { return r >= utf8.RuneSelf || r <= ' ' }) >= 0 {
				t.Fatalf("link %q", link)
			}
			got, err := url.ParseQuery(q)
			if err != nil {
				t.Fatalf("link %q: %v", link, err)
			}
			for _, k := range keys {
				want := current[k]
				if k == "before" {
					want = ""
				}
				if k == key {
					want = value
				}
				if got.Get(k) != want {
					t.Fatalf("link %q: %s = %q, want %q", link, k, got.Get(k), want)
				}
			}
			return got
		}
		if slices.Contains(keys[:5], key) { // the chips; before is Next's
			check(views.FilterLink(1, current, key, value), key, value)
		}
		if next <= 0 {
			return
		}
		got := check(views.NextLink(1, current, next), "before", strconv.FormatInt(next, 10))
		if df, err := models.ParseDeviceFilter(got.Get); err == nil && df.Before != next {
			t.Fatalf("Next › cursor %d reads back as %d", next, df.Before)
		}
	})
}
