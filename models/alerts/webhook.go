package alerts

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// The platforms' text messages, as their custom-bot documentation gives
// them.
type (
	// Feishu: {"msg_type":"text","content":{"text":…}}; with signing on,
	// timestamp (seconds, a string) and sign travel in the body.
	feishuText struct {
		Timestamp string      `json:"timestamp,omitempty"`
		Sign      string      `json:"sign,omitempty"`
		MsgType   string      `json:"msg_type"`
		Content   feishuInner `json:"content"`
	}
	feishuInner struct {
		Text string `json:"text"`
	}
	// DingTalk and WeCom: {"msgtype":"text","text":{"content":…}}.
	msgtypeText struct {
		MsgType string     `json:"msgtype"`
		Text    textInside `json:"text"`
	}
	textInside struct {
		Content string `json:"content"`
	}
	// Slack incoming webhooks: {"text":…}.
	slackText struct {
		Text string `json:"text"`
	}
)

// maxAnswerBytes is as much of a webhook's answer as is read: the
// platforms answer a few dozen bytes.
const maxAnswerBytes = 4 << 10

// maxReasonBytes bounds a failed delivery's reason as stored and shown.
const maxReasonBytes = 500

// deliver posts m to the webhook and records how it ended on the
// webhook's row. A refused or unreachable webhook is a delivery that
// failed, not an error; errors are the console's own (a webhook that
// does not open, the database).
func (s *Service) deliver(ctx context.Context, w models.AlertWebhook, m message) (models.WebhookDelivery, error) {
	ws, err := s.sealer.OpenWebhookSecrets(w)
	if err != nil {
		return models.WebhookDelivery{}, err
	}
	d := models.WebhookDelivery{OK: true, Message: "delivered", At: m.At}
	if err := s.post(ctx, w.Kind, ws, m); err != nil {
		d.OK, d.Message = false, models.TruncateUTF8(err.Error(), maxReasonBytes)
	}
	if err := s.store.RecordWebhookDelivery(ctx, w.AppID, d); err != nil {
		return d, err
	}
	return d, nil
}

// post sends one message and reads the platform's answer.
func (s *Service) post(ctx context.Context, kind models.WebhookKind, ws models.WebhookSecrets, m message) error {
	req, err := webhookRequest(ctx, kind, ws, m)
	if err != nil {
		return err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return unreachable(kind, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswerBytes))
	if err != nil {
		return fmt.Errorf("%s's answer could not be read: %w", kind.Label(), withoutURL(err))
	}
	return readAnswer(kind, resp.StatusCode, body)
}

// webhookRequest builds the platform's request for m, signed when the
// webhook has a secret.
func webhookRequest(ctx context.Context, kind models.WebhookKind, ws models.WebhookSecrets, m message) (*http.Request, error) {
	target, err := url.Parse(ws.URL)
	if err != nil {
		return nil, fmt.Errorf("the stored webhook URL does not parse")
	}
	var payload any
	switch kind {
	case models.WebhookFeishu:
		p := feishuText{MsgType: "text", Content: feishuInner{Text: m.Text}}
		if ws.Secret != "" {
			p.Timestamp = strconv.FormatInt(m.At.Unix(), 10)
			p.Sign = feishuSign(ws.Secret, p.Timestamp)
		}
		payload = p
	case models.WebhookDingTalk:
		payload = msgtypeText{MsgType: "text", Text: textInside{Content: m.Text}}
		if ws.Secret != "" {
			ts := strconv.FormatInt(m.At.UnixMilli(), 10)
			q := target.Query()
			q.Set("timestamp", ts)
			q.Set("sign", dingTalkSign(ws.Secret, ts)) // Encode URL-encodes it, as DingTalk requires
			target.RawQuery = q.Encode()
		}
	case models.WebhookWeCom:
		payload = msgtypeText{MsgType: "text", Text: textInside{Content: m.Text}}
	case models.WebhookSlack:
		payload = slackText{Text: m.Text}
	default:
		payload = m.generic()
	}
	var body bytes.Buffer
	enc := json.NewEncoder(&body)
	enc.SetEscapeHTML(false) // "<" and "&" stay readable in the chat's raw view
	if err := enc.Encode(payload); err != nil {
		return nil, fmt.Errorf("encode the %s message: %w", kind.Label(), err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target.String(), bytes.NewReader(body.Bytes()))
	if err != nil {
		return nil, fmt.Errorf("build the %s request: %w", kind.Label(), withoutURL(err))
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", "pushcheck")
	if kind == models.WebhookGeneric && ws.Secret != "" {
		ts := strconv.FormatInt(m.At.Unix(), 10)
		req.Header.Set("X-Pushcheck-Timestamp", ts)
		req.Header.Set("X-Pushcheck-Signature", "sha256="+genericSign(ws.Secret, ts, body.Bytes()))
	}
	return req, nil
}

// feishuSign is Feishu's custom-bot signature: HMAC-SHA256 keyed with
// "timestamp\nsecret" over an empty message, base64. (The key is the
// string to sign, as in Feishu's own SignDemo; it is not a slip.)
func feishuSign(secret, timestamp string) string {
	mac := hmac.New(sha256.New, []byte(timestamp+"\n"+secret))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// dingTalkSign is DingTalk's custom-robot signature: HMAC-SHA256 keyed
// with the secret over "timestamp\nsecret" (milliseconds), base64; the
// caller URL-encodes it into the query.
func dingTalkSign(secret, timestamp string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(timestamp + "\n" + secret))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// genericSign signs the generic kind's body: HMAC-SHA256 keyed with the
// secret over "timestamp.body", hex.
func genericSign(secret, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(timestamp + "."))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// readAnswer tells a delivered message from a refused one. Feishu,
// DingTalk and WeCom answer HTTP 200 even when they refuse (a wrong
// signature, a missing keyword), with the reason in their JSON.
func readAnswer(kind models.WebhookKind, status int, body []byte) error {
	words := strings.TrimSpace(models.TruncateUTF8(string(body), 200))
	if status < 200 || status > 299 {
		return fmt.Errorf("%s answered HTTP %d: %s", kind.Label(), status, words)
	}
	switch kind {
	case models.WebhookFeishu:
		var a struct {
			Code          *int   `json:"code"`
			Msg           string `json:"msg"`
			StatusCode    *int   `json:"StatusCode"` // the older answer's spelling
			StatusMessage string `json:"StatusMessage"`
		}
		if json.Unmarshal(body, &a) != nil || (a.Code == nil && a.StatusCode == nil) {
			return fmt.Errorf("Feishu answered HTTP %d without its JSON: %s", status, words)
		}
		if a.Code == nil {
			a.Code, a.Msg = a.StatusCode, a.StatusMessage
		}
		if *a.Code != 0 {
			return fmt.Errorf("Feishu refused the message: %d %s", *a.Code, a.Msg)
		}
	case models.WebhookDingTalk, models.WebhookWeCom:
		var a struct {
			ErrCode *int   `json:"errcode"`
			ErrMsg  string `json:"errmsg"`
		}
		if json.Unmarshal(body, &a) != nil || a.ErrCode == nil {
			return fmt.Errorf("%s answered HTTP %d without its JSON: %s", kind.Label(), status, words)
		}
		if *a.ErrCode != 0 {
			return fmt.Errorf("%s refused the message: %d %s", kind.Label(), *a.ErrCode, a.ErrMsg)
		}
	}
	return nil
}

// unreachable explains a post that got no answer, without the URL.
func unreachable(kind models.WebhookKind, err error) error {
	if vendors.IsTimeout(err) {
		return fmt.Errorf("%s did not answer in time: %w", kind.Label(), withoutURL(err))
	}
	return fmt.Errorf("%s could not be reached: %w", kind.Label(), withoutURL(err))
}

// withoutURL drops the request URL net/http puts in its errors: a bot's
// URL is its credential, and the reason is stored, shown and logged.
func withoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
