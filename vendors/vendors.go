// Package vendors defines what every push channel provides and holds the
// helpers they share. Each vendor lives in its own sub-package with the same
// file names (certificate.go, client.go, message.go, codes.go, limits.go,
// emulator.go, check.go); vendors/all wires them into a Registry.
package vendors

import (
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// Channel is one vendor's push service.
type Channel interface {
	Vendor() models.Vendor
	// PrepareCertificate checks the vendor object of a certificate input
	// and fills c's settings, facts and warnings, and secrets. Secrets the
	// input omits keep their stored value (secrets holds it on entry).
	PrepareCertificate(in models.CertificateInput, c *models.Certificate, secrets *models.CertificateSecrets, now time.Time) error
	Sender
	Checker
	Rules
	// EmulatorReader reads the exchanges of the vendor's sandbox emulator
	// (emulator_reader.go).
	EmulatorReader
}

// Registry finds the channel of each vendor.
type Registry struct {
	channels map[models.Vendor]Channel
}

// NewRegistry requires exactly one channel per vendor.
func NewRegistry(channels ...Channel) (*Registry, error) {
	r := &Registry{channels: map[models.Vendor]Channel{}}
	for _, ch := range channels {
		if _, dup := r.channels[ch.Vendor()]; dup {
			return nil, fmt.Errorf("vendors: two channels for %s", ch.Vendor())
		}
		r.channels[ch.Vendor()] = ch
	}
	for _, v := range models.AllVendors() {
		if r.channels[v] == nil {
			return nil, fmt.Errorf("vendors: no channel for %s", v)
		}
	}
	return r, nil
}

// Channel returns the vendor's channel.
func (r *Registry) Channel(v models.Vendor) (Channel, error) {
	ch, ok := r.channels[v]
	if !ok {
		return nil, models.Invalid("vendor", "unknown vendor %q", v)
	}
	return ch, nil
}

// PrepareCertificate applies an input to a certificate: the common fields,
// then the vendor's own checks.
func (r *Registry) PrepareCertificate(in models.CertificateInput, c *models.Certificate, secrets *models.CertificateSecrets, now time.Time) error {
	if err := in.ApplyCommon(c); err != nil {
		return err
	}
	ch, err := r.Channel(c.Vendor)
	if err != nil {
		return err
	}
	c.Warnings = nil
	return ch.PrepareCertificate(in, c, secrets, now)
}
