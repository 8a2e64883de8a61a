package i18n_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

// lookup is a message lookup with a literal ID: T(ctx, "nav.devices") in
// templates, loc.Tf("flash.x", …) in Go.
var lookup = regexp.MustCompile(`\bT[fn]?\((?:ctx, )?"([^"]*)"`)

// anyLookup is every call of T, Tf or Tn, literal or not.
var anyLookup = regexp.MustCompile(`(?:^|[^\w])T[fn]?\(`)

// sourceLookups reads the IDs every template and Go file of the module
// looks up, by file. A lookup whose ID is not a literal is an error: the
// test could not vouch for it.
func sourceLookups(t *testing.T) map[string][]string {
	t.Helper()
	root := filepath.Join("..", "..")
	found := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "data" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		generated := strings.HasSuffix(path, "_templ.go")
		if d.IsDir() || generated || strings.HasSuffix(path, "_test.go") || !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".templ")) {
			return nil
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for n, line := range strings.Split(string(raw), "\n") {
			literal := lookup.FindAllStringSubmatch(line, -1)
			for _, m := range literal {
				found[path] = append(found[path], m[1])
			}
			if calls := len(anyLookup.FindAllString(line, -1)); calls > len(literal) && !definesLookup(line) {
				t.Errorf("%s:%d: a T/Tf/Tn call without a literal message ID: %s", path, n+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// definesLookup skips the lines that declare or forward T, Tf and Tn.
func definesLookup(line string) bool {
	return strings.HasPrefix(line, "func ") || strings.Contains(line, ".T(id)") || strings.Contains(line, ".Tf(id,") || strings.Contains(line, ".Tn(id,")
}

func catalogueIDs(t *testing.T, l models.Language) map[string]bool {
	t.Helper()
	ids, err := i18n.IDs(l)
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]bool{}
	for _, id := range ids {
		set[id] = true
	}
	return set
}

func TestEveryLookedUpMessageIsInEveryCatalogue(t *testing.T) {
	found := sourceLookups(t)
	if len(found) < 5 {
		t.Fatalf("found lookups in only %d files: the scan is broken", len(found))
	}
	for _, l := range models.Languages() {
		ids := catalogueIDs(t, l)
		for path, used := range found {
			for _, id := range used {
				if !ids[id] {
					t.Errorf("%s looks up %q, which locales/%s.toml lacks", path, id, l)
				}
			}
		}
	}
}

func TestCataloguesHaveTheSameMessages(t *testing.T) {
	en, zh := catalogueIDs(t, models.LanguageEnglish), catalogueIDs(t, models.LanguageChinese)
	for id := range en {
		if !zh[id] {
			t.Errorf("%q is in en.toml but not in zh-CN.toml", id)
		}
	}
	for id := range zh {
		if !en[id] {
			t.Errorf("%q is in zh-CN.toml but not in en.toml", id)
		}
	}
}

// Every message renders in both languages: a broken {{.Name}} in one
// catalogue shows up here, not on a page.
func TestEveryMessageRenders(t *testing.T) {
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range models.Languages() {
		loc := catalog.Localizer(l)
		ids := catalogueIDs(t, l)
		for id := range ids {
			if got := loc.Tn(id, 2); got == id || got == "" {
				t.Errorf("%s: %q renders as %q", l, id, got)
			}
		}
	}
}

func TestChooseFollowsTheOperatorThenTheBrowser(t *testing.T) {
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		chosen models.Language
		header string
		want   models.Language
	}{
		{models.LanguageAuto, "", models.LanguageEnglish},
		{models.LanguageAuto, "zh-CN,zh;q=0.9,en;q=0.8", models.LanguageChinese},
		{models.LanguageAuto, "zh", models.LanguageChinese},
		{models.LanguageAuto, "en-US,en;q=0.9", models.LanguageEnglish},
		{models.LanguageAuto, "fr-FR", models.LanguageEnglish},
		{models.LanguageAuto, "fr-FR,zh-CN;q=0.5", models.LanguageChinese},
		{models.LanguageAuto, "garbage;;q=x", models.LanguageEnglish},
		{models.LanguageEnglish, "zh-CN", models.LanguageEnglish},
		{models.LanguageChinese, "en-US", models.LanguageChinese},
	} {
		if got := catalog.Choose(c.chosen, c.header); got != c.want {
			t.Errorf("Choose(%q, %q) = %q, want %q", c.chosen, c.header, got, c.want)
		}
	}
}

func TestFormatsFollowTheLanguage(t *testing.T) {
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	en, zh := catalog.Localizer(models.LanguageEnglish), catalog.Localizer(models.LanguageChinese)
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct{ got, want string }{
		{en.Ago(now, now.Add(-3*time.Hour)), "3h ago"},
		{zh.Ago(now, now.Add(-3*time.Hour)), "3 小时前"},
		{zh.Ago(now, now), "刚刚"},
		{zh.Ago(now, time.Time{}), "从未"},
		{en.In(now, now.Add(5*time.Minute)), "in 5m"},
		{zh.In(now, now.Add(5*time.Minute)), "5 分钟后"},
		{en.Date(now), "2026-11-30"},
		{zh.Date(now), "2026年11月30日"},
		{zh.DateTime(now), "2026年11月30日 12:00:00 UTC"},
		{en.Number(1234567), "1,234,567"},
		{zh.Number(12345), "12,345"},
		{string(zh.Lang()), "zh-CN"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestSourceScanFindsAKnownLookup(t *testing.T) {
	found := sourceLookups(t)
	layout := found[filepath.Join("..", "..", "views", "layout.templ")]
	if !slices.Contains(layout, "nav.devices") {
		t.Fatalf("the scan missed nav.devices in views/layout.templ: %v", layout)
	}
}
