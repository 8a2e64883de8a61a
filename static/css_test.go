package static

import (
	"regexp"
	"strings"
	"testing"
)

// Every rule of the stylesheets closes: one unclosed brace (a merge can
// leave one) silently swallows every rule after it, the responsive and
// dark-mode ones included.
func TestStylesheetsCloseEveryRule(t *testing.T) {
	comments := regexp.MustCompile(`(?s)/\*.*?\*/`)
	entries, err := FS.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".css") {
			continue
		}
		raw, err := FS.ReadFile(e.Name())
		if err != nil {
			t.Fatal(err)
		}
		depth := 0
		// Comments become their newlines, so line numbers stay true.
		text := comments.ReplaceAllStringFunc(string(raw), func(c string) string { return strings.Repeat("\n", strings.Count(c, "\n")) })
		for i, line := range strings.Split(text, "\n") {
			for _, r := range line {
				switch r {
				case '{':
					depth++
				case '}':
					depth--
				}
			}
			if depth < 0 || depth > 2 {
				t.Fatalf("%s:%d: braces nest %d deep", e.Name(), i+1, depth)
			}
		}
		if depth != 0 {
			t.Errorf("%s: %d rule(s) left open", e.Name(), depth)
		}
	}
}
