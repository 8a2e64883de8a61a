package vendors

import (
	"context"

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

// Checker returns the vendor's checker, if it has one yet.
func (r *Registry) Checker(v models.Vendor) (Checker, bool) {
	ch, ok := r.channels[v]
	if !ok {
		return nil, false
	}
	c, ok := ch.(Checker)
	return c, ok
}
