package vendors

import (
	"context"
	"errors"
	"slices"

	"github.com/pushcheck/pushcheck/models"
)

// Checker proves a certificate's credentials against the vendor without
// notifying anyone.
type Checker interface {
	Check(ctx context.Context, cert models.Certificate, secrets models.CertificateSecrets) CheckResult
}

// CheckResult is the outcome of a "Test connection".
type CheckResult struct {
	OK      bool
	Message string
}

// ProbeToken names no device. The Android vendors check credentials before
// tokens, so a send to it is answered with the invalid-token code only
// when the credentials are good; the sandbox emulators treat it the same
// way (it contains the "unregistered" script).
const ProbeToken = "pushcheck-probe-unregistered-0000000000"

// ProbeCheck reads the answer to a send to ProbeToken: reaching the token
// check (or being accepted) proves the credentials; ok says what was proven.
// tokenCodes are the vendor's codes that refuse a token, which only an
// authenticated sender is told.
func ProbeCheck(r Result, ok string, tokenCodes ...string) CheckResult {
	switch {
	case r.Outcome == Accepted || r.Outcome == Validated || r.TokenDead() || slices.Contains(tokenCodes, r.Code):
		return CheckResult{OK: true, Message: ok}
	case r.Outcome == Failed:
		return CheckResult{Message: r.Explanation}
	}
	return CheckResult{Message: r.Code + ": " + r.Explanation + " — " + r.Fix}
}

// AuthCheck reads a token request made as a health check.
func AuthCheck(err error, ok string, explain func(*AuthError) Code) CheckResult {
	if err == nil {
		return CheckResult{OK: true, Message: ok}
	}
	var ae *AuthError
	if errors.As(err, &ae) {
		c := explain(ae)
		return CheckResult{Message: ae.Code + ": " + c.Explanation + " — " + c.Fix}
	}
	return CheckResult{Message: "the vendor could not be reached: " + err.Error()}
}
