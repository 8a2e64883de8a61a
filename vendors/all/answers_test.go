package all_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
	"github.com/pushcheck/pushcheck/vendors/all"
)

// Every entry of every vendor's code table has its explanation and fix in
// both catalogues, the English word for word as the table writes it (a
// page finds the Chinese by the stored English), the Chinese in Chinese.
func TestEveryVendorAnswerIsInBothCatalogues(t *testing.T) {
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	en, zh := catalog.Localizer(models.LanguageEnglish), catalog.Localizer(models.LanguageChinese)
	answers := all.Answers()
	vendors := map[string]bool{}
	want := map[string]string{}
	for prefix, c := range answers {
		vendors[strings.Split(prefix, ".")[1]] = true
		want[prefix+".explanation"] = c.Explanation
		if c.Fix != "" {
			want[prefix+".fix"] = c.Fix
		}
	}
	if len(vendors) != len(models.AllVendors()) || len(answers) < 200 {
		t.Fatalf("the tables of %d vendors, %d answers: Answers misses some", len(vendors), len(answers))
	}
	for id, english := range want {
		if got := en.T(id); got != english {
			t.Errorf("%s: vendors.en.toml has %q, the table %q", id, got, english)
		}
		if got := zh.T(id); got == id || !hasHan(got) {
			t.Errorf("%s: vendors.zh-CN.toml has %q", id, got)
		}
	}
	// And no catalogue entry outlives its code.
	ids, err := i18n.IDs(models.LanguageEnglish)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if !strings.HasPrefix(id, "vendors.") || strings.HasPrefix(id, "vendors.answer.") || strings.HasPrefix(id, "vendors.receipt.") || strings.Contains(id, ".receipt.") {
			continue
		}
		if _, ok := want[id]; !ok {
			t.Errorf("%s is in the catalogues but in no vendor's table", id)
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
