package models

import "unicode/utf8"

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
