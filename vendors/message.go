package vendors

import (
	"context"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// Message is a composed test push, vendor-neutral; each vendor's
// message.go maps it onto its own fields.
type Message struct {
	Title       string
	Desc        string
	Ext         string // JSON handed to the app when the notification is tapped
	Sound       string
	Badge       *int
	IgnoreBadge bool
	// DeliveryID travels in the payload so the app can acknowledge it.
	DeliveryID string
	DryRun     bool
	APNs       APNsOptions
	FCM        FCMOptions
}

// APNsOptions are APNs request headers the composer exposes.
type APNsOptions struct {
	PushType   string // alert (default), background, voip, …
	Priority   int    // 10 (default for alerts), 5, 1
	CollapseID string
	Expiration *time.Time
}

// FCMOptions are FCM Android options the composer exposes.
type FCMOptions struct {
	Priority   string // high (default) | normal
	TTLSeconds *int
	ChannelID  string
}

// Result is what one send to one device came to.
type Result struct {
	Outcome     Outcome
	HTTPStatus  int
	Code        string // the vendor's reason or code, verbatim
	Explanation string
	Fix         string
	MessageID   string // the vendor's ID for the message
	UniqueID    string // APNs development: apns-unique-id, for Apple's delivery log
	Request     string // redacted
	Response    string // redacted
	TokenDead   bool
	Quota       bool
	Latency     time.Duration
}

// Explained fills a result's outcome and words from a code table entry.
func (r Result) Explained(c Code) Result {
	r.Outcome, r.Explanation, r.Fix, r.TokenDead, r.Quota = c.Outcome, c.Explanation, c.Fix, c.TokenDead, c.Quota
	return r
}

// Sender sends a test push to one device through a vendor.
type Sender interface {
	Send(ctx context.Context, cert models.Certificate, secrets models.CertificateSecrets, msg Message, token string) Result
}
