package xiaomi

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// callbackAll asks for every receipt type: delivered 1, clicked 2,
// invalid target 16, push disabled 32, filtered 64, over quota 128.
const callbackAll = 1 + 2 + 16 + 32 + 64 + 128

// receiptItem is one message's entry in a Mi Push receipt (§5.5).
type receiptItem struct {
	Param     string          `json:"param"`
	Type      int             `json:"type"`
	Targets   string          `json:"targets"`
	JobKey    string          `json:"jobkey"`
	BarStatus string          `json:"barStatus"`
	TimeStamp int64           `json:"timeStamp"`
	Extra     json.RawMessage `json:"extra"`
}

// receiptTypes() explains the type bits other than delivered and clicked.
func receiptTypes() []receiptType {
	return []receiptType{
		{16, "the target regId is invalid (the app was uninstalled or the regId expired). Fix: the app must report a new regId", true},
		{32, "the app called disablePush on the device, so Mi Push does not deliver. Fix: call enablePush after login", false},
		{64, "the device did not match the message's filters (network, region, app version, model, locale). Fix: check the message's conditions", false},
		{128, "blocked by Xiaomi's daily quota or total limit. Fix: check the quota in the Xiaomi console, use a channel with a higher limit", false},
	}
}

// receiptType is one type bit of a Mi Push receipt.
type receiptType struct {
	bit         int
	explanation string
	dead        bool
}

// ReadReceipts reads a Mi Push receipt: form field data, a JSON object
// keyed by message ID.
func (*Channel) ReadReceipts(_ *http.Request, body []byte, _ models.Certificate, _ models.CertificateSecrets) ([]vendors.Receipt, error) {
	items, err := vendors.FormJSONReceipt(body, "data", "Mi Push")
	if err != nil {
		return nil, err
	}
	var out []vendors.Receipt
	for _, item := range items {
		id := item.Key
		var it receiptItem
		if err := json.Unmarshal(item.JSON, &it); err != nil {
			return nil, models.Invalid("data", "message %s: %v", id, err)
		}
		for _, token := range strings.Split(it.Targets, ",") {
			base := vendors.Receipt{DeliveryID: it.Param, MessageID: id, Token: strings.TrimSpace(token), Code: "type " + strconv.Itoa(it.Type)}
			if it.TimeStamp > 0 {
				base.At = time.UnixMilli(it.TimeStamp)
			}
			out = append(out, receiptsOf(base, it)...)
		}
	}
	return out, nil
}

// receiptsOf turns one item's type bits into receipts.
func receiptsOf(base vendors.Receipt, it receiptItem) []vendors.Receipt {
	var out []vendors.Receipt
	add := func(stage models.Stage, explanation string, dead bool) {
		r := base
		r.Stage, r.Explanation, r.TokenDead = stage, explanation, dead
		out = append(out, r)
	}
	if it.Type&1 != 0 {
		if it.BarStatus == "Disable" {
			add(models.StageUndelivered, "delivered to the phone, but the app's notifications are turned off (barStatus Disable), so nothing showed. Fix: ask the user to allow notifications", false)
		} else {
			add(models.StageDelivered, "delivered to the device", false)
		}
	}
	if it.Type&2 != 0 {
		add(models.StageClicked, "the user tapped the notification", false)
	}
	for _, t := range receiptTypes() {
		if it.Type&t.bit != 0 {
			add(models.StageUndelivered, t.explanation, t.dead)
		}
	}
	if len(out) == 0 {
		add(models.StageNote, "receipt type "+strconv.Itoa(it.Type)+" is not in Xiaomi's documented list", false)
	}
	return out
}

// ReceiptReply: Mi Push needs only a 200.
func (*Channel) ReceiptReply() (string, []byte) { return "text/plain; charset=utf-8", []byte("ok") }

// ReceiptsPerMessage: the callback URL travels in extra.callback.
func (*Channel) ReceiptsPerMessage() bool { return true }

// Receipts are the receipt type bits' words by bit, for the catalogues'
// test (vendors/all).
func Receipts() map[string]string {
	out := map[string]string{}
	for _, t := range receiptTypes() {
		out[strconv.Itoa(t.bit)] = t.explanation
	}
	return out
}
