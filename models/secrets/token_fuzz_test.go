package secrets_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/secrets"
)

// FuzzTokenHint: the hint of an issued secret (prefix and base64url) is
// its first 8 characters; of any string, a prefix of at most 8 bytes,
// valid UTF-8 when the string is, the whole string when it fits.
func FuzzTokenHint(f *testing.F) {
	for _, prefix := range []string{models.PrefixAPIKey, models.PrefixOperatorToken, ""} {
		secret, err := secrets.NewToken(prefix)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(secret)
	}
	// Not a secret pushcheck issues, but a hint must not split it.
	f.Add("pc_短い秘密の鍵")
	f.Add("1234567")
	f.Fuzz(func(t *testing.T, secret string) {
		hint := secrets.TokenHint(secret)
		switch {
		case !strings.HasPrefix(secret, hint) || len(hint) > 8:
			t.Fatalf("hint %q of %q is not a prefix of at most 8 bytes", hint, secret)
		case len(secret) <= 8 && hint != secret:
			t.Fatalf("hint %q of the short %q", hint, secret)
		case utf8.ValidString(secret) && !utf8.ValidString(hint):
			t.Fatalf("hint %q of %q cuts a character", hint, secret)
		case isIssued(secret) && hint != secret[:8]:
			t.Fatalf("hint %q of the issued %q", hint, secret)
		}
	})
}

// isIssued: the shape NewToken gives, ASCII only.
func isIssued(s string) bool {
	return len(s) > 8 && strings.IndexFunc(s, func(r rune) bool { return r >= utf8.RuneSelf }) < 0
}
