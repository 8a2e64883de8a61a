package huawei

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

const (
	authHost = "oauth-login.cloud.huawei.com"
	pushHost = "push-api.cloud.huawei.com"
	// authURL issues OAuth 2.0 client-credentials tokens (§3.1).
	authURL = "https://" + authHost + "/oauth2/v3/token"
)

// sendURL is the v1 send endpoint, which takes the OAuth client ID (§3.2).
func sendURL(c models.Certificate) string {
	return "https://" + pushHost + "/v1/" + url.PathEscape(c.Settings.ClientID) + "/messages:send"
}

// answer is the send API's body: a business code, its message, and the
// request ID Huawei's receipts and support refer to. Huawei writes code as
// a JSON string (docs/vendors/huawei.md §5); a number is read the same.
type answer struct {
	Code      json.RawMessage `json:"code"`
	Msg       string          `json:"msg"`
	RequestID string          `json:"requestId"`
}

// code is the business code, "" when there is none.
func (a answer) code() string { return vendors.BusinessCode(a.Code) }

// partial is msg of a partial success (80100000).
type partial struct {
	IllegalTokens []string `json:"illegal_tokens"`
}

// fetchToken exchanges the client credentials for an access token.
// Huawei's OAuth errors carry a numeric error, a sub_error and a
// description.
func fetchToken(client *http.Client, c models.Certificate, secrets models.CertificateSecrets) func(context.Context) (vendors.AccessToken, error) {
	return func(ctx context.Context) (vendors.AccessToken, error) {
		return vendors.ClientCredentials(ctx, client, authURL, c.Settings.ClientID, secrets.ClientSecret, func(ex vendors.Exchange) *vendors.AuthError {
			var body struct {
				Error            int    `json:"error"`
				SubError         int    `json:"sub_error"`
				ErrorDescription string `json:"error_description"`
			}
			if err := json.Unmarshal(ex.Body, &body); err != nil {
				return &vendors.AuthError{Exchange: ex, Code: fmt.Sprintf("HTTP %d", ex.Status), Message: "the token endpoint answered without Huawei's JSON"}
			}
			return &vendors.AuthError{Exchange: ex, Code: fmt.Sprintf("oauth:%d", body.Error),
				Message: fmt.Sprintf("%s (error %d, sub_error %d)", body.ErrorDescription, body.Error, body.SubError)}
		})
	}
}

// Send pushes one notification (or validates it, for a dry run) and
// explains Huawei's answer. An expired or refused access token is renewed
// and the send tried once more.
func (ch *Channel) Send(ctx context.Context, c models.Certificate, secrets models.CertificateSecrets, msg vendors.Message, token string) vendors.Result {
	client, err := ch.connector.HTTPClient(c, secrets)
	if err != nil {
		return vendors.UnusableCertificate(err)
	}
	body := buildRequest(msg, c, token)
	shown := buildRequest(msg, c, models.MaskToken(token))
	result := vendors.Result{Request: vendors.DescribeJSON(sendURL(c), []string{"Authorization: Bearer [redacted]"}, shown)}
	result, err = ch.tokens.Send(ctx, ch.connector.CallTimeout(), vendors.CertificateKey(c, secrets), fetchToken(client, c, secrets), result, func(ctx context.Context, tok vendors.AccessToken, r vendors.Result) (vendors.Result, bool, error) {
		return send(ctx, client, c, tok, body, token, r)
	})
	if err != nil {
		return failure(result, err, ch.connector.CallTimeout())
	}
	if result.Outcome == vendors.Accepted && msg.DryRun {
		result = vendors.DryRunValidated(result, "Huawei")
	}
	return result
}

// send makes one call with an access token and reads the answer; refused
// reports a token Huawei no longer takes.
func send(ctx context.Context, client *http.Client, c models.Certificate, tok vendors.AccessToken, body sendRequest, token string, r vendors.Result) (vendors.Result, bool, error) {
	req, err := vendors.PostJSON(ctx, sendURL(c), body)
	if err != nil {
		return r, false, err
	}
	req.Header.Set("Authorization", "Bearer "+tok.Value)
	ex, err := vendors.Call(client, req)
	if err != nil {
		return r, false, err
	}
	r, refused := readAnswer(r, ex, token)
	return r, refused, nil
}

// readAnswer reads the send API's answer: the business code (else the
// HTTP status), the request ID, and for a partial success whether this
// token was among the illegal ones. refused reports an access token Huawei
// no longer takes.
func readAnswer(r vendors.Result, ex vendors.Exchange, token string) (vendors.Result, bool) {
	r.HTTPStatus, r.Response = ex.Status, ex.String()
	refused := ex.Status == http.StatusUnauthorized
	var a answer
	readable := json.Unmarshal(ex.Body, &a) == nil
	code := a.code()
	_, documented := codes()[code]
	if !readable || code == "" || (!documented && ex.Status >= 500) {
		// No business code, or a gateway's failing status with a code
		// Huawei does not document (one that repeats the status): the
		// HTTP status speaks (§5: 503 is flow control, 500/502 outages).
		r.Code, r.MessageID = fmt.Sprintf("HTTP %d", ex.Status), a.RequestID
		return r.WithCode(explain(r.Code, a.Msg)), refused
	}
	r.Code, r.MessageID = code, a.RequestID
	r = r.WithCode(explain(code, a.Msg))
	if code == "80100000" {
		// A partial success: this token among the illegal ones is refused
		// (Huawei gives the same list for malformed and foreign tokens).
		var p partial
		if json.Unmarshal([]byte(a.Msg), &p) == nil && slices.Contains(p.IllegalTokens, token) {
			r = r.WithCode(vendors.BadRequest("Huawei listed this token among the illegal ones: it is malformed, of another app ID, or no longer valid (Huawei does not say which)",
				"check the certificate's app ID matches the app's; otherwise the app must report a fresh token from HmsInstanceId.getToken()"))
		}
	}
	return r, refused || code == "80200003" || code == "80200001"
}

// failure explains a send that got no answer: the token request was
// refused, or the network failed.
func failure(r vendors.Result, err error, timeout time.Duration) vendors.Result {
	if r, ok := vendors.AuthRefusal(r, err, explainAuth); ok {
		return r
	}
	return vendors.NetworkFailure(r, "Huawei Push Kit", err, timeout, authHost, pushHost)
}

func explainAuth(ae *vendors.AuthError) vendors.Code { return explain(ae.Code, ae.Message) }
