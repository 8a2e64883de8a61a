package vendors

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
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

// ReceiptURL is where a certificate's receipts are received: the vendor,
// the certificate ID and its secret, without which the console takes no
// callback.
func ReceiptURL(base string, c models.Certificate) string {
	if base == "" {
		return ""
	}
	return base + "/receipts/" + string(c.Vendor) + "/" + strconv.FormatInt(c.ID, 10) + "/" + c.ReceiptSecret
}

// KeyedItem is one entry of a receipt keyed by message.
type KeyedItem struct {
	Key  string
	JSON json.RawMessage
}

// FormJSONReceipt reads the receipt shape Xiaomi and Meizu share: a form
// whose field holds a JSON object keyed by message. The entries come back
// in key order, so a batch is recorded the same way every time. product
// names the service in errors ("Mi Push", "Meizu").
func FormJSONReceipt(body []byte, field, product string) ([]KeyedItem, error) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, models.Invalid(field, "not a %s receipt: the body is not a form: %v", product, err)
	}
	raw := form.Get(field)
	if raw == "" {
		return nil, models.Invalid(field, "not a %s receipt: no form field %s", product, field)
	}
	var items map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &items); err != nil {
		return nil, models.Invalid(field, "not a %s receipt: %s is not a JSON object keyed by message: %v", product, field, err)
	}
	out := make([]KeyedItem, 0, len(items))
	for k, v := range items {
		out = append(out, KeyedItem{Key: k, JSON: v})
	}
	slices.SortFunc(out, func(a, b KeyedItem) int { return strings.Compare(a.Key, b.Key) })
	return out, nil
}

// SignedReceipts is a channel whose vendor signs its callbacks with a
// nonce (Huawei): the nonce is remembered for the signature's window, so a
// captured callback cannot be replayed.
type SignedReceipts interface {
	// ReceiptNonce is the verified callback's nonce, or "" when the
	// certificate has no key to verify with.
	ReceiptNonce(r *http.Request, secrets models.CertificateSecrets) string
}
