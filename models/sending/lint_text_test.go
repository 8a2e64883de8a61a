package sending

import (
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

// The message's and the quota's findings say in en.toml what the code
// says in English (the API's), and have Chinese.
func TestLintFindingsOfTheDispatcherHaveTexts(t *testing.T) {
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	en, zh := catalog.Localizer(models.LanguageEnglish), catalog.Localizer(models.LanguageChinese)
	at := time.Date(2026, 11, 21, 4, 0, 0, 0, time.UTC)
	limit := 100
	cert := models.Certificate{ID: 10001, Vendor: models.VendorOPPO}
	found := messageLint(models.PushRequest{Ext: "not json"})
	for _, u := range []models.QuotaUsage{
		{Class: models.ClassMarketing, Sent: 3, ExhaustedAt: &at, ExhaustedCode: "33"},
		{Class: models.ClassService, Sent: 100, Limit: &limit},
		{Class: models.ClassService, Sent: 85, Limit: &limit},
	} {
		found = append(found, quotaLint(cert, u)...)
	}
	if len(found) != 5 {
		t.Fatalf("want 5 findings, got %+v", found)
	}
	for _, w := range found {
		if w.Text == nil {
			t.Errorf("%s has no text", w.Code)
			continue
		}
		if got := en.SayText(*w.Text); got != w.Message {
			t.Errorf("%s: en.toml says\n\t%q\nthe code says\n\t%q", w.Code, got, w.Message)
		}
		if got := zh.Say(w.Text, w.Message); got == w.Message || got == "" {
			t.Errorf("%s: no Chinese: %q", w.Code, got)
		}
	}
}
