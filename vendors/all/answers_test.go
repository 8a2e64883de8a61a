package all_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
	"github.com/pushcheck/pushcheck/vendors"
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
	seen := map[string]bool{}
	want := map[string]string{}
	for prefix, c := range answers {
		seen[strings.Split(prefix, ".")[1]] = true
		want[prefix+".explanation"] = c.Explanation
		if c.Fix != "" {
			want[prefix+".fix"] = c.Fix
		}
	}
	if len(seen) != len(models.AllVendors()) || len(answers) < 200 {
		t.Fatalf("the tables of %d vendors, %d answers: Answers misses some", len(seen), len(answers))
	}
	receipts := all.Receipts()
	if len(receipts) < 40 {
		t.Fatalf("%d receipt results: Receipts misses some", len(receipts))
	}
	for id, text := range receipts {
		want[id] = text
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
		if !strings.HasPrefix(id, "vendors.") || !fromTable(id) {
			continue
		}
		if _, ok := want[id]; !ok {
			t.Errorf("%s is in the catalogues but in no vendor's table", id)
		}
	}
}

// fromTable tells the IDs of table entries from the fixed words every
// vendor shares (vendors.answer, a receipt's "delivered").
func fromTable(id string) bool {
	if strings.HasPrefix(id, "vendors.answer.") {
		return false
	}
	if !strings.Contains(id, ".receipt.") {
		return true
	}
	last := id[strings.LastIndex(id, ".")+1:]
	return strings.Trim(last, "0123456789") == ""
}

// The words every vendor's call may end in, and the receipts' words
// outside the tables, are read back in Chinese as the code writes them.
func TestFixedAnswersAreReadBackInChinese(t *testing.T) {
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	en, zh := catalog.Localizer(models.LanguageEnglish), catalog.Localizer(models.LanguageChinese)
	results := []vendors.Result{
		vendors.NetworkFailure(vendors.Result{}, "Huawei", context.DeadlineExceeded, 10*time.Second, "push-api.cloud.huawei.com"),
		vendors.NetworkFailure(vendors.Result{}, "FCM", errors.New("dial tcp 142.250.0.1:443: connect: connection refused"), time.Second, "fcm.googleapis.com", "oauth2.googleapis.com"),
		vendors.UnusableCertificate(errors.New("no sandbox connector")),
		vendors.DryRunNotSent(vendors.Result{}, "OPPO"),
		vendors.DryRunValidated(vendors.Result{}, "FCM"),
		vendors.UnreadableAnswer(vendors.Result{}, "vivo", vendors.Exchange{Status: 502}),
		vendors.Result{}.WithCode(vendors.Explain(map[string]vendors.Code{}, "Huawei", "80399999", "odd", "Huawei's Push Kit error-code reference")),
	}
	texts := map[string][]string{}
	for _, r := range results {
		for _, text := range []string{r.Explanation, r.Fix} {
			if text != "" {
				texts[text] = []string{"vendors.answer."}
			}
		}
	}
	hms, err := vendors.ReadHMSReceipts([]byte(`{"statuses":[{"biTag":"d","token":"t","status":0},{"biTag":"d","token":"t","status":2},{"biTag":"d","token":"t","status":999}]}`), models.VendorHuawei)
	if err != nil || len(hms) != 3 {
		t.Fatalf("HMS receipts: %v %v", hms, err)
	}
	for _, r := range hms {
		texts[r.Explanation] = []string{"vendors.huawei.receipt.", "vendors.receipt."}
	}
	for text, prefixes := range texts {
		if got := zh.Recorded(text, prefixes...); got == text || !hasHan(got) {
			t.Errorf("%q is not read back in Chinese: %q", text, got)
		}
		if got := en.Recorded(text, prefixes...); got != text {
			t.Errorf("%q reads back in English as %q", text, got)
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
