package i18n_test

import (
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

// Every span renders as words in both languages, one included (a
// message without the plural form asked for shows its ID instead).
func TestSpansRenderForOneAndMany(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range models.Languages() {
		loc := c.Localizer(l)
		for _, d := range []time.Duration{time.Second, 2 * time.Second, time.Minute, 3 * time.Minute, time.Hour, 5 * time.Hour, 24 * time.Hour, 72 * time.Hour} {
			if s := loc.Span(d); s == "" || s[0] == 't' && len(s) > 5 && s[:5] == "time." {
				t.Errorf("%s: %v renders as %q", l, d, s)
			}
		}
	}
}
