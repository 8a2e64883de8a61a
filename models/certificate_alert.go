package models

import (
	"fmt"
	"time"
)

// AlertKind says why a certificate needs an admin before pushes fail.
type AlertKind string

const (
	// AlertExpiry: the credentials expire within one of the thresholds.
	AlertExpiry AlertKind = "expiry"
	// AlertCheckFailed: the certificate's last Test connection failed.
	AlertCheckFailed AlertKind = "check_failed"
)

// ExpiryAlertDays are the days before expiry at which admins are told,
// widest first: a month to renew through the vendor's console, a week,
// and the last day.
func ExpiryAlertDays() []int { return []int{30, 7, 1} }

// CertificateAlert is one thing wrong with a certificate that an admin
// must act on.
type CertificateAlert struct {
	Certificate Certificate
	Kind        AlertKind
	// Days is the expiry threshold reached (30, 7 or 1; 1 also once
	// expired); zero for a failed check.
	Days int
	// Left is the time until expiry, negative once expired.
	Left time.Duration
}

// AlertsOf lists what is wrong with a certificate at now. Sandbox
// certificates reach only the built-in emulator, so nothing about them
// can stop a real push: they have none.
func AlertsOf(c Certificate, now time.Time) []CertificateAlert {
	if c.Sandboxed() {
		return nil
	}
	var out []CertificateAlert
	if c.ExpiresAt != nil {
		left := c.ExpiresAt.Sub(now)
		days := ExpiryAlertDays()
		reached := 0
		for _, d := range days {
			if left <= time.Duration(d)*24*time.Hour {
				reached = d
			}
		}
		if reached > 0 {
			out = append(out, CertificateAlert{Certificate: c, Kind: AlertExpiry, Days: reached, Left: left})
		}
	}
	if c.CheckedAt != nil && c.CheckOK != nil && !*c.CheckOK {
		out = append(out, CertificateAlert{Certificate: c, Kind: AlertCheckFailed})
	}
	return out
}

// AlertsOfCertificates lists every alert of the certificates, in their
// order.
func AlertsOfCertificates(certs []Certificate, now time.Time) []CertificateAlert {
	var out []CertificateAlert
	for _, c := range certs {
		out = append(out, AlertsOf(c, now)...)
	}
	return out
}

// Key is what the alert is remembered by, so each is sent once: an expiry
// threshold once per expiry date (a renewed certificate is told about
// again), a failed check once until a check passes.
func (a CertificateAlert) Key() (kind, subject string) {
	if a.Kind == AlertExpiry {
		return fmt.Sprintf("expiry_%d", a.Days), a.Certificate.ExpiresAt.UTC().Format(time.RFC3339)
	}
	return string(a.Kind), ""
}

// Problem says what is wrong, without naming the certificate.
func (a CertificateAlert) Problem() string {
	if a.Kind == AlertCheckFailed {
		return "Test connection failed: " + a.Certificate.CheckMessage
	}
	on := a.Certificate.ExpiresAt.UTC().Format("2006-01-02 15:04 UTC")
	switch days := int(a.Left / (24 * time.Hour)); {
	case a.Left <= 0:
		return "expired on " + on
	case days == 0:
		return "expires within a day, on " + on
	case days == 1:
		return "expires in 1 day, on " + on
	default:
		return fmt.Sprintf("expires in %d days, on %s", days, on)
	}
}
