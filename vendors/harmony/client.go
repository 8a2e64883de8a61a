package harmony

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

const pushHost = "push-api.cloud.huawei.com"

// sendURL is the v3 send endpoint, which takes the AppGallery Connect
// project ID, the key file's project_id (push-scenariozed-api-request-struct).
func sendURL(c models.Certificate) string {
	return "https://" + pushHost + "/v3/" + url.PathEscape(c.Settings.ProjectID) + "/messages:send"
}

// answer is the send API's body. code is a JSON string (a number is read
// the same); msg is text, or for refused tokens a JSON string.
type answer struct {
	Code      json.RawMessage `json:"code"`
	Msg       string          `json:"msg"`
	RequestID string          `json:"requestId"`
}

// illegal is msg of 80100000 and 80300007: the refused tokens grouped by
// reason, e.g. {"illegalTokens":{"noRight":["MAAALgE…"]},"failure":1}.
type illegal struct {
	IllegalTokens map[string][]string `json:"illegalTokens"`
	Success       int                 `json:"success"`
	Failure       int                 `json:"failure"`
}

// reasonOf is the reason the token was refused for, if it was.
func (p illegal) reasonOf(token string) (string, bool) {
	var names []string
	for reason := range p.IllegalTokens {
		names = append(names, reason)
	}
	slices.Sort(names) // a token listed twice gets the same reason every time
	for _, reason := range names {
		if slices.Contains(p.IllegalTokens[reason], token) {
			return reason, true
		}
	}
	return "", false
}

// mintError is a JWT that could not be signed (a key file that does not
// parse, a key that cannot sign): the certificate's fault, not the network's.
type mintError struct{ err error }

func (e mintError) Error() string { return e.err.Error() }

// Send pushes one message. A dry run is built and shown, not sent: v3 has
// no validate-only mode. A JWT Huawei calls expired is minted anew and the
// send tried once more.
func (ch *Channel) Send(ctx context.Context, c models.Certificate, secrets models.CertificateSecrets, msg vendors.Message, token string) vendors.Result {
	client, err := ch.connector.HTTPClient(c, secrets)
	if err != nil {
		return vendors.UnusableCertificate(err)
	}
	req := buildRequest(msg, c, token)
	shown := buildRequest(msg, c, models.MaskToken(token))
	headers := []string{"Authorization: Bearer [redacted]", "push-type: " + strconv.Itoa(req.pushType)}
	result := vendors.Result{Request: vendors.DescribeJSON(sendURL(c), headers, shown.body)}
	if msg.DryRun {
		return vendors.DryRunNotSent(result, "Push Kit v3")
	}
	// The key file is read only when a JWT is signed: a cached JWT serves
	// a fan-out without parsing the RSA key for every device.
	mint := func(context.Context) (vendors.AccessToken, error) {
		key, err := loadKey(secrets)
		if err != nil {
			return vendors.AccessToken{}, mintError{err}
		}
		tok, err := key.mint(ch.now())
		if err != nil {
			return tok, mintError{err}
		}
		return tok, nil
	}
	result, err = ch.tokens.Send(ctx, ch.connector.CallTimeout(), vendors.CertificateKey(c, secrets), mint, result, func(ctx context.Context, tok vendors.AccessToken, r vendors.Result) (vendors.Result, bool, error) {
		return send(ctx, client, c, tok, req, token, r)
	})
	var me mintError
	switch {
	case errors.As(err, &me):
		return vendors.UnusableCertificate(me.err)
	case err != nil:
		return vendors.NetworkFailure(result, "Huawei Push Kit", err, ch.connector.CallTimeout(), pushHost)
	}
	return result
}

// send makes one call with a JWT and reads the answer; refused reports a
// JWT Huawei calls expired.
func send(ctx context.Context, client *http.Client, c models.Certificate, tok vendors.AccessToken, req request, token string, r vendors.Result) (vendors.Result, bool, error) {
	post, err := vendors.PostJSON(ctx, sendURL(c), req.body)
	if err != nil {
		return r, false, err
	}
	post.Header.Set("Content-Type", "application/json") // as Huawei's samples write it
	post.Header.Set("Authorization", "Bearer "+tok.Value)
	post.Header.Set("push-type", strconv.Itoa(req.pushType))
	ex, err := vendors.Call(client, post)
	if err != nil {
		return r, false, err
	}
	r = readAnswer(r, ex, token)
	return r, r.Code == "80200005", nil
}

// readAnswer reads the business code (else the HTTP status), the request
// ID, and for refused tokens the reason given for this one.
func readAnswer(r vendors.Result, ex vendors.Exchange, token string) vendors.Result {
	r.HTTPStatus, r.Response = ex.Status, ex.String()
	var a answer
	readable := json.Unmarshal(ex.Body, &a) == nil
	code := vendors.BusinessCode(a.Code)
	_, documented := codes()[code]
	if !readable || code == "" || (!documented && ex.Status >= 500) {
		// No business code, or a gateway's failing status repeating
		// itself as a code: the HTTP status speaks (503 is flow control).
		r.Code, r.MessageID = fmt.Sprintf("HTTP %d", ex.Status), a.RequestID
		return r.WithCode(explain(r.Code, a.Msg))
	}
	r.Code, r.MessageID = code, a.RequestID
	if code != "80100000" && code != "80300007" {
		return r.WithCode(explain(code, a.Msg))
	}
	var p illegal
	if err := json.Unmarshal([]byte(a.Msg), &p); err != nil {
		// msg is not the documented JSON: its text ("Check Parameter
		// Partial Success.") says no more than the code; the response keeps it.
		return r.WithCode(explain(code, ""))
	}
	if reason, listed := p.reasonOf(token); listed {
		r.Code = reasonCode(code, reason)
		return r.WithCode(explainReason(reason))
	}
	if code == "80100000" {
		return r.WithCode(vendors.Accept("Huawei accepted the message for this token; other tokens of the request were refused"))
	}
	return r.WithCode(explain(code, ""))
}
