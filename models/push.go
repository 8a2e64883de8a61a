package models

import (
	"crypto/rand"
	"strings"
	"time"
)

// Mode decides which devices a test push skips.
type Mode string

const (
	// ModeAsIMServer skips what an IM server skips: devices in the
	// foreground (they get the message online) and devices without a
	// binding (logged out, kicked).
	ModeAsIMServer Mode = "as_im_server"
	// ModeForce sends to every targeted device that has credentials.
	ModeForce Mode = "force"
)

// PushMessage is what the operator composed, as stored with the push.
type PushMessage struct {
	Title       string              `json:"title"`
	Desc        string              `json:"desc"`
	Ext         string              `json:"ext,omitempty"`
	Sound       string              `json:"sound,omitempty"`
	Badge       *int                `json:"badge,omitempty"`
	IgnoreBadge bool                `json:"ignore_badge,omitempty"`
	OPPOChannel string              `json:"oppo_channel_id,omitempty"`
	ClickAction *ClickAction        `json:"click_action,omitempty"`
	Image       string              `json:"image,omitempty"`
	Call        *CallInvitation     `json:"call,omitempty"`
	APNs        *APNsPushOptions    `json:"apns,omitempty"`
	FCM         *FCMPushOptions     `json:"fcm,omitempty"`
	Huawei      *HuaweiPushOptions  `json:"huawei,omitempty"`
	Harmony     *HarmonyPushOptions `json:"harmony,omitempty"`
	Honor       *HonorPushOptions   `json:"honor,omitempty"`
	Xiaomi      *XiaomiPushOptions  `json:"xiaomi,omitempty"`
	OPPO        *OPPOPushOptions    `json:"oppo,omitempty"`
	Vivo        *VivoPushOptions    `json:"vivo,omitempty"`
	Meizu       *MeizuPushOptions   `json:"meizu,omitempty"`
}

// APNsPushOptions are the composer's APNs fields.
type APNsPushOptions struct {
	PushType   string     `json:"push_type,omitempty"`
	Priority   int        `json:"priority,omitempty"`
	CollapseID string     `json:"collapse_id,omitempty"`
	Expiration *time.Time `json:"expiration,omitempty"`
	// aps.interruption-level (iOS 15+): passive, active, time-sensitive
	// or critical; and aps.thread-id, which groups notifications.
	InterruptionLevel string `json:"interruption_level,omitempty"`
	ThreadID          string `json:"thread_id,omitempty"`
}

// FCMPushOptions are the composer's FCM fields.
type FCMPushOptions struct {
	Priority   string         `json:"priority,omitempty"`
	TTLSeconds *int           `json:"ttl_seconds,omitempty"`
	ChannelID  string         `json:"channel_id,omitempty"`
	Web        *FCMWebOptions `json:"web,omitempty"`
}

// Push is one test push: who sent what to whom.
type Push struct {
	ID            int64 `gorm:"primaryKey"`
	AppID         int64
	OperatorID    int64
	OperatorEmail string
	Target        string // "user:alice", "devices:a,b" or "group:android-matrix"
	GroupID       *int64
	Mode          Mode
	DryRun        bool
	Message       PushMessage `gorm:"serializer:json"`
	CreatedAt     time.Time
}

func (Push) TableName() string { return "pushes" }

// DeliveryStatus is where one device's delivery stands.
type DeliveryStatus string

const (
	DeliverySending  DeliveryStatus = "sending"  // written before the vendor call
	DeliveryAccepted DeliveryStatus = "accepted" // the vendor took it
	DeliveryRejected DeliveryStatus = "rejected" // the vendor refused it
	DeliveryFailed   DeliveryStatus = "failed"   // the call did not complete
	DeliverySkipped  DeliveryStatus = "skipped"  // not sent, with the reason
	// The two endings of a dry run: the vendor checked the message without
	// delivering it (FCM, Huawei), or it was built and never sent because
	// the vendor has no dry run. Neither is "accepted".
	DeliveryValidated DeliveryStatus = "validated"
	DeliveryNotSent   DeliveryStatus = "not_sent"
	// DeliveryInterrupted: the vendor call was in flight when pushcheck
	// stopped (stored by the job that runs again), or a delivery still
	// "sending" long after any job could have picked it up (shown).
	DeliveryInterrupted DeliveryStatus = "interrupted"
)

// Warning is a lint finding stored with a delivery.
type Warning struct {
	Code    string `json:"code"`
	Level   string `json:"level"` // warning | blocker
	Message string `json:"message"`
	// Text is the message as a catalogued sentence, for pages in the
	// reader's language; nil when it has none (or was stored before).
	Text *Text `json:"text,omitempty"`
}

// Same reports whether two findings say the same thing, whether or not
// they were read back from storage (Text is a pointer).
func (w Warning) Same(o Warning) bool {
	return w.Code == o.Code && w.Level == o.Level && w.Message == o.Message
}

// Lint levels: a blocker means the vendor refuses the message or the phone
// hides it; a warning means it arrives, with a catch; a note says what the
// send will do on its own, such as the default desc an empty one gets.
const (
	LevelNote    = "note"
	LevelWarning = "warning"
	LevelBlocker = "blocker"
)

// Delivery is one targeted device's part of a push.
type Delivery struct {
	ID            string `gorm:"primaryKey"`
	PushID        int64
	AppID         int64
	DevicePK      int64 `gorm:"column:device_pk"`
	DeviceID      string
	UserID        string
	Vendor        Vendor
	CertificateID *int64
	Class         MessageClass
	Status        DeliveryStatus
	Kind          AnswerKind // what the vendor's answer is about
	// TokenHash is HashToken of the token the delivery was sent to: a
	// receipt naming another token does not match it.
	TokenHash       string
	HTTPStatus      int `gorm:"column:http_status"`
	Code            string
	Explanation     string
	Fix             string
	VendorMessageID string
	UniqueID        string
	LatencyMS       int64 `gorm:"column:latency_ms"`
	Request         string
	Response        string
	Warnings        []Warning `gorm:"serializer:json"`
	// Stage is the furthest the delivery got (never moves back), and
	// StageAt when it got there; the events hold every step.
	Stage     Stage
	StageRank int
	StageAt   *time.Time
	CreatedAt time.Time
	// SentAt is when the vendor call started; nil before it.
	SentAt     *time.Time
	FinishedAt *time.Time
	// Plan is the first line of the trace: whether and how the vendor
	// will report delivery (Explanation holds it until the answer).
	Plan string
}

func (Delivery) TableName() string { return "deliveries" }

// InterruptedAfter is how long a delivery may stay "sending" before it is
// shown as interrupted: longer than a job killed with its process waits
// to be rescued and finishes (sending.RescueAfter plus its run).
const InterruptedAfter = 15 * time.Minute

// Shown is the status to display: a long-unfinished delivery is
// interrupted.
func (d Delivery) Shown(now time.Time) DeliveryStatus {
	if d.Status == DeliverySending && now.Sub(d.CreatedAt) > InterruptedAfter {
		return DeliveryInterrupted
	}
	return d.Status
}

// ShownStage is the stage to display: a delivery stuck before the
// vendor's answer long after any call could have ended is interrupted.
//
// A call in flight is stored as "queued" with its sent time (marking a
// wave sent then writes no stage, no counter and no index entry), and
// shown as "sent".
func (d Delivery) ShownStage(now time.Time) Stage {
	switch {
	case d.Stage.Rank() < StageAccepted.Rank() && now.Sub(d.CreatedAt) > InterruptedAfter:
		return StageInterrupted
	case d.Stage == StageQueued && d.SentAt != nil:
		return StageSent
	}
	return d.Stage
}

// Waiting reports whether a delivery may still move: a later receipt or
// ack can follow.
func (d Delivery) Waiting(now time.Time) bool { return !d.ShownStage(now).Final() }

// NewDeliveryID is the ID that travels in the push's payload so the app
// can acknowledge it.
func NewDeliveryID() string { return "dlv_" + strings.ToLower(rand.Text()) }
