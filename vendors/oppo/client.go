package oppo

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

func authURL(host string) string { return "https://" + host + "/server/v1/auth" }
func unicastURL(host string) string {
	return "https://" + host + "/server/v1/message/notification/unicast"
}

// answer is OPPO's reply: code, message and data.
type answer struct {
	Code    *int            `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// authSign is OPPO's auth signature (§6.1): lowercase hex SHA-256 of
// app_key + timestamp + master_secret.
func authSign(appKey, timestamp, masterSecret string) string {
	return vendors.SHA256Hex(appKey, timestamp, masterSecret)
}

func fetchToken(client *http.Client, host string, c models.Certificate, secrets models.CertificateSecrets) func(context.Context) (vendors.AccessToken, error) {
	return func(ctx context.Context) (vendors.AccessToken, error) {
		ts := strconv.FormatInt(time.Now().UnixMilli(), 10)
		req, err := vendors.PostForm(ctx, authURL(host), url.Values{"app_key": {c.Settings.AppKey}, "timestamp": {ts},
			"sign": {authSign(c.Settings.AppKey, ts, secrets.MasterSecret)}})
		if err != nil {
			return vendors.AccessToken{}, err
		}
		ex, err := vendors.Call(client, req)
		if err != nil {
			return vendors.AccessToken{}, err
		}
		var a answer
		var data struct {
			AuthToken string `json:"auth_token"`
		}
		if json.Unmarshal(ex.Body, &a) != nil || a.Code == nil || *a.Code != 0 || json.Unmarshal(a.Data, &data) != nil || data.AuthToken == "" {
			code := a.Code
			if code != nil && *code == 0 {
				// Success without an auth_token: no code of the table may
				// explain it, least of all 0, which reads as the message
				// accepted though it was never sent.
				code = nil
			}
			return vendors.AccessToken{}, vendors.TokenRefused(ex, code, a.Message)
		}
		// auth_tokens last 24 hours (§6.1).
		return vendors.AccessToken{Value: data.AuthToken, ExpiresAt: time.Now().Add(24 * time.Hour)}, nil
	}
}

// Send pushes one notification through the host of the device's region.
// OPPO has no validate-only mode: a dry run stops before the call. A
// refused auth_token (code 11) is renewed and the send tried once more.
func (ch *Channel) Send(ctx context.Context, c models.Certificate, secrets models.CertificateSecrets, msg vendors.Message, token string) vendors.Result {
	client, err := ch.connector.HTTPClient(c, secrets)
	if err != nil {
		return vendors.UnusableCertificate(err)
	}
	host := hostOf(token)
	m := buildMessage(msg, c, token)
	shown, err := buildForm(buildMessage(msg, c, models.MaskToken(token)), "[redacted]")
	if err != nil {
		return vendors.UnusableCertificate(err)
	}
	result := vendors.Result{Request: vendors.DescribeForm(unicastURL(host), nil, shown)}
	if msg.DryRun {
		return vendors.DryRunNotSent(result, "OPPO")
	}
	key := vendors.CertificateKey(c, secrets, host)
	result, err = ch.tokens.Send(ctx, ch.connector.CallTimeout(), key, fetchToken(client, host, c, secrets), result, func(ctx context.Context, tok vendors.AccessToken, r vendors.Result) (vendors.Result, bool, error) {
		form, err := buildForm(m, tok.Value)
		if err != nil {
			return r, false, err
		}
		req, err := vendors.PostForm(ctx, unicastURL(host), form)
		if err != nil {
			return r, false, err
		}
		ex, err := vendors.Call(client, req)
		if err != nil {
			return r, false, err
		}
		r, refused := readAnswer(r, ex)
		return r, refused, nil
	})
	if err != nil {
		return failure(result, err, ch.connector.CallTimeout(), host)
	}
	return result
}

// readAnswer reads code and data.messageId. refused reports an auth_token
// OPPO no longer takes (11).
func readAnswer(r vendors.Result, ex vendors.Exchange) (vendors.Result, bool) {
	r.HTTPStatus, r.Response = ex.Status, ex.String()
	var a answer
	if json.Unmarshal(ex.Body, &a) != nil || a.Code == nil {
		return vendors.UnreadableAnswer(r, "OPPO", ex), false
	}
	var data struct {
		MessageID string `json:"messageId"`
	}
	if len(a.Data) > 0 && json.Unmarshal(a.Data, &data) == nil {
		r.MessageID = data.MessageID
	}
	r.Code = strconv.Itoa(*a.Code)
	r = r.WithCode(explain(*a.Code, a.Message))
	if *a.Code >= 10000 && speaksOfInvalidRegistration(a.Message) {
		r = r.WithCode(vendors.DeadToken("OPPO says the registration ID is invalid: "+a.Message,
			"the app must register with OPPO Push again (HeytapPushManager.register) and report the new registration ID"))
	}
	return r, *a.Code == 11
}

func failure(r vendors.Result, err error, timeout time.Duration, host string) vendors.Result {
	if r, ok := vendors.AuthRefusal(r, err, explainAuth); ok {
		return r
	}
	return vendors.NetworkFailure(r, "OPPO Push", err, timeout, host)
}

// explainAuth explains a refused auth call by its code.
func explainAuth(ae *vendors.AuthError) vendors.Code {
	code, err := strconv.Atoi(ae.Code)
	if err != nil {
		return vendors.Transient("OPPO's auth call answered "+ae.Code+" without an auth_token", "send again in a moment; if it persists, check the proxy in between")
	}
	return explain(code, ae.Message)
}

// speaksOfInvalidRegistration recognises OPPO's business answers about a
// bad registration ID. OPPO's per-interface codes are not published and its
// wording varies ("Invalid RegistrationId", "Invalid Registration Id",
// "invalid registration_id", "regId is invalid", "无效的registration_id"), so
// the message is read with spaces, underscores and hyphens folded away.
func speaksOfInvalidRegistration(message string) bool {
	m := strings.ToLower(message)
	m = strings.NewReplacer(" ", "", "_", "", "-", "").Replace(m)
	names := strings.Contains(m, "registrationid") || strings.Contains(m, "regid")
	bad := strings.Contains(m, "invalid") || strings.Contains(m, "illegal") || strings.Contains(m, "notexist") ||
		strings.Contains(m, "无效") || strings.Contains(m, "不合法") || strings.Contains(m, "不存在")
	return names && bad
}
