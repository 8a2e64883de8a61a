package i18n

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/pushcheck/pushcheck/models"
)

// Texts recorded in English: a vendor answer's explanation and fix are
// worked out when a push is sent and stored in English with the delivery
// (the API returns them as they were). A page reads such a text back in
// the reader's language by finding the catalogue message whose English
// made it: word for word, with its {{.Name}} arguments filled in, and
// perhaps followed by the vendor's own words in parentheses
// (" (Huawei: …)", which vendors.Explain adds). A text no message made
// (an old row whose English has changed since, a detail known only at run
// time) stays as it was stored.

// recorded is one English message, with a pattern that reads its
// arguments back out of a text when it has any.
type recorded struct {
	id      string
	english string
	// pattern is nil for a message without arguments. It is compiled
	// when a text first starts with head, the words before the first
	// argument: compiling the catalogue's patterns at start took 3.6 MB
	// of the idle server's heap, and most are never needed.
	pattern *lazyPattern
	head    string
	names   []string
	// literal is how many bytes of english are words, not arguments: when
	// several messages made a text, the one that says most in its own
	// words made it ("the name is longer than 80 characters" rather than
	// "{{.Field}} is longer than {{.Max}} characters").
	literal int
}

// recordedTexts indexes the English messages by ID.
func recordedTexts(english []*goi18n.Message) []recorded {
	argument := regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)
	out := make([]recorded, 0, len(english))
	for _, m := range english {
		r := recorded{id: m.ID, english: m.Other, literal: len(argument.ReplaceAllString(m.Other, ""))}
		if args := argument.FindAllStringSubmatchIndex(m.Other, -1); args != nil {
			var b strings.Builder
			b.WriteString("^")
			last := 0
			for _, a := range args {
				// An argument that ends the message takes the rest of the
				// text, parenthesis included, which reading it back keeps.
				arg := "(.+?)"
				if a[1] == len(m.Other) {
					arg = "(.+)"
				}
				b.WriteString(regexp.QuoteMeta(m.Other[last:a[0]]) + arg)
				r.names = append(r.names, m.Other[a[2]:a[3]])
				last = a[1]
			}
			b.WriteString(regexp.QuoteMeta(m.Other[last:]) + `( \(.*\))?$`)
			r.pattern, r.head = &lazyPattern{source: b.String()}, m.Other[:args[0][0]]
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b recorded) int { return strings.Compare(a.id, b.id) })
	return out
}

// Recorded is text, stored earlier in English, in the Localizer's
// language when a message whose ID starts with one of prefixes made it
// ("vendors.huawei.80300007."); otherwise text as it is. When several
// could have made it, the one with the most words of its own wins (see
// recorded.literal). English readers always get text unchanged.
func (l *Localizer) Recorded(text string, prefixes ...string) string {
	if l == nil || text == "" || l.lang == models.LanguageEnglish {
		return text
	}
	said, best := text, -1
	all := l.recorded()
	for _, prefix := range prefixes {
		start, _ := slices.BinarySearchFunc(all, prefix, func(r recorded, p string) int { return strings.Compare(r.id, p) })
		for _, r := range all[start:] {
			if !strings.HasPrefix(r.id, prefix) {
				break
			}
			if r.literal <= best {
				continue
			}
			if s, ok := l.reword(r, text, prefixes); ok {
				said, best = s, r.literal
			}
		}
	}
	return said
}

// reword says text in l's language if r's English made it. Arguments
// are read back too, as an answer's fix may quote another (FCM's
// Retry-After before the code's own fix).
func (l *Localizer) reword(r recorded, text string, prefixes []string) (string, bool) {
	var data map[string]any
	var quote string
	if r.pattern == nil {
		rest, ok := strings.CutPrefix(text, r.english)
		if !ok || !(rest == "" || strings.HasPrefix(rest, " (") && strings.HasSuffix(rest, ")")) {
			return "", false
		}
		quote = rest
	} else {
		if !strings.HasPrefix(text, r.head) {
			return "", false
		}
		m := r.pattern.compiled().FindStringSubmatch(text)
		if m == nil {
			return "", false
		}
		data = map[string]any{}
		for i, name := range r.names {
			data[name] = l.Recorded(m[i+1], prefixes...)
		}
		quote = m[len(m)-1]
	}
	s := l.localize(r.id, data, nil)
	if s == r.id {
		return "", false
	}
	if quote != "" && l.Chinese() {
		// Chinese text takes full-width parentheses, with no space.
		quote = "（" + quote[2:len(quote)-1] + "）"
	}
	return s + quote, true
}

// lazyPattern is a regular expression compiled on first use.
type lazyPattern struct {
	source string
	once   sync.Once
	re     *regexp.Regexp
}

func (p *lazyPattern) compiled() *regexp.Regexp {
	// Literal parts are quoted, so the pattern always compiles.
	p.once.Do(func() { p.re = regexp.MustCompile(p.source) })
	return p.re
}
