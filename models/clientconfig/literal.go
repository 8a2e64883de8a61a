package clientconfig

import (
	"html"
	"strings"
)

// Certificate settings are checked only lightly (an OPPO AppKey is any
// text the console shows), so every value is escaped for the language it
// lands in, and every name in a comment is flattened: a snippet stays
// valid code whatever an admin typed.

// quoted is s as a double-quoted string literal. dollar escapes $ too, for
// the languages that interpolate it in such strings (Kotlin, Dart).
func quoted(s string, dollar bool) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`)
	s = r.Replace(s)
	if dollar {
		s = strings.ReplaceAll(s, "$", `\$`)
	}
	return `"` + s + `"`
}

// xmlAttr is s for an XML attribute value.
func xmlAttr(s string) string { return html.EscapeString(s) }

// note is text for a comment: one line, no backslashes (Java reads \u
// escapes even in comments) and no "--" (which ends nothing in Kotlin but
// is not allowed inside an XML comment).
func note(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, `\`, "/")
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "-")
	}
	return s
}

// lineComments writes lines as // comments at an indent.
func lineComments(b *strings.Builder, indent string, lines ...string) {
	for _, l := range lines {
		b.WriteString(indent + "// " + note(l) + "\n")
	}
}

// todoNote is the trailing comment of a placeholder, empty for a value.
func todoNote(v value, comment string) string {
	if v.text != "" {
		return ""
	}
	return " " + comment + " TODO: " + note(v.where)
}
