// Package i18n holds the console's message catalogues (English and
// Simplified Chinese, locales/*.toml) and the Localizer a request carries
// in its context. The Catalog is made once by web/ and passed down; it
// checks every catalogue at start and loads a language when a request
// first needs it. Handlers pick the language per request, views read it
// from the context.
//
// A message is looked up by a dotted ID that appears literally at the call
// (T(ctx, "nav.devices"), loc.T("nav.devices")), so catalogue_test.go can
// find every ID in the sources and fail when either catalogue lacks one.
// A message built with arguments names them in the catalogue as
// {{.Name}} and passes them as name, value pairs:
//
//	loc.Tf("verdict.summary", "Receiving", 2, "Total", 3)
//
// with en: "{{.Receiving}} of {{.Total}} devices can receive offline push"
// and zh-CN: "{{.Total}} 台设备中 {{.Receiving}} 台可收到离线推送", so each
// language orders the words its own way. Plural forms use Tn, whose count
// is {{.Count}}; Chinese has one form ("other"), English one and other.
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/pushcheck/pushcheck/models"
)

// locales are the catalogues: for each language, <tag>.toml and any
// number of <part>.<tag>.toml (pages, verdicts, vendors…), so that parts
// can be written apart; a message ID lives in exactly one part.
//
//go:embed locales/*.toml
var locales embed.FS

// Catalog is every language's messages. All catalogues are read and
// checked at start, then let go: a language's messages are loaded when a
// request first asks for it (with English, the fallback every language
// needs), so an idle console does not hold catalogues nobody reads
// (parsed, a language takes about 1.5 MB of heap, and an idle process's
// heap settles at about twice what it holds).
type Catalog struct {
	// current holds the languages loaded so far; it is never changed once
	// published, only replaced by one with a language more.
	current atomic.Pointer[loadedBundle]
	mu      sync.Mutex // serializes loading a language
	matcher language.Matcher
	// recorded are the English messages texts stored earlier are read
	// back by (Localizer.Recorded), indexed when first needed.
	recorded func() []recorded
}

// Load checks the embedded catalogues: each loads, and no English message
// ID is in two files (the recorded-text index reads English by ID; the
// catalogue tests check every language). English is the fallback for a
// message a catalogue lacks (the tests make sure none does).
func Load() (*Catalog, error) {
	if _, err := bundleOf(models.Languages()); err != nil {
		return nil, err // a broken catalogue fails the start, not a request
	}
	if _, err := messages(models.LanguageEnglish); err != nil {
		return nil, err
	}
	c := &Catalog{matcher: language.NewMatcher(tags())}
	c.current.Store(&loadedBundle{})
	c.recorded = sync.OnceValue(func() []recorded {
		english, err := messages(models.LanguageEnglish)
		if err != nil {
			panic(fmt.Sprintf("i18n: a catalogue checked at start no longer loads: %v", err))
		}
		return recordedTexts(english)
	})
	return c, nil
}

// loadedBundle is a bundle and the languages in it.
type loadedBundle struct {
	bundle *goi18n.Bundle
	langs  []models.Language
}

// bundleOf reads the catalogues of the given languages into one bundle.
func bundleOf(langs []models.Language) (*goi18n.Bundle, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, l := range langs {
		paths, err := files(l)
		if err != nil {
			return nil, err
		}
		for _, path := range paths {
			if _, err := b.LoadMessageFileFS(locales, path); err != nil {
				return nil, fmt.Errorf("i18n: load %s: %w", path, err)
			}
		}
	}
	return b, nil
}

// bundleWith is the bundle holding l, loading l first if no request has
// asked for it yet.
func (c *Catalog) bundleWith(l models.Language) *goi18n.Bundle {
	if cur := c.current.Load(); slices.Contains(cur.langs, l) {
		return cur.bundle
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	cur := c.current.Load()
	if slices.Contains(cur.langs, l) {
		return cur.bundle // loaded while this request waited
	}
	langs := slices.Clone(cur.langs)
	if len(langs) == 0 && l != models.LanguageEnglish {
		langs = append(langs, models.LanguageEnglish) // the fallback
	}
	langs = append(langs, l)
	b, err := bundleOf(langs)
	if err != nil {
		// Load read these same embedded files without error.
		panic(fmt.Sprintf("i18n: a catalogue checked at start no longer loads: %v", err))
	}
	c.current.Store(&loadedBundle{bundle: b, langs: langs})
	return b
}

// files are one language's catalogue files: <tag>.toml and <part>.<tag>.toml.
func files(l models.Language) ([]string, error) {
	all, err := fs.Glob(locales, "locales/*.toml")
	if err != nil {
		return nil, fmt.Errorf("i18n: list catalogues: %w", err)
	}
	var out []string
	for _, path := range all {
		name := strings.TrimSuffix(strings.TrimPrefix(path, "locales/"), ".toml")
		if name == string(l) || strings.HasSuffix(name, "."+string(l)) {
			out = append(out, path)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("i18n: no catalogue for %s", l)
	}
	return out, nil
}

// tags are the supported languages in models.Languages' order; the first
// is the default a matcher falls back to.
func tags() []language.Tag {
	var out []language.Tag
	for _, l := range models.Languages() {
		out = append(out, language.MustParse(string(l)))
	}
	return out
}

// Choose picks the language of a request: the operator's own choice when
// set, else the browser's Accept-Language, else English.
func (c *Catalog) Choose(chosen models.Language, acceptLanguage string) models.Language {
	if chosen != models.LanguageAuto {
		return chosen
	}
	wanted, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(wanted) == 0 {
		return models.LanguageEnglish
	}
	_, index, confidence := c.matcher.Match(wanted...)
	if confidence == language.No {
		return models.LanguageEnglish
	}
	return models.Languages()[index]
}

// Localizer returns the messages of one language.
func (c *Catalog) Localizer(l models.Language) *Localizer {
	loc := sync.OnceValue(func() *goi18n.Localizer { return goi18n.NewLocalizer(c.bundleWith(l), string(l)) })
	return &Localizer{lang: l, loc: loc, recorded: c.recorded}
}

// IDs lists the message IDs of one language's catalogue files, for the
// tests; an ID in two files is an error.
func IDs(l models.Language) ([]string, error) {
	all, err := messages(l)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(all))
	for _, m := range all {
		ids = append(ids, m.ID)
	}
	return ids, nil
}

// messages are one language's messages from all its catalogue files; an
// ID in two files is an error.
func messages(l models.Language) ([]*goi18n.Message, error) {
	paths, err := files(l)
	if err != nil {
		return nil, err
	}
	var out []*goi18n.Message
	seen := map[string]string{}
	for _, path := range paths {
		raw, err := locales.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("i18n: read %s: %w", path, err)
		}
		file, err := goi18n.ParseMessageFileBytes(raw, path, map[string]goi18n.UnmarshalFunc{"toml": toml.Unmarshal})
		if err != nil {
			return nil, fmt.Errorf("i18n: parse %s: %w", path, err)
		}
		for _, m := range file.Messages {
			if other, dup := seen[m.ID]; dup {
				return nil, fmt.Errorf("i18n: %s is in both %s and %s", m.ID, other, path)
			}
			seen[m.ID] = path
			out = append(out, m)
		}
	}
	return out, nil
}
