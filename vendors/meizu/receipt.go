package meizu

import (
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// callbackArrivedAndClicked asks for both receipt types (1 arrived, 2
// clicked).
const callbackArrivedAndClicked = "3"

// receiptItem is one entry of a Meizu receipt's cb (§8.5).
type receiptItem struct {
	Param   string   `json:"param"`
	Type    int      `json:"type"`
	Targets []string `json:"targets"`
}

// ReadReceipts reads a Flyme receipt: form field cb, JSON keyed
// "<msgId>-<type>", type 1 arrived and 2 clicked.
func (*Channel) ReadReceipts(_ *http.Request, body []byte, _ models.Certificate, _ models.CertificateSecrets) ([]vendors.Receipt, error) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, models.Invalid("cb", "not a Meizu receipt: the body is not a form: %v", err)
	}
	raw := form.Get("cb")
	if raw == "" {
		return nil, models.Invalid("cb", "not a Meizu receipt: no form field cb")
	}
	var items map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &items); err != nil {
		return nil, models.Invalid("cb", "not a Meizu receipt: cb is not a JSON object: %v", err)
	}
	keys := make([]string, 0, len(items))
	for k := range items {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []vendors.Receipt
	for _, key := range keys {
		var it receiptItem
		if err := json.Unmarshal(items[key], &it); err != nil {
			return nil, models.Invalid("cb", "receipt %s: %v", key, err)
		}
		msgID := key
		if i := strings.LastIndex(key, "-"); i > 0 {
			msgID = key[:i]
		}
		stage, explanation := models.StageNote, "Meizu receipt type "+strconv.Itoa(it.Type)+" is not documented; kept as received"
		switch it.Type {
		case 1:
			stage, explanation = models.StageDelivered, "delivered to the device"
		case 2:
			stage, explanation = models.StageClicked, "the user tapped the notification"
		}
		for _, token := range it.Targets {
			out = append(out, vendors.Receipt{DeliveryID: it.Param, MessageID: msgID, Token: token, Stage: stage,
				Code: "type " + strconv.Itoa(it.Type), Explanation: explanation, Raw: string(items[key])})
		}
	}
	return out, nil
}

// ReceiptReply: Meizu needs only a 200.
func (*Channel) ReceiptReply() (string, []byte) { return "application/json", []byte(`{"code":"200"}`) }

// ReceiptsPerMessage: the callback URL travels in messageJson.extra.
func (*Channel) ReceiptsPerMessage() bool { return true }
