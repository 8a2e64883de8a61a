package meizu

import (
	"encoding/json"
	"net/http"
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
	items, err := vendors.FormJSONReceipt(body, "cb", "Meizu")
	if err != nil {
		return nil, err
	}
	var out []vendors.Receipt
	for _, item := range items {
		key := item.Key
		var it receiptItem
		if err := json.Unmarshal(item.JSON, &it); err != nil {
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
				Code: "type " + strconv.Itoa(it.Type), Explanation: explanation})
		}
	}
	return out, nil
}

// ReceiptReply: Meizu needs only a 200.
func (*Channel) ReceiptReply() (string, []byte) { return "application/json", []byte(`{"code":"200"}`) }

// ReceiptsPerMessage: the callback URL travels in messageJson.extra.
func (*Channel) ReceiptsPerMessage() bool { return true }
