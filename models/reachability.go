package models

import (
	"fmt"
	"time"
)

// Reachability is a first answer to "would an offline push reach this
// device right now?", from what the device itself reported. The full
// verdict (certificates, vendor rules, quotas) builds on it.
type Reachability struct {
	OK     bool
	Reason string
}

// ReachabilityOf walks the device-side links of the chain in the order an IM
// server would: binding, token, certificate, app state, permission.
func ReachabilityOf(d Device, certKnown bool, now time.Time, staleAfter time.Duration) Reachability {
	switch {
	case d.State == StateLoggedOut:
		return Reachability{Reason: "logged out: no offline push until the app logs in again"}
	case d.State == StateKicked:
		return Reachability{Reason: "kicked by another login: no offline push until the app logs in again"}
	case d.TokenDeadAt != nil:
		return Reachability{Reason: "the vendor rejected this token as invalid (" + d.TokenDeadReason + "); the app must report a new one"}
	case d.CertificateID == nil:
		return Reachability{Reason: "no certificate ID reported: the IM server cannot pick vendor credentials"}
	case !certKnown:
		return Reachability{Reason: fmt.Sprintf("certificate #%d does not exist in this app: check the ID the app reports", *d.CertificateID)}
	case d.State == StateForeground && !d.Stale(now, staleAfter):
		return Reachability{Reason: "in the foreground: the IM server delivers online, not as an offline push"}
	case d.NotificationsEnabled != nil && !*d.NotificationsEnabled:
		return Reachability{Reason: "notifications are turned off on the device: the user must enable them in Settings"}
	case d.State == StateForeground:
		return Reachability{OK: true, Reason: "foreground but silent for " + HumanDuration(now.Sub(d.LastSeenAt)) + ": treated as offline, will receive offline push"}
	}
	return Reachability{OK: true, Reason: "in the background with a live binding: will receive offline push"}
}

// HumanDuration writes a span the way people say it: 45s, 3m, 5h, 2d.
func HumanDuration(d time.Duration) string {
	n, unit := DurationParts(d)
	return fmt.Sprintf("%d%s", n, unit)
}

// DurationParts splits a span into its count of the largest unit that
// fits ("s", "m", "h" up to two days, then "d"), for HumanDuration and the
// translated forms (models/i18n).
func DurationParts(d time.Duration) (int64, string) {
	if d < 0 {
		d = -d
	}
	switch {
	case d < time.Minute:
		return int64(d.Seconds()), "s"
	case d < time.Hour:
		return int64(d.Minutes()), "m"
	case d < 48*time.Hour:
		return int64(d.Hours()), "h"
	}
	return int64(d.Hours() / 24), "d"
}
