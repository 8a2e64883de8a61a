package vendors

import (
	"net/http"
	"strconv"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// ReceiptRequest is what a test push asks the vendor to call back with:
// the URL (empty: none) and the parameter echoed back, the delivery ID.
type ReceiptRequest struct {
	URL   string
	Param string
}

// Receipt is one item of a vendor's receipt callback in pushcheck's terms.
type Receipt struct {
	DeliveryID  string // the echoed parameter; empty if the vendor echoes none
	MessageID   string // the vendor's message or task ID
	Token       string
	Stage       models.Stage // delivered, undelivered, clicked, or note
	Code        string       // the vendor's status, verbatim
	Explanation string
	TokenDead   bool
	At          time.Time // the vendor's time; zero: when received
	Raw         string    // this item as the vendor sent it
}

// ReceiptReader is a channel whose vendor calls back with receipts.
type ReceiptReader interface {
	// ReadReceipts verifies and parses one callback. A body that is not
	// the vendor's format is models.Invalid; a failed signature is
	// CodeUnauthenticated.
	ReadReceipts(r *http.Request, body []byte, cert models.Certificate, secrets models.CertificateSecrets) ([]Receipt, error)
	// ReceiptReply is the body the vendor expects on success.
	ReceiptReply() (contentType string, body []byte)
	// ReceiptsPerMessage: the callback URL travels in each message; false
	// when it is configured once in the vendor's console.
	ReceiptsPerMessage() bool
}

// ReceiptURL is where a certificate's receipts are received.
func ReceiptURL(base string, c models.Certificate) string {
	if base == "" {
		return ""
	}
	return base + "/receipts/" + string(c.Vendor) + "/" + strconv.FormatInt(c.ID, 10)
}
