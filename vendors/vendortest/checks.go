package vendortest

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
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

// SendAccepted sends msg through a channel (to its emulator), fails the
// test unless the vendor accepted it, and decodes the stored request's
// body into body.
func SendAccepted(t testing.TB, ch vendors.Sender, c models.Certificate, secrets models.CertificateSecrets, msg vendors.Message, token string, body any) {
	t.Helper()
	r := ch.Send(context.Background(), c, secrets, msg, token)
	if r.Outcome != vendors.Accepted {
		t.Fatalf("not accepted: %+v\n%s", r, r.Request)
	}
	DecodeStoredBody(t, r.Request, body)
}
