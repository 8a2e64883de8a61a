package vivo

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

const (
	authURL = "https://" + host + "/message/auth"
	sendURL = "https://" + host + "/message/send"
)

// answer is vivo's reply: result, desc, and for a send the taskId and
// per-target failures.
type answer struct {
	Result      *int   `json:"result"`
	Desc        string `json:"desc"`
	AuthToken   string `json:"authToken"`
	TaskID      string `json:"taskId"`
	InvalidUser *struct {
		UserID string `json:"userid"`
		Status int    `json:"status"`
	} `json:"invalidUser"`
}

type authRequest struct {
	AppID     string `json:"appId"`
	AppKey    string `json:"appKey"`
	Timestamp int64  `json:"timestamp"`
	Sign      string `json:"sign"`
}

// authSign is vivo's auth signature (§7.1): lowercase hex MD5 of appId +
// appKey + timestamp + appSecret.
func authSign(appID, appKey string, timestamp int64, appSecret string) string {
	return vendors.MD5Hex(appID, appKey, strconv.FormatInt(timestamp, 10), appSecret)
}

func fetchToken(client *http.Client, c models.Certificate, secrets models.CertificateSecrets) func(context.Context) (vendors.AccessToken, error) {
	return func(ctx context.Context) (vendors.AccessToken, error) {
		ts := time.Now().UnixMilli()
		req, err := vendors.PostJSON(ctx, authURL, authRequest{AppID: c.Settings.AppID, AppKey: c.Settings.AppKey, Timestamp: ts,
			Sign: authSign(c.Settings.AppID, c.Settings.AppKey, ts, secrets.AppSecret)})
		if err != nil {
			return vendors.AccessToken{}, err
		}
		ex, err := vendors.Call(client, req)
		if err != nil {
			return vendors.AccessToken{}, err
		}
		var a answer
		if json.Unmarshal(ex.Body, &a) != nil || a.Result == nil || *a.Result != 0 || a.AuthToken == "" {
			code := a.Result
			if code != nil && *code == 0 {
				// Success without an authToken: no code of the table may
				// explain it, least of all 0, which reads as the message
				// accepted though it was never sent.
				code = nil
			}
			return vendors.AccessToken{}, vendors.TokenRefused(ex, code, a.Desc)
		}
		return vendors.AccessToken{Value: a.AuthToken, ExpiresAt: time.Now().Add(24 * time.Hour)}, nil
	}
}

// Send pushes one notification. vivo has no validate-only mode (push mode
// test still delivers, to test devices): a dry run stops before the call.
// A refused authToken is renewed and the send tried once more.
func (ch *Channel) Send(ctx context.Context, c models.Certificate, secrets models.CertificateSecrets, msg vendors.Message, token string) vendors.Result {
	client, err := ch.connector.HTTPClient(c, secrets)
	if err != nil {
		return vendors.UnusableCertificate(err)
	}
	body := buildRequest(msg, c, token)
	shown := body
	shown.RegID = models.MaskToken(token)
	result := vendors.Result{Request: vendors.DescribeJSON(sendURL, []string{"authToken: [redacted]"}, shown)}
	if msg.DryRun {
		return vendors.DryRunNotSent(result, "vivo")
	}
	result, err = ch.tokens.Send(ctx, ch.connector.CallTimeout(), vendors.CertificateKey(c, secrets), fetchToken(client, c, secrets), result, func(ctx context.Context, tok vendors.AccessToken, r vendors.Result) (vendors.Result, bool, error) {
		req, err := vendors.PostJSON(ctx, sendURL, body)
		if err != nil {
			return r, false, err
		}
		req.Header.Set("authToken", tok.Value)
		ex, err := vendors.Call(client, req)
		if err != nil {
			return r, false, err
		}
		r, refused := readAnswer(r, ex)
		return r, refused, nil
	})
	if err != nil {
		if r, ok := vendors.AuthRefusal(result, err, explainAuth); ok {
			return r
		}
		return vendors.NetworkFailure(result, "vivo Push", err, ch.connector.CallTimeout(), host)
	}
	return result
}

// readAnswer reads result and taskId; an invalidUser entry is the token's
// own failure, reported as invalidUser:<status>. refused reports an
// authToken vivo no longer takes (10000).
func readAnswer(r vendors.Result, ex vendors.Exchange) (vendors.Result, bool) {
	r.HTTPStatus, r.Response = ex.Status, ex.String()
	var a answer
	if json.Unmarshal(ex.Body, &a) != nil || a.Result == nil {
		return vendors.UnreadableAnswer(r, "vivo", ex), false
	}
	r.Code, r.MessageID = strconv.Itoa(*a.Result), a.TaskID
	desc := a.Desc
	if a.InvalidUser != nil && a.InvalidUser.Status != 0 {
		r.Code = "invalidUser:" + strconv.Itoa(a.InvalidUser.Status)
		// The desc of an invalidUser answer is the request's ("请求成功"),
		// not the target's: it explains nothing about the failure.
		desc = ""
	}
	return r.WithCode(explain(r.Code, desc)), *a.Result == 10000
}

// explainAuth explains a refused auth call by its result; an answer
// without one (a gateway's error page, a success without an authToken) is
// kept by its HTTP status and read as transient, as OPPO's is.
func explainAuth(ae *vendors.AuthError) vendors.Code {
	if strings.HasPrefix(ae.Code, "HTTP ") {
		return vendors.Transient("vivo's auth call answered "+ae.Code+" without an authToken", "send again in a moment; if it persists, check the proxy in between")
	}
	return explain(ae.Code, ae.Message)
}
