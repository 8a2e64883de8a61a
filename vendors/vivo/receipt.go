package vivo

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// receiptItem is one task's entry in a vivo receipt (§7.5).
type receiptItem struct {
	Param   string `json:"param"`
	Targets string `json:"targets"`
}

// ReadReceipts reads a vivo arrival receipt: a JSON object keyed by
// taskId, each naming the regIds the message reached.
func (*Channel) ReadReceipts(_ *http.Request, body []byte, _ models.Certificate, _ models.CertificateSecrets) ([]vendors.Receipt, error) {
	var items map[string]json.RawMessage
	if err := json.Unmarshal(body, &items); err != nil {
		return nil, models.Invalid("body", "not a vivo receipt: the body is not a JSON object keyed by taskId: %v", err)
	}
	ids := make([]string, 0, len(items))
	for id := range items {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var out []vendors.Receipt
	for _, id := range ids {
		var it receiptItem
		if err := json.Unmarshal(items[id], &it); err != nil {
			return nil, models.Invalid("body", "task %s: %v", id, err)
		}
		if it.Targets == "" {
			return nil, models.Invalid("targets", "task %s names no targets", id)
		}
		for _, token := range strings.Split(it.Targets, ",") {
			out = append(out, vendors.Receipt{DeliveryID: it.Param, MessageID: id, Token: strings.TrimSpace(token), Stage: models.StageDelivered,
				Code: "arrived", Explanation: "delivered to the device"})
		}
	}
	return out, nil
}

// ReceiptReply: vivo needs only a 200.
func (*Channel) ReceiptReply() (string, []byte) { return "application/json", []byte(`{"result":0}`) }

// ReceiptsPerMessage: the callback URL travels in extra.callback.
func (*Channel) ReceiptsPerMessage() bool { return true }
