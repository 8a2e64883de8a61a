package clientconfig

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// These checks stand in for the compilers: every line of a snippet is a
// comment or a declaration of the language's exact shape.

var (
	comment = regexp.MustCompile(`^\s*// [^\n]*$`)
	// A string literal without a raw $ (Kotlin and Dart interpolate it) or
	// a lone backslash.
	dollarFree = `"(?:\\.|[^"\\$])*"`
	javaString = `"(?:\\.|[^"\\])*"`
	trailing   = `(?: // .*)?$`
	kotlinDecl = regexp.MustCompile(`^    const val [A-Z][A-Z0-9_]* = (?:\d+L|` + dollarFree + `)` + trailing)
	javaDecl   = regexp.MustCompile(`^    public static final (?:long [A-Z][A-Z0-9_]* = \d+L|String [A-Z][A-Z0-9_]* = ` + javaString + `);` + trailing)
	dartEntry  = regexp.MustCompile(`^  ([a-z_]+): (?:\d+|kReleaseMode \? \d+ : \d+|` + dollarFree + `),` + trailing)
)

// pushAppInfoFields are the TUIKit push plugin's PushAppInfo fields
// (tim_ui_kit_push_plugin, lib/model/appInfo.dart).
func pushAppInfoFields() []string {
	return []string{"hw_buz_id", "mi_buz_id", "mi_app_id", "mi_app_key", "mz_buz_id", "mz_app_id", "mz_app_key", "vivo_buz_id",
		"oppo_buz_id", "oppo_app_key", "oppo_app_secret", "oppo_app_id", "google_buz_id", "apple_buz_id", "honor_buz_id"}
}

// checkBody checks the lines between a file's opening and closing lines.
func checkBody(t *testing.T, lang, text, open, close string, decl *regexp.Regexp, extra ...string) {
	t.Helper()
	head, body, ok := strings.Cut(text, open+"\n")
	if !ok || !strings.HasSuffix(body, close+"\n") {
		t.Fatalf("%s: no %q … %q:\n%s", lang, open, close, text)
	}
	for _, l := range strings.Split(strings.TrimSuffix(head, "\n"), "\n") {
		if l != "" && !comment.MatchString(l) && !contains(extra, l) {
			t.Errorf("%s: before %q, a line that is no comment: %q", lang, open, l)
		}
	}
	for _, l := range strings.Split(strings.TrimSuffix(body, close+"\n"), "\n") {
		if l != "" && !comment.MatchString(l) && !decl.MatchString(l) && !contains(extra, l) {
			t.Errorf("%s: not a declaration: %q", lang, l)
		}
	}
	checkBraces(t, lang, text, '{', '}')
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func checkKotlin(t *testing.T, text string) {
	t.Helper()
	checkBody(t, "Kotlin", text, "object PrivateConstants {", "}", kotlinDecl)
}

func checkJava(t *testing.T, text string) {
	t.Helper()
	checkBody(t, "Java", text, "public final class PrivateConstants {", "}", javaDecl, "    private PrivateConstants() {}")
}

func checkDart(t *testing.T, text string) {
	t.Helper()
	checkBody(t, "Dart", text, "final PushAppInfo pushAppInfo = PushAppInfo(", ");", dartEntry,
		"import 'package:flutter/foundation.dart'; // kReleaseMode, for apple_buz_id")
	seen := map[string]bool{}
	for _, l := range strings.Split(text, "\n") {
		if m := dartEntry.FindStringSubmatch(l); m != nil {
			if !contains(pushAppInfoFields(), m[1]) || seen[m[1]] {
				t.Errorf("Dart: %q is not a PushAppInfo field, or comes twice", m[1])
			}
			seen[m[1]] = true
		}
	}
	checkBraces(t, "Dart", text, '(', ')')
}

// checkBraces counts brackets outside comments and string literals.
func checkBraces(t *testing.T, lang, text string, open, close rune) {
	t.Helper()
	depth := 0
	for _, l := range strings.Split(text, "\n") {
		inString := false
		for i := 0; i < len(l); i++ {
			switch c := l[i]; {
			case inString && c == '\\':
				i++
			case c == '"':
				inString = !inString
			case !inString && strings.HasPrefix(l[i:], "//"):
				i = len(l)
			case !inString && rune(c) == open:
				depth++
			case !inString && rune(c) == close:
				depth--
			}
		}
		if inString {
			t.Errorf("%s: unterminated string in %q", lang, l)
		}
	}
	if depth != 0 {
		t.Errorf("%s: %c and %c do not balance (%d):\n%s", lang, open, close, depth, text)
	}
}

// checkXML reads a document through to its end.
func checkXML(t *testing.T, what, text string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(text))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("%s is not XML: %v\n%s", what, err, text)
		}
	}
}

// xmlAttribute is the android:value of the manifest entry named name.
func xmlAttribute(t *testing.T, manifest, name string) string {
	t.Helper()
	var doc struct {
		Entries []struct {
			Name  string `xml:"http://schemas.android.com/apk/res/android name,attr"`
			Value string `xml:"http://schemas.android.com/apk/res/android value,attr"`
		} `xml:"meta-data"`
	}
	wrapped := `<application xmlns:android="http://schemas.android.com/apk/res/android">` + manifest + `</application>`
	if err := xml.Unmarshal([]byte(wrapped), &doc); err != nil {
		t.Fatalf("manifest: %v\n%s", err, manifest)
	}
	for _, e := range doc.Entries {
		if e.Name == name {
			return e.Value
		}
	}
	t.Fatalf("no %s in the manifest:\n%s", name, manifest)
	return ""
}

// stringValue reads back a Java string constant (Java's \" and \\ escapes
// are Go's).
func stringValue(t *testing.T, java, name string) string {
	t.Helper()
	re := regexp.MustCompile(`String ` + name + ` = (` + javaString + `);`)
	m := re.FindStringSubmatch(java)
	if m == nil {
		t.Fatalf("no %s in:\n%s", name, java)
	}
	s, err := strconv.Unquote(m[1])
	if err != nil {
		t.Fatalf("%s: %v", m[1], err)
	}
	return s
}

// checkJSON5 parses the metadata entry as JSON once its comments are gone.
func checkJSON5(t *testing.T, text string) {
	t.Helper()
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if comment.MatchString(l) {
			continue
		}
		if i := strings.Index(l, " // "); i >= 0 {
			l = l[:i]
		}
		lines = append(lines, l)
	}
	var v map[string][]map[string]string
	if err := json.Unmarshal([]byte("{"+strings.Join(lines, "\n")+"}"), &v); err != nil || v["metadata"][0]["name"] != "client_id" {
		t.Fatalf("module.json5: %v %v\n%s", err, v, text)
	}
}
