package models

import (
	"strings"
	"time"
)

// Phone is a virtual phone: a simulated device of one vendor in an app,
// which registers through the device API as the app would, receives what
// the sandbox's emulator accepted for its token, and acks according to its
// behaviour. It closes the loop of a test push without hardware.
type Phone struct {
	ID        int64 `gorm:"primaryKey"`
	AppID     int64
	DeviceID  string
	UserID    string
	Vendor    Vendor
	Behaviour PhoneBehaviour
	// DieAfter is how many pushes the token survives (BehaviourTokenDies).
	DieAfter int
	// CertificateID is the certificate ID the phone reports.
	CertificateID int64
	Token         string
	// TokenDead says the phone switched to its dead token.
	TokenDead  bool
	Foreground bool
	// Received counts the pushes that reached the phone.
	Received     int
	RegisteredAt *time.Time
	// Problem is the last thing that went wrong talking to the console
	// (a registration or an ack refused); empty when all went well.
	Problem   string
	CreatedBy string
	CreatedAt time.Time
}

func (Phone) TableName() string { return "phones" }

// PhoneBehaviour is how a virtual phone acts, one of the ways real phones
// fail to show or answer a push.
type PhoneBehaviour string

const (
	BehaviourHealthy          PhoneBehaviour = "healthy"
	BehaviourNotificationsOff PhoneBehaviour = "notifications_off"
	BehaviourNeverTaps        PhoneBehaviour = "never_taps"
	BehaviourTokenDies        PhoneBehaviour = "token_dies"
	BehaviourSlowReceipt      PhoneBehaviour = "slow_receipt"
	BehaviourNoReceipt        PhoneBehaviour = "no_receipt"
	BehaviourAppKilled        PhoneBehaviour = "app_killed"
	BehaviourWrongCertificate PhoneBehaviour = "wrong_certificate"
	BehaviourLoggedOut        PhoneBehaviour = "logged_out"
)

// PhoneBehaviours lists the behaviours in the order the console offers them.
func PhoneBehaviours() []PhoneBehaviour {
	return []PhoneBehaviour{BehaviourHealthy, BehaviourNotificationsOff, BehaviourNeverTaps, BehaviourTokenDies,
		BehaviourSlowReceipt, BehaviourNoReceipt, BehaviourAppKilled, BehaviourWrongCertificate, BehaviourLoggedOut}
}

// Valid reports whether b is a known behaviour.
func (b PhoneBehaviour) Valid() bool {
	for _, k := range PhoneBehaviours() {
		if b == k {
			return true
		}
	}
	return false
}

// NewPhone is what creating a virtual phone takes.
type NewPhone struct {
	UserID    string         `json:"user_id"`
	Vendor    Vendor         `json:"vendor"`
	Behaviour PhoneBehaviour `json:"behaviour"`
	// DieAfter is required for token_dies (1–1000): the token dies after
	// that many pushes.
	DieAfter int `json:"die_after"`
	// CertificateID chooses the sandbox certificate; 0 takes the app's
	// first sandbox certificate of the vendor.
	CertificateID int64 `json:"certificate_id"`
}

// Check normalises and validates the input, naming the field at fault.
func (n *NewPhone) Check() error {
	n.UserID = strings.TrimSpace(n.UserID)
	if n.Behaviour == "" {
		n.Behaviour = BehaviourHealthy
	}
	switch {
	case n.UserID == "":
		return Invalid("user_id", "user_id is required")
	case len(n.UserID) > 128:
		return Invalid("user_id", "user_id is longer than 128 bytes")
	case !n.Vendor.Valid():
		return Invalid("vendor", "vendor must be one of apns, fcm, huawei, harmony, honor, xiaomi, oppo, vivo, meizu")
	case !n.Behaviour.Valid():
		return Invalid("behaviour", "behaviour must be one of healthy, notifications_off, never_taps, token_dies, slow_receipt, no_receipt, app_killed, wrong_certificate, logged_out")
	case n.Behaviour == BehaviourTokenDies && (n.DieAfter < 1 || n.DieAfter > 1000):
		return Invalid("die_after", "die_after must be 1 to 1000 pushes for token_dies")
	case n.Behaviour != BehaviourTokenDies && n.DieAfter != 0:
		return Invalid("die_after", "die_after is only for token_dies")
	case n.CertificateID < 0:
		return Invalid("certificate_id", "certificate_id must be positive")
	}
	return nil
}

// ShadeOutcome is what became of a message that reached a phone.
type ShadeOutcome string

const (
	ShadeShown        ShadeOutcome = "shown"         // in the notification shade
	ShadeHidden       ShadeOutcome = "hidden"        // arrived, the system showed nothing
	ShadeFolded       ShadeOutcome = "folded"        // arrived, folded away by the vendor's cap
	ShadeHeld         ShadeOutcome = "held"          // kept back by the vendor until later
	ShadeDropped      ShadeOutcome = "dropped"       // discarded by the vendor on the phone
	ShadeToApp        ShadeOutcome = "to_app"        // handed to the app, nothing shown
	ShadeNotDelivered ShadeOutcome = "not_delivered" // never reached the phone
)

// ShadeEntry is one message as it reached a virtual phone: the fields its
// notification shade shows, what the vendor's client-side rules did to it,
// and the acks the phone posted.
type ShadeEntry struct {
	ID         int64 `gorm:"primaryKey"`
	PhoneID    int64
	At         time.Time
	DeliveryID string
	// Kind is alert, data, call or background, as the vendor hands it over.
	Kind      string
	Title     string
	Body      string
	Badge     *int
	Sound     string
	Image     string
	ChannelID string
	Class     MessageClass
	Click     string
	Ext       string
	Outcome   ShadeOutcome
	// Rule names the vendor rule or phone condition behind the outcome
	// (oppo_no_channel, xiaomi_default_channel, vivo_night,
	// meizu_public_cap, notifications_off, …); "shown" when none applied.
	Rule        string
	ReceivedAt  *time.Time
	DisplayedAt *time.Time
	ClickedAt   *time.Time
	// AckProblem is the console's answer to an ack it refused.
	AckProblem string
}

func (ShadeEntry) TableName() string { return "phone_shade" }
