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

// RequireWarnings fails the test unless the lint found every code at level.
func RequireWarnings(t testing.TB, ws []models.Warning, level string, codes ...string) {
	t.Helper()
	for _, code := range codes {
		if !HasWarning(ws, code, level) {
			t.Errorf("lint lacks %s/%s: %+v", code, level, ws)
		}
	}
}

// RequireRequest fails the test unless the stored request holds every
// want, and none of absent.
func RequireRequest(t testing.TB, request string, want []string, absent ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(request, w) {
			t.Errorf("request lacks %q:\n%s", w, request)
		}
	}
	for _, a := range absent {
		if strings.Contains(request, a) {
			t.Errorf("request holds %q:\n%s", a, request)
		}
	}
}

// RequireNamed fails the test unless every finding names the vendor, as
// the composer lists findings of several vendors together.
func RequireNamed(t testing.TB, v models.Vendor, ws []models.Warning) {
	t.Helper()
	for _, w := range ws {
		if !strings.Contains(w.Message, v.Label()) {
			t.Errorf("%s does not name %s: %q", w.Code, v.Label(), w.Message)
		}
	}
}
