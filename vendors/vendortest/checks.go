package vendortest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// HasWarning reports whether a lint found code at level (blocker or
// warning).
func HasWarning(ws []models.Warning, code, level string) bool {
	for _, w := range ws {
		if w.Code == code && w.Level == level {
			return true
		}
	}
	return false
}

// DecodeStoredBody decodes the JSON body of a stored request (the lines
// after the first blank line of a delivery's request) into v.
func DecodeStoredBody(t testing.TB, request string, v any) {
	t.Helper()
	_, body, ok := strings.Cut(request, "\n\n")
	if !ok {
		t.Fatalf("no body in the stored request %q", request)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("stored body %q: %v", body, err)
	}
}
