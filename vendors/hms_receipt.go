package vendors

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// HMS receipts: Huawei Push Kit's (docs/vendors/huawei.md §6), which Honor kept
// (§4.5, shape unverified). A batch {"statuses":[…]}: v1 items carry
// status and timestamp, v2 items deliveryStatus{result,timestamp}; biTag
// echoes the delivery ID the push set.

type hmsReceiptBody struct {
	Statuses []json.RawMessage `json:"statuses"`
}

type hmsStatus struct {
	BiTag          string           `json:"biTag"`
	AppID          string           `json:"appid"`
	Token          string           `json:"token"`
	Status         *int             `json:"status"`
	Timestamp      int64            `json:"timestamp"`
	RequestID      string           `json:"requestId"`
	DeliveryStatus *hmsDeliveryInfo `json:"deliveryStatus"`
}

type hmsDeliveryInfo struct {
	Result    *int  `json:"result"`
	Timestamp int64 `json:"timestamp"`
}

// hmsStatusCode is one receipt status: what happened, and whether the
// vendor advises to stop sending to the token.
type hmsStatusCode struct {
	explanation string
	dead        bool
}

// hmsStatusCodes are the receipt statuses Huawei documents. Only an
// uninstalled app (2) and a token of another Android user (5) prove the
// token dead; 10 (long inactive) and 201 (several causes) may come back
// and are read as not delivered, so a healthy device is not condemned.
func hmsStatusCodes() map[int]hmsStatusCode {
	return map[int]hmsStatusCode{
		2:   {"the app is not installed on the device. Fix: the token is dead; the app reports a new one when reinstalled", true},
		5:   {"the token is not valid for the Android user now active on the device. Fix: the app must register again under this user", true},
		6:   {"notifications are turned off (the app's switch, the system switch or the channel). Fix: ask the user to allow notifications", false},
		10:  {"the device has been inactive (offline) for 30 days or more. Fix: the token may work again when the phone comes back online; the app reports again when opened", false},
		14:  {"not delivered for another reason, e.g. the network. Fix: send again later", false},
		15:  {"replaced by a newer offline message with the same collapse key, or more than the cached maximum. Fix: use distinct collapse keys for messages that must all show", false},
		22:  {"the message's user ID does not match the device's user. Fix: check the target user", false},
		27:  {"a data message was cached because the app's process is not running. Fix: send a notification message for offline push", false},
		31:  {"the phone or app cannot handle this message, e.g. the click action's intent target is missing. Fix: check the click action against the app's manifest", false},
		51:  {"the device has not been unlocked since it restarted. Fix: unlock the device; it arrives then", false},
		102: {"dropped by the per-device frequency cap (3000 a day). Fix: send fewer messages to this device", false},
		144: {"the message's profile ID is missing on the device. Fix: check the profile_id sent", false},
		201: {"stopped by Huawei's send control: token and user mismatch, notifications off or app uninstalled (Huawei does not say which). Fix: check the app's notifications are on and that the device reported this user's token", false},
	}
}

// ReadHMSReceipts parses an HMS receipt batch.
func ReadHMSReceipts(body []byte, vendor models.Vendor) ([]Receipt, error) {
	var b hmsReceiptBody
	if err := json.Unmarshal(body, &b); err != nil {
		return nil, models.Invalid("body", "not a %s receipt: %v", vendor.Label(), err)
	}
	if b.Statuses == nil {
		return nil, models.Invalid("statuses", "not a %s receipt: no statuses array", vendor.Label())
	}
	out := make([]Receipt, 0, len(b.Statuses))
	for i, raw := range b.Statuses {
		var s hmsStatus
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, models.Invalid("statuses", "status %d: %v", i, err)
		}
		code, ts := s.Status, s.Timestamp
		if code == nil && s.DeliveryStatus != nil {
			code, ts = s.DeliveryStatus.Result, s.DeliveryStatus.Timestamp
		}
		if code == nil {
			return nil, models.Invalid("statuses", "status %d has no status or deliveryStatus.result", i)
		}
		r := Receipt{DeliveryID: s.BiTag, MessageID: s.RequestID, Token: s.Token, Code: strconv.Itoa(*code)}
		if ts > 0 {
			r.At = time.UnixMilli(ts)
		}
		if *code == 0 {
			r.Stage, r.Explanation = models.StageDelivered, "delivered to the device"
		} else if c, ok := hmsStatusCodes()[*code]; ok {
			r.Stage, r.Explanation, r.TokenDead = models.StageUndelivered, c.explanation, c.dead
		} else {
			r.Stage, r.Explanation = models.StageUndelivered, "not delivered: status "+r.Code+" is not in the receipt table"
		}
		out = append(out, r)
	}
	return out, nil
}

// HMSCallbackHeader is the signature header of Huawei receipts.
const HMSCallbackHeader = "X-HUAWEI-CALLBACK-ID"

// HMSCallbackSignature is Base64(HmacSHA256(key, timestamp+nonce+username)).
func HMSCallbackSignature(key, timestamp, nonce, username string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(timestamp + nonce + username))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// HMSCallbackID builds the header value a vendor sends.
func HMSCallbackID(key, timestamp, nonce, username string) string {
	return "timestamp=" + timestamp + ";nonce=" + nonce + ";value=" + HMSCallbackSignature(key, timestamp, nonce, username)
}

// HMSCallbackWindow is how far a signed callback's timestamp may be from
// now: a captured callback is refused after it, and its nonce is
// remembered within it.
const HMSCallbackWindow = 5 * time.Minute

// VerifyHMSCallback checks the header against the configured user name and
// key, and that its timestamp (milliseconds) is within HMSCallbackWindow of
// now; with no key configured there is nothing to check.
func VerifyHMSCallback(header, key, username string, now time.Time) error {
	if key == "" {
		return nil
	}
	return VerifyHMSCallbackKeys(header, []string{key}, username, now)
}

// VerifyHMSCallbackKeys is VerifyHMSCallback for a secret Huawei may sign
// with in more than one form (HarmonyOS receipts: the Base64-decoded
// secret, or for old configurations its own bytes): the signature must
// match one of keys.
func VerifyHMSCallbackKeys(header string, keys []string, username string, now time.Time) error {
	if header == "" {
		return models.Errorf(models.CodeUnauthenticated, "the receipt has no %s header, and a callback key is configured", HMSCallbackHeader)
	}
	parts := hmsCallbackParts(header)
	signed := false
	for _, key := range keys {
		want := HMSCallbackSignature(key, parts["timestamp"], parts["nonce"], username)
		signed = signed || (parts["value"] != "" && parts["nonce"] != "" && hmac.Equal([]byte(parts["value"]), []byte(want)))
	}
	if !signed {
		return models.Errorf(models.CodeUnauthenticated, "the %s signature does not match the configured callback user name and key", HMSCallbackHeader)
	}
	ms, err := strconv.ParseInt(parts["timestamp"], 10, 64)
	if err != nil {
		return models.Errorf(models.CodeUnauthenticated, "the %s timestamp %q is not a time in milliseconds", HMSCallbackHeader, parts["timestamp"])
	}
	if d := now.Sub(time.UnixMilli(ms)); d > HMSCallbackWindow || d < -HMSCallbackWindow {
		return models.Errorf(models.CodeUnauthenticated, "the %s timestamp is %s away from now; signed callbacks are taken within %s", HMSCallbackHeader, d.Round(time.Second), HMSCallbackWindow)
	}
	return nil
}

// HMSCallbackNonce is the nonce of a callback header.
func HMSCallbackNonce(header string) string { return hmsCallbackParts(header)["nonce"] }

func hmsCallbackParts(header string) map[string]string {
	parts := map[string]string{}
	for _, p := range strings.Split(header, ";") {
		if k, v, ok := strings.Cut(strings.TrimSpace(p), "="); ok {
			// The Base64 value may itself end in '='.
			parts[k] = v
		}
	}
	return parts
}

// HMSReceiptReply is what Huawei expects back.
func HMSReceiptReply() (string, []byte) {
	return "application/json", []byte(`{"errno":0,"errmsg":"success"}`)
}

// HMSReceipts are the receipt statuses' words by status, for the
// catalogues' test (vendors/all).
func HMSReceipts() map[string]string {
	out := map[string]string{}
	for code, c := range hmsStatusCodes() {
		out[strconv.Itoa(code)] = c.explanation
	}
	return out
}
