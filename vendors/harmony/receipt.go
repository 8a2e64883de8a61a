package harmony

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Receipts of v3 messages come only in Huawei's V2 receipt format
// (push-api-msg-receipt): {"statuses":[{token, pushType, appPackageName,
// biTag, requestId, deliveryStatus{result, timestamp}}]}, at most 100 a
// callback; widget updates carry formStatus{formId, result, timestamp}
// instead. biTag echoes the delivery ID pushcheck sent.

type receiptBody struct {
	Statuses []json.RawMessage `json:"statuses"`
}

type receiptStatus struct {
	Token          string         `json:"token"`
	PushType       *int           `json:"pushType"`
	AppPackageName string         `json:"appPackageName"`
	BiTag          string         `json:"biTag"`
	RequestID      string         `json:"requestId"`
	DeliveryStatus *receiptResult `json:"deliveryStatus"`
	FormStatus     *receiptResult `json:"formStatus"`
}

type receiptResult struct {
	Result    *int  `json:"result"`
	Timestamp int64 `json:"timestamp"`
}

// resultCode is one receipt result: what happened, the stage it puts the
// delivery at, and whether the token is dead.
type resultCode struct {
	stage       models.Stage
	explanation string
	dead        bool
}

// resultCodes are the receipt results of Huawei's v3 receipt guide
// (push-msg-receipt). Huawei advises to stop sending to 2, 5, 6 and 10;
// only 2 (uninstalled) and 5 (the token was replaced) prove the token
// dead. 6 is a switch the user can turn back on and 10 a phone that was
// offline for a month, which may come back: neither condemns the token.
func resultCodes() map[int]resultCode {
	u := models.StageUndelivered
	return map[int]resultCode{
		0:   {models.StageDelivered, "delivered to the device", false},
		2:   {u, "the token is invalid: the app was uninstalled. Fix: the app reports a new token when installed again", true},
		5:   {u, "the token is invalid: the app on the phone now has another token (its data was cleared, it was reinstalled, it called deleteToken or deleteAAID, or the phone was reset). Fix: the app must report the token from pushService.getToken() at every start", true},
		6:   {u, "the notification was not shown: the system's notification switch, the app's notification switch, or minor mode is on. Fix: ask the user to allow the app's notifications", false},
		10:  {u, "not sent: the phone has been offline for 30 days. Fix: it may work again when the phone comes back; the app reports again when opened", false},
		14:  {u, "not delivered: an internal or network error at Huawei. Fix: send again later", false},
		15:  {u, "dropped while the phone was offline: replaced by a newer message with the same collapseKey, or more than 120 were waiting. Fix: use distinct collapseKeys for messages that must all arrive", false},
		22:  {u, "the token belongs to another local user of the phone (for example the privacy space). Fix: the app must report the token of the user now signed in on the phone", false},
		27:  {models.StageNote, "a background message was cached because the app's process is not running; the app gets it when it starts", false},
		31:  {u, "the page the message opens does not exist in the app. Fix: check clickAction's action or uri against the skills of the app's abilities in module.json5", false},
		51:  {u, "the phone restarted and has not been unlocked yet; it arrives after unlocking", false},
		102: {u, "dropped by Huawei's per-device volume control (the system limits unreasonable volumes per scenario). Fix: send this device fewer messages", false},
		144: {u, "the message's profileId is not an account bound on the phone. Fix: check the profileId sent", false},
		151: {u, "not shown: the widget is not on the home screen, or its formId does not exist", false},
		155: {u, "the Live View update failed: it was never created or has ended", false},
		156: {u, "the Live View update came out of order (its version is lower than the current one)", false},
		158: {u, "the Live View already exists on the phone", false},
		188: {u, "the app could not be launched. Fix: send again later", false},
		191: {u, "the badge could not be updated (an internal error on the phone)", false},
		256: {u, "dropped by a frequency cap: a MARKETING notification over 2 a day for this device (5 for licensed news apps) — including any category the app holds no right for —, test messages over 1000 a day for the project, or a widget or Live View limit. Fix: send chat with a granted category such as IM, or wait until tomorrow (Beijing time)", false},
		259: {u, "refused: the message has content that breaks the rules, or an unsafe URL. Fix: change the text or the URL", false},
		261: {u, "the widget does not exist; Huawei stops widget updates to it for 30 days", false},
		262: {u, "the widget's refresh limit on the phone is reached; Huawei stops updates for a day", false},
		264: {u, "a subscription message to a user who did not subscribe", false},
		265: {u, "the Live View of this activityId does not exist; Huawei blocks it for 24 hours", false},
		268: {u, "a Live View update without its status field", false},
		269: {u, "a Live View created twice with the same activityId", false},
	}
}

// ReadReceipts reads a V2 receipt batch, checking the X-HUAWEI-CALLBACK-ID
// signature and its timestamp when the certificate has a callback key.
func (*Channel) ReadReceipts(r *http.Request, body []byte, c models.Certificate, s models.CertificateSecrets) ([]vendors.Receipt, error) {
	if s.CallbackKey != "" {
		keys := []string{signingSecret(s.CallbackKey), s.CallbackKey}
		if err := vendors.VerifyHMSCallbackKeys(r.Header.Get(vendors.HMSCallbackHeader), keys, c.Settings.CallbackUser, time.Now()); err != nil {
			return nil, err
		}
	}
	return readReceipts(body)
}

func readReceipts(body []byte) ([]vendors.Receipt, error) {
	var b receiptBody
	if err := json.Unmarshal(body, &b); err != nil {
		return nil, models.Invalid("body", "not a HarmonyOS (Push Kit V2) receipt: %v", err)
	}
	if b.Statuses == nil {
		return nil, models.Invalid("statuses", "not a HarmonyOS (Push Kit V2) receipt: no statuses array")
	}
	out := make([]vendors.Receipt, 0, len(b.Statuses))
	for i, raw := range b.Statuses {
		var s receiptStatus
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, models.Invalid("statuses", "status %d: %v", i, err)
		}
		res := s.DeliveryStatus
		if res == nil || res.Result == nil {
			res = s.FormStatus
		}
		if res == nil || res.Result == nil {
			return nil, models.Invalid("statuses", "status %d has no deliveryStatus.result (a V1 receipt? v3 messages report only in the V2 format)", i)
		}
		rc := vendors.Receipt{DeliveryID: s.BiTag, MessageID: s.RequestID, Token: s.Token, Code: strconv.Itoa(*res.Result)}
		if res.Timestamp > 0 {
			rc.At = time.UnixMilli(res.Timestamp)
		}
		if c, ok := resultCodes()[*res.Result]; ok {
			rc.Stage, rc.Explanation, rc.TokenDead = c.stage, c.explanation, c.dead
		} else {
			rc.Stage, rc.Explanation = models.StageUndelivered, "not delivered: result "+rc.Code+" is not in Huawei's receipt table"
		}
		out = append(out, rc)
	}
	return out, nil
}

// ReceiptNonce is the signed callback's nonce, remembered against replays;
// without a callback key nothing was verified and there is none.
func (*Channel) ReceiptNonce(r *http.Request, s models.CertificateSecrets) string {
	if s.CallbackKey == "" {
		return ""
	}
	return vendors.HMSCallbackNonce(r.Header.Get(vendors.HMSCallbackHeader))
}

// ReceiptReply is what the V2 format expects; the V1 {"errno":…} reply
// fails AppGallery Connect's "test receipt".
func (*Channel) ReceiptReply() (string, []byte) {
	return "application/json", []byte(`{"code":"0","message":"success"}`)
}

// ReceiptsPerMessage: the receipt URL is configured in AppGallery Connect.
func (*Channel) ReceiptsPerMessage() bool { return false }

// Receipts are the receipt results' words by result, for the catalogues'
// test (vendors/all).
func Receipts() map[string]string {
	out := map[string]string{}
	for code, c := range resultCodes() {
		out[strconv.Itoa(code)] = c.explanation
	}
	return out
}
