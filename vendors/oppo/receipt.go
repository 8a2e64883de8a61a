package oppo

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// receiptEvent is one item of an OPPO receipt, a JSON array (§6.5).
type receiptEvent struct {
	MessageID       string `json:"messageId"`
	AppID           string `json:"appId"`
	TaskID          string `json:"taskId"`
	RegistrationIDs string `json:"registrationIds"`
	Param           string `json:"param"`
	EventType       string `json:"eventType"`
	EventTime       int64  `json:"eventTime"`
}

// ReadReceipts reads an OPPO receipt: a JSON array of events, one per
// message, each naming its registration IDs.
func (*Channel) ReadReceipts(_ *http.Request, body []byte, _ models.Certificate, _ models.CertificateSecrets) ([]vendors.Receipt, error) {
	var raws []json.RawMessage
	if err := json.Unmarshal(body, &raws); err != nil {
		return nil, models.Invalid("body", "not an OPPO receipt: the body is not a JSON array: %v", err)
	}
	var out []vendors.Receipt
	for i, raw := range raws {
		var ev receiptEvent
		if err := json.Unmarshal(raw, &ev); err != nil {
			return nil, models.Invalid("body", "event %d: %v", i, err)
		}
		if ev.EventType == "" {
			return nil, models.Invalid("eventType", "event %d has no eventType", i)
		}
		stage, explanation, dead := eventStage(ev.EventType)
		msgID := ev.MessageID
		if msgID == "" {
			msgID = ev.TaskID
		}
		for _, token := range strings.Split(ev.RegistrationIDs, ",") {
			r := vendors.Receipt{DeliveryID: ev.Param, MessageID: msgID, Token: strings.TrimSpace(token), Stage: stage, Code: ev.EventType,
				Explanation: explanation, TokenDead: dead}
			if ev.EventTime > 0 {
				r.At = time.UnixMilli(ev.EventTime)
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// eventStage maps an event type. push_arrive is documented; OPPO's other
// names are not (docs/vendors/oppo.md §6), so a click or invalid-regId event is
// recognised by its words and anything else is kept as a note.
func eventStage(t string) (models.Stage, string, bool) {
	lower := strings.ToLower(t)
	switch {
	case t == "push_arrive":
		return models.StageDelivered, "delivered to the device", false
	case strings.Contains(lower, "click"):
		return models.StageClicked, "the user tapped the notification", false
	case strings.Contains(lower, "invalid") || strings.Contains(lower, "unregister"):
		return models.StageUndelivered, "the registration ID is invalid (app uninstalled or the ID expired). Fix: the app must report a new one", true
	}
	return models.StageNote, "OPPO event " + t + " is not documented; kept as received", false
}

// ReceiptReply: OPPO needs only a 200.
func (*Channel) ReceiptReply() (string, []byte) { return "application/json", []byte(`{"code":0}`) }

// ReceiptsPerMessage: the callback URL travels in call_back_url.
func (*Channel) ReceiptsPerMessage() bool { return true }
