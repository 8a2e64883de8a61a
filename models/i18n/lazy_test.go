package i18n

import (
	"slices"
	"sync"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// A language is loaded when a request first asks for it, always with
// English as its fallback, and requests in both languages may arrive at
// once (run with -race).
func TestLanguagesLoadWhenFirstAsked(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := c.current.Load().langs; len(got) != 0 {
		t.Fatalf("loaded at start: %v", got)
	}
	// A request's Localizer loads nothing until it says something.
	c.Localizer(models.LanguageChinese)
	if got := c.current.Load().langs; len(got) != 0 {
		t.Fatalf("loaded for a Localizer that said nothing: %v", got)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		lang := models.LanguageEnglish
		if i%2 == 1 {
			lang = models.LanguageChinese
		}
		wg.Go(func() {
			want := map[models.Language]string{models.LanguageEnglish: "Devices", models.LanguageChinese: "设备"}[lang]
			if got := c.Localizer(lang).T("nav.devices"); got != want {
				t.Errorf("%s: %q, want %q", lang, got, want)
			}
		})
	}
	wg.Wait()
	got := c.current.Load().langs
	if len(got) != 2 || !slices.Contains(got, models.LanguageEnglish) || !slices.Contains(got, models.LanguageChinese) {
		t.Fatalf("loaded: %v", got)
	}

	// Chinese first: English comes with it, for the messages Chinese lacks.
	c, err = Load()
	if err != nil {
		t.Fatal(err)
	}
	c.Localizer(models.LanguageChinese).T("nav.devices")
	if got := c.current.Load().langs; !slices.Equal(got, []models.Language{models.LanguageEnglish, models.LanguageChinese}) {
		t.Fatalf("loaded with Chinese: %v", got)
	}
}
