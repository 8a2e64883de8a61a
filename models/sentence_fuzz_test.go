package models_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/pushcheck/pushcheck/models"
)

// FuzzSentence: the first character is upper-cased and the rest kept as
// it is; a valid phrase stays valid UTF-8.
func FuzzSentence(f *testing.F) {
	for _, s := range []string{
		// Verdict summaries and causes (models/verdict.go).
		"2 of 3 devices can receive offline push; the OPPO PHB110 has no channel ID",
		"no devices registered: the app never reported a push token for this user",
		"the only device cannot receive offline push",
		"ésta no", "ımsak", "ǆemal", "小米 14 has notifications off", "\xffx", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := models.Sentence(s)
		if !utf8.ValidString(s) {
			return // the console's phrases are generated text
		}
		if !utf8.ValidString(out) {
			t.Fatalf("Sentence(%q) = %q, not valid UTF-8", s, out)
		}
		if s == "" {
			if out != "" {
				t.Fatalf("Sentence(\"\") = %q", out)
			}
			return
		}
		r, n := utf8.DecodeRuneInString(s)
		if want := string(unicode.ToUpper(r)) + s[n:]; out != want {
			t.Fatalf("Sentence(%q) = %q, want %q", s, out, want)
		}
		if !strings.HasSuffix(out, s[n:]) {
			t.Fatalf("Sentence(%q) changed more than the first character: %q", s, out)
		}
	})
}
