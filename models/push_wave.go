package models

import (
	"strconv"
	"strings"
	"time"
)

// Fan-out bounds: one push reaches a user's devices, a group, or a list of
// device IDs; past these it is a broadcast, which pushcheck does not do.
const (
	MaxPushDevices   = 10000 // any target, a group's size included
	MaxPushDeviceIDs = 1000  // a list of device IDs in the request
)

// WaveAnswers are the vendors' answers to one wave of calls, written in
// one transaction: the deliveries with their answers, the quota counters
// they move, and the tokens they showed dead.
type WaveAnswers struct {
	Deliveries []Delivery
	Quota      []QuotaCount
	DeadTokens []DeadToken
}

// QuotaCount is what one wave adds to a certificate's day and class:
// accepted messages, and the vendor's own over-quota answer if it gave one.
type QuotaCount struct {
	CertificateID int64
	Day           string
	Class         MessageClass
	Accepted      int
	ExhaustedCode string
	ExhaustedAt   *time.Time
}

// DeadToken is a vendor's answer that a device's token is invalid.
type DeadToken struct {
	DevicePK int64
	Reason   string
	At       time.Time
}

// PushProgress is how far a push's vendor calls got: Done deliveries have
// their answer (or were skipped) out of Total.
type PushProgress struct {
	Done     int  `json:"done"`
	Total    int  `json:"total"`
	Finished bool `json:"finished"`
}

// ProgressOf counts the deliveries that have their answer.
func ProgressOf(ds []Delivery) PushProgress {
	p := PushProgress{Total: len(ds)}
	for _, d := range ds {
		if d.FinishedAt != nil {
			p.Done++
		}
	}
	p.Finished = p.Done == p.Total
	return p
}

// InFlight reports whether a delivery's vendor call started and no answer
// was recorded: after a crash, nobody knows whether the vendor got it.
func (d Delivery) InFlight() bool {
	return d.FinishedAt == nil && d.Status == DeliverySending && d.SentAt != nil
}

// Queued reports whether a delivery still waits for its vendor call.
func (d Delivery) Queued() bool {
	return d.FinishedAt == nil && d.Status == DeliverySending && d.SentAt == nil
}

// Interrupted finishes a delivery whose call was in flight when pushcheck
// stopped: it is not sent again, since the device may already have it.
func (d Delivery) Interrupted() Delivery {
	d.Status, d.Stage, d.Code = DeliveryInterrupted, StageInterrupted, "interrupted"
	d.Explanation = "pushcheck stopped while the vendor call was in flight; it is not resent, so the device may or may not have got it — send again to be sure"
	d.Fix = "send the push again to this device"
	return d
}

// ShortList shows the first n items of a list and counts the rest.
func ShortList(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:n], ", ") + " and " + strconv.Itoa(len(items)-n) + " more"
}
