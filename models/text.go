package models

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// TruncateUTF8 is the longest prefix of s of at most max bytes that does
// not end inside a character. Text cut to a column's size must stay valid
// UTF-8: PostgreSQL refuses anything else, and a page would show U+FFFD.
func TruncateUTF8(s string, max int) string {
	if len(s) <= max {
		return s
	}
	if max <= 0 {
		return ""
	}
	// A character is at most utf8.UTFMax bytes, so its first byte is at
	// most three back; bytes that are not UTF-8 at all are cut at max.
	n := max
	for i := 0; i < utf8.UTFMax-1 && n > 0 && !utf8.RuneStart(s[n]); i++ {
		n--
	}
	if !utf8.RuneStart(s[n]) {
		n = max
	}
	return s[:n]
}

// CheckText is the one input rule every body field, path parameter and
// query parameter meets: valid UTF-8; no NUL or other control character
// but tab, newline and carriage return; no Unicode format character that
// hides or reorders text (bidirectional overrides and isolates, zero-width
// spaces, the byte-order mark). Zero-width joiners stay allowed: emoji
// sequences and several scripts need them. field names what is refused.
func CheckText(field, s string) error {
	if !utf8.ValidString(s) {
		return Invalid(field, "%s is not valid UTF-8 text", fieldLabel(field))
	}
	for _, r := range s {
		if bad, what := refusedRune(r); bad {
			return Invalid(field, "%s contains %s (U+%04X), which is refused", fieldLabel(field), what, r)
		}
	}
	return nil
}

func refusedRune(r rune) (bool, string) {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false, ""
	case r == 0:
		return true, "a NUL character"
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return true, "a control character"
	case r == 0x200c || r == 0x200d:
		return false, "" // zero-width (non-)joiners: emoji and Indic, Persian text
	case unicode.Is(unicode.Cf, r):
		return true, "an invisible formatting character (a direction override or a zero-width space)"
	}
	return false, ""
}

func fieldLabel(field string) string {
	if field == "" {
		return "the text"
	}
	return fmt.Sprintf("%q", field)
}
