package models

import "time"

// Stage is how far one delivery got: pushcheck queued it, sent it, the
// vendor accepted or rejected it, the vendor's receipt said delivered (or
// not), and the app acknowledged it received, displayed, clicked.
type Stage string

const (
	StageQueued   Stage = "queued"   // recorded, waiting for its vendor call
	StageSent     Stage = "sent"     // the vendor call started
	StageAccepted Stage = "accepted" // the vendor took it
	StageRejected Stage = "rejected" // the vendor refused it
	StageFailed   Stage = "failed"   // the call did not complete
	StageSkipped  Stage = "skipped"  // not sent, with the reason
	// The endings of a dry run (DeliveryValidated, DeliveryNotSent).
	StageValidated Stage = "validated"
	StageNotSent   Stage = "not_sent"
	// StageDelivered and StageUndelivered come from the vendor's receipt.
	StageDelivered   Stage = "delivered"
	StageUndelivered Stage = "undelivered"
	// The device's own acks.
	StageReceived  Stage = "received"
	StageDisplayed Stage = "displayed"
	StageClicked   Stage = "clicked"
	// StageInterrupted: pushcheck stopped while the vendor call was in
	// flight, so nobody knows whether the vendor got it. Stored when the
	// push's job runs again; shown for a delivery still queued or sent long
	// after any job could have picked it up.
	StageInterrupted Stage = "interrupted"
	// StageNote is a receipt that says something the stage table does not
	// know; it joins the trace without moving the delivery.
	StageNote Stage = "note"
)

// Stages in trace order, for matrices and filters.
func Stages() []Stage {
	return []Stage{StageQueued, StageSent, StageAccepted, StageDelivered, StageReceived, StageDisplayed, StageClicked,
		StageRejected, StageFailed, StageSkipped, StageValidated, StageNotSent, StageUndelivered, StageInterrupted}
}

// LifecycleStages are the columns of a results matrix: the happy path.
func LifecycleStages() []Stage {
	return []Stage{StageQueued, StageSent, StageAccepted, StageDelivered, StageReceived, StageDisplayed, StageClicked}
}

// Rank orders stages along the path. A delivery's stage only moves to a
// higher rank, so late or out-of-order news never moves it back: an ack
// that overtakes the receipt, a receipt that overtakes the vendor's answer.
func (s Stage) Rank() int {
	switch s {
	case StageQueued:
		return 0
	case StageSent:
		return 1
	case StageAccepted, StageRejected, StageFailed, StageSkipped, StageValidated, StageNotSent, StageInterrupted:
		return 2
	case StageDelivered, StageUndelivered:
		return 3
	case StageReceived:
		return 4
	case StageDisplayed:
		return 5
	case StageClicked:
		return 6
	}
	return -1
}

// Final reports whether nothing more can happen to a delivery at this
// stage: the user tapped it, or it went nowhere.
func (s Stage) Final() bool {
	switch s {
	case StageClicked, StageRejected, StageFailed, StageSkipped, StageValidated, StageNotSent, StageUndelivered, StageInterrupted:
		return true
	}
	return false
}

// Failed reports whether the stage is a dead end short of the user.
func (s Stage) Failed() bool {
	switch s {
	case StageRejected, StageFailed, StageUndelivered, StageInterrupted:
		return true
	}
	return false
}

// Valid reports whether s names a stage.
func (s Stage) Valid() bool { return s.Rank() >= 0 || s == StageNote }

// AckStages are what an app may acknowledge.
func AckStages() []Stage { return []Stage{StageReceived, StageDisplayed, StageClicked} }

// StageOfStatus is the stage a vendor answer puts a delivery at.
func StageOfStatus(s DeliveryStatus) Stage {
	switch s {
	case DeliverySending:
		return StageSent
	case DeliveryAccepted:
		return StageAccepted
	case DeliveryRejected:
		return StageRejected
	case DeliverySkipped:
		return StageSkipped
	case DeliveryValidated:
		return StageValidated
	case DeliveryNotSent:
		return StageNotSent
	case DeliveryInterrupted:
		return StageInterrupted
	}
	return StageFailed
}

// EventSource says who reported a delivery event.
type EventSource string

const (
	SourcePushcheck EventSource = "pushcheck" // queued, sent, skipped
	SourceVendor    EventSource = "vendor"    // the vendor's answer to the call
	SourceReceipt   EventSource = "receipt"   // the vendor's receipt callback
	SourceDevice    EventSource = "device"    // the app's ack
)

// DeliveryEvent is one step of a delivery's trace, or a receipt that
// matched no delivery (DeliveryID empty), kept so none is ever dropped.
type DeliveryEvent struct {
	ID              int64 `gorm:"primaryKey"`
	AppID           int64
	DeliveryID      *string
	Vendor          Vendor
	CertificateID   *int64
	Stage           Stage
	Source          EventSource
	Code            string
	Explanation     string
	VendorMessageID string
	Token           string // masked
	Raw             string // the receipt item or ack body, as received
	At              time.Time
	ReceivedAt      time.Time
	// DedupeKey identifies a receipt item, so that a vendor's retry of a
	// callback is recorded once; nil for other events.
	DedupeKey *string
}

func (DeliveryEvent) TableName() string { return "delivery_events" }

// Matched reports whether the event belongs to a known delivery.
func (e DeliveryEvent) Matched() bool { return e.DeliveryID != nil && *e.DeliveryID != "" }
