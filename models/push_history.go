package models

import (
	"time"
)

// PushFilter narrows the push history; zero fields match everything.
type PushFilter struct {
	UserID        string
	DeviceID      string
	Vendor        Vendor
	CertificateID int64
	Stage         Stage // a delivery of the push is at this stage
	Operator      string
	From, To      time.Time
	GroupID       int64
	Before        int64 // cursor: pushes with a lower ID
	Limit         int
}

// PushSummary is a history row: the push and how its deliveries stand.
type PushSummary struct {
	Push
	Stages map[Stage]int
	Total  int
}

// Final reports whether no delivery of the push can still move.
func (p PushSummary) Final() bool {
	for st, n := range p.Stages {
		if n > 0 && !st.Final() {
			return false
		}
	}
	return true
}
