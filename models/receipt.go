package models

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// A vendor's receipt callback, in pushcheck's terms, as the store records
// it: in one transaction, each item once, with effects only on deliveries
// the certificate sent to the token the item names.

// ReceiptBatch is one callback.
type ReceiptBatch struct {
	Items []ReceiptItem
	// Raw is the callback body as received, kept once per callback and cut
	// to MaxReceiptRaw.
	Raw string
	// Nonce is the signed callback's nonce (Huawei), remembered for the
	// signature's window so the callback cannot be replayed; empty when the
	// vendor signs nothing.
	Nonce string
}

// ReceiptItem is one status of one message for one device.
type ReceiptItem struct {
	DeliveryID  string // the echoed parameter; empty if the vendor echoes none
	MessageID   string // the vendor's message or task ID
	Token       string
	Stage       Stage
	Code        string
	Explanation string
	// TokenDead: the vendor says this token will never work again. It is
	// acted on only when the item matches a delivery to that token.
	TokenDead bool
	// At is when it happened (the vendor's time, or when received), and
	// VendorAt the vendor's own time, zero when it sends none: a retried
	// callback has the same VendorAt, so it is part of the dedupe key.
	At       time.Time
	VendorAt time.Time
}

// ReceiptTally is what a callback came to.
type ReceiptTally struct {
	Matched, Unmatched, Duplicates int
}

// Limits on what an anonymous callback may write.
const (
	// MaxReceiptItems is the vendors' own largest batch: a send reaches at
	// most 1000 tokens, and each has one status per receipt.
	MaxReceiptItems = 1000
	// MaxReceiptRaw bounds the body kept with a callback.
	MaxReceiptRaw = 16 << 10
	// MaxUnmatchedReceipts is how many unmatched receipts a certificate
	// keeps; the oldest go first.
	MaxUnmatchedReceipts = 1000
)

// DedupeKey names the item within its certificate's receipts: the same
// status of the same message for the same token at the same time.
func (it ReceiptItem) DedupeKey(certificateID int64) string {
	h := sha256.New()
	for _, part := range []string{strconv.FormatInt(certificateID, 10), it.DeliveryID, it.MessageID, it.Token, string(it.Stage), it.Code, it.VendorAt.UTC().Format(time.RFC3339Nano)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// HashDeviceToken is the stored fingerprint of a push token, for matching
// a receipt to the delivery that went to it.
func HashDeviceToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:16])
}

// NewReceiptSecret is a fresh receipt URL secret: 26 base32 characters,
// 130 bits.
func NewReceiptSecret() string { return strings.ToLower(rand.Text()) }

// SecretsEqual compares two secrets in constant time.
func SecretsEqual(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// StorableText is s as a database stores it whatever came in: valid
// UTF-8 (invalid bytes become U+FFFD), no NUL (PostgreSQL refuses it in
// text), cut to max bytes on a character boundary. For what vendors and
// anonymous callers send that is kept as evidence rather than refused.
func StorableText(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\x00", "\uFFFD")
	return TruncateUTF8(s, max)
}
