package views

import (
	"context"
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

func TestCountLabelMarksLowerBounds(t *testing.T) {
	for _, c := range []struct {
		n       int64
		atLeast bool
		want    string
	}{
		{0, false, "0"}, {12345, false, "12345"}, {10000, true, "10,000+"}, {999, true, "999+"}, {1234567, true, "1,234,567+"},
	} {
		if got := CountLabel(c.n, c.atLeast); got != c.want {
			t.Errorf("CountLabel(%d, %v) = %q, want %q", c.n, c.atLeast, got, c.want)
		}
	}
}

// languageContext is a context carrying one language's Localizer, as the
// handlers' middleware sets it.
func languageContext(t *testing.T, l models.Language) context.Context {
	t.Helper()
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return i18n.With(context.Background(), catalog.Localizer(l))
}

func TestCountsSayOneOrMany(t *testing.T) {
	en, zh := languageContext(t, models.LanguageEnglish), languageContext(t, models.LanguageChinese)
	for _, c := range []struct{ got, want string }{
		{allDevices(en, 1), "its only device"},
		{allDevices(en, 4), "all 4 devices"},
		{lintCounts(en, 1, 0), "1 blocker"},
		{lintCounts(en, 0, 2), "2 warnings"},
		{lintCounts(en, 2, 1), "2 blockers, 1 warning"},
		{allDevices(zh, 4), "全部 4 台设备"},
		{lintCounts(zh, 2, 1), "2 个阻断问题，1 个警告"},
		{Tn(en, "device.unread", 1), "1 unread"},
		{Tn(zh, "device.unread", 3), "3 条未读"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
