package honor

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

const (
	// authHost issues client-credentials tokens at /auth/token. Honor's
	// downlink-message reference (developer.honor.com/cn/docs/11002) and
	// the current SDKs (liyouping/pushapi 2025, and every 2025-26 client
	// found by search) use this URL. Seen elsewhere, older: the hihonor.com
	// host, and the Keycloak path
	// /auth/realms/developer/protocol/openid-connect/token on either host
	// (Honor's 2023 guide) — the same IAM behind another connector.
	authHost = "iam.developer.honor.com"
	authURL  = "https://" + authHost + "/auth/token"
	pushHost = "push-api.cloud.honor.com"
)

// sendURL takes the app's App ID (§4.2).
func sendURL(c models.Certificate) string {
	return "https://" + pushHost + "/api/v1/" + url.PathEscape(c.Settings.AppID) + "/sendMessage"
}

// answer is sendMessage's body. code is a number (200 on success).
type answer struct {
	Code    json.RawMessage `json:"code"`
	Message string          `json:"message"`
	Data    struct {
		SendResult   bool     `json:"sendResult"`
		RequestID    string   `json:"requestId"`
		FailTokens   []string `json:"failTokens"`
		ExpireTokens []string `json:"expireTokens"`
	} `json:"data"`
}

func fetchToken(client *http.Client, c models.Certificate, secrets models.CertificateSecrets) func(context.Context) (vendors.AccessToken, error) {
	return func(ctx context.Context) (vendors.AccessToken, error) {
		return vendors.ClientCredentials(ctx, client, authURL, c.Settings.ClientID, secrets.ClientSecret, func(ex vendors.Exchange) *vendors.AuthError {
			var body struct {
				Error            string `json:"error"`
				ErrorDescription string `json:"error_description"`
			}
			if json.Unmarshal(ex.Body, &body) != nil || body.Error == "" {
				body.Error = fmt.Sprintf("HTTP %d", ex.Status)
			}
			return &vendors.AuthError{Exchange: ex, Code: "oauth:" + body.Error, Message: body.ErrorDescription}
		})
	}
}

// Send pushes one notification and explains Honor's answer. Honor has no
// validate-only mode: a dry run stops before the call. An expired or
// refused access token is renewed and the send tried once more.
func (ch *Channel) Send(ctx context.Context, c models.Certificate, secrets models.CertificateSecrets, msg vendors.Message, token string) vendors.Result {
	client, err := ch.connector.HTTPClient(c, secrets)
	if err != nil {
		return vendors.UnusableCertificate(err)
	}
	body := buildRequest(msg, c, token)
	result := vendors.Result{Request: vendors.DescribeJSON(sendURL(c), []string{"Authorization: Bearer [redacted]", "timestamp: <ms>"}, buildRequest(msg, c, models.MaskToken(token)))}
	if msg.DryRun {
		return vendors.DryRunNotSent(result, "Honor")
	}
	result, err = ch.tokens.Send(ctx, ch.connector.CallTimeout(), vendors.CertificateKey(c, secrets), fetchToken(client, c, secrets), result, func(ctx context.Context, tok vendors.AccessToken, r vendors.Result) (vendors.Result, bool, error) {
		req, err := vendors.PostJSON(ctx, sendURL(c), body)
		if err != nil {
			return r, false, err
		}
		req.Header.Set("Authorization", "Bearer "+tok.Value)
		req.Header.Set("timestamp", strconv.FormatInt(time.Now().UnixMilli(), 10))
		ex, err := vendors.Call(client, req)
		if err != nil {
			return r, false, err
		}
		r, refused := readAnswer(r, ex, token)
		return r, refused, nil
	})
	if err != nil {
		if r, ok := vendors.AuthRefusal(result, err, func(ae *vendors.AuthError) vendors.Code { return explain(ae.Code, ae.Message) }); ok {
			return r
		}
		return vendors.NetworkFailure(result, "Honor Push", err, ch.connector.CallTimeout(), authHost, pushHost)
	}
	return result
}

// readAnswer reads sendMessage's answer: code 200 with this token in
// expireTokens or failTokens is a refusal of the token; other codes are
// looked up; a body without a code is read by its HTTP status. refused
// reports an access token Honor no longer takes.
func readAnswer(r vendors.Result, ex vendors.Exchange, token string) (vendors.Result, bool) {
	r.HTTPStatus, r.Response = ex.Status, ex.String()
	refused := ex.Status == http.StatusUnauthorized
	var a answer
	readable := json.Unmarshal(ex.Body, &a) == nil && len(a.Code) > 0
	if status := fmt.Sprintf("HTTP %d", ex.Status); ex.Status >= 400 {
		// A failing HTTP status speaks first unless the body names a code
		// Honor documents: its gateway answers flow control and outages with
		// the status and repeats it (or nothing useful) in the body.
		_, statusKnown := codes()[status]
		_, bodyKnown := codes()[strings.Trim(string(a.Code), `"`)]
		if !readable || (statusKnown && !bodyKnown) {
			r.Code = status
			return r.WithCode(explain(status, a.Message)), refused
		}
	}
	if !readable {
		return vendors.UnreadableAnswer(r, "Honor", ex), refused
	}
	r.Code, r.MessageID = strings.Trim(string(a.Code), `"`), a.Data.RequestID
	success := r.Code == "200" || r.Code == "80000000"
	switch {
	case success && slices.Contains(a.Data.ExpireTokens, token):
		// The message ("success") speaks of the request, not of this
		// token: it is not quoted under the token's refusal.
		r.Code = "expireToken"
		return r.WithCode(explain(r.Code, "")), refused
	case success && slices.Contains(a.Data.FailTokens, token):
		r.Code = "failToken"
		return r.WithCode(explain(r.Code, "")), refused
	case success && !a.Data.SendResult && a.Data.RequestID == "":
		// A success code with sendResult false and no request ID: Honor
		// took the call but says nothing was sent.
		return r.WithCode(vendors.Unknown("Honor answered "+r.Code+" but sendResult is false: the message was not sent", "send again; if it persists, ask Honor push support with the response shown")), refused
	}
	return r.WithCode(explain(r.Code, a.Message)), refused || r.Code == "80200003" || r.Code == "80200001"
}
