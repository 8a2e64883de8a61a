package models

import "time"

// QuotaWarnPercent is where quota use turns into a warning; at 100% it is
// loud.
const QuotaWarnPercent = 80

// QuotaUsage is one certificate's counter for one vendor day and message
// class: test pushes the vendor accepted, the daily limit an admin entered
// from the vendor console, and when the vendor itself said "over quota".
type QuotaUsage struct {
	CertificateID int64        `json:"certificate_id"`
	Day           string       `json:"day"`
	Class         MessageClass `json:"class"`
	Sent          int          `json:"sent"`
	Limit         *int         `json:"limit"`
	ExhaustedAt   *time.Time   `json:"exhausted_at,omitempty"`
	ExhaustedCode string       `json:"exhausted_code,omitempty"`
}

// Percent is the share of the limit used, 0 without a limit.
func (u QuotaUsage) Percent() int {
	if u.Limit == nil || *u.Limit <= 0 {
		return 0
	}
	return u.Sent * 100 / *u.Limit
}

// Level says how loud the console should be: "" , "warn" at 80%, "full"
// at the limit or once the vendor answered over quota.
func (u QuotaUsage) Level() string {
	switch {
	case u.ExhaustedAt != nil || (u.Limit != nil && u.Sent >= *u.Limit):
		return "full"
	case u.Percent() >= QuotaWarnPercent:
		return "warn"
	}
	return ""
}

// CertificateQuota is a certificate's counters on its vendor's today, one
// per class that has a count, a limit or an over-quota answer.
type CertificateQuota struct {
	CertificateID int64        `json:"certificate_id"`
	Day           string       `json:"day"`
	Classes       []QuotaUsage `json:"classes"`
}

// Of returns the counter of one class, zero when nothing was counted.
func (q CertificateQuota) Of(class MessageClass) QuotaUsage {
	for _, u := range q.Classes {
		if u.Class == class {
			return u
		}
	}
	return QuotaUsage{CertificateID: q.CertificateID, Day: q.Day, Class: class}
}

// Loudest is the class closest to its limit, for one-line displays.
func (q CertificateQuota) Loudest() (QuotaUsage, bool) {
	var best QuotaUsage
	found := false
	rank := map[string]int{"": 0, "warn": 1, "full": 2}
	for _, u := range q.Classes {
		if !found || rank[u.Level()] > rank[best.Level()] || (rank[u.Level()] == rank[best.Level()] && u.Percent() > best.Percent()) {
			best, found = u, true
		}
	}
	return best, found
}
