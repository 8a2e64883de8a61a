package models_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pushcheck/pushcheck/models"
)

// FuzzTruncateUTF8: the result is a prefix of s within max bytes, s itself
// when it fits, valid UTF-8 when s is, and at most three bytes (the rest
// of one character) shorter than max.
func FuzzTruncateUTF8(f *testing.F) {
	for _, seed := range []struct {
		s   string
		max int
	}{
		// A browser's user agent, as sessions store it (200 bytes).
		{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", 200},
		// A user agent with a character across byte 200: sessions cut it
		// to 200 bytes, "\xe5\xb0" and all, before TruncateUTF8.
		{"Mozilla/5.0 (Linux; U; Android 14; zh-cn; Xiaomi 14 Build/UKQ1.230804.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/109.0.5414.118 Mobile Safari/537.36 XiaoMi/MiuiBrowser/18.5.40902 小米浏览器", 200},
		{"令牌", 4}, {"😀😀", 5}, {"a\xff\xfe", 2}, {"\x80\x80\x80\x80\x80", 3}, {"", 0}, {"abc", -1},
	} {
		f.Add(seed.s, seed.max)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		out := models.TruncateUTF8(s, max)
		switch {
		case !strings.HasPrefix(s, out):
			t.Fatalf("%q is not a prefix of %q", out, s)
		case len(s) <= max && out != s:
			t.Fatalf("%q fits in %d bytes, yet cut to %q", s, max, out)
		case len(out) > max && out != "":
			t.Fatalf("%d bytes, over %d", len(out), max)
		case utf8.ValidString(s) && !utf8.ValidString(out):
			t.Fatalf("cut %q inside a character: %q", s, out)
		case utf8.ValidString(s) && len(s) > max && len(out) < max-(utf8.UTFMax-1):
			t.Fatalf("cut %q to %d bytes, more than a character short of %d", s, len(out), max)
		}
	})
}
