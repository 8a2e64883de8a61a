package vendors

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// The six Android vendors speak plain HTTPS with JSON or form bodies; the
// helpers here make those calls and keep them for the delivery record.

// maxAnswer bounds how much of a vendor's answer is read.
const maxAnswer = 1 << 20

// Exchange is a vendor's answer to one call.
type Exchange struct {
	Status int
	Body   []byte
}

// String is the answer as stored with a delivery.
func (e Exchange) String() string { return fmt.Sprintf("HTTP %d\n\n%s", e.Status, e.Body) }

// Call sends req and reads the whole answer. Any HTTP status is an
// answer; only a call that did not complete is an error.
func Call(client *http.Client, req *http.Request) (Exchange, error) {
	resp, err := client.Do(req)
	if err != nil {
		return Exchange{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return Exchange{Status: resp.StatusCode}, fmt.Errorf("reading the answer: %w", err)
	}
	return Exchange{Status: resp.StatusCode, Body: body}, nil
}

// PostForm builds a form-urlencoded POST.
func PostForm(ctx context.Context, endpoint string, form url.Values) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
	return req, nil
}

// PostJSON builds a JSON POST of body.
func PostJSON(ctx context.Context, endpoint string, body any) (*http.Request, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json;charset=UTF-8")
	return req, nil
}

// DescribeJSON is a JSON request as stored with a delivery; callers pass
// the body with the device token masked and headers with secrets
// redacted.
func DescribeJSON(endpoint string, headers []string, body any) string {
	raw, err := json.MarshalIndent(body, "", "  ")
	if err != nil {
		raw = []byte("(body could not be encoded: " + err.Error() + ")")
	}
	return describe(endpoint, headers, string(raw))
}

// DescribeForm is a form request as stored with a delivery, one decoded
// field per line so people can read it.
func DescribeForm(endpoint string, headers []string, form url.Values) string {
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, v := range form[k] {
			b.WriteString(k + "=" + v + "\n")
		}
	}
	return describe(endpoint, headers, strings.TrimSuffix(b.String(), "\n"))
}

func describe(endpoint string, headers []string, body string) string {
	var b strings.Builder
	b.WriteString("POST " + endpoint + "\n")
	for _, h := range headers {
		b.WriteString(h + "\n")
	}
	b.WriteString("\n" + body)
	return b.String()
}

// AuthError is a vendor refusing the credentials of a token request (or
// answering it in a way that gave no token).
type AuthError struct {
	Exchange Exchange
	Code     string // the vendor's code, verbatim
	Message  string // the vendor's words
}

func (e *AuthError) Error() string {
	return fmt.Sprintf("auth refused (HTTP %d, code %s): %s", e.Exchange.Status, e.Code, e.Message)
}

// NetworkFailure explains a call that did not complete: a timeout or a
// network failure on the way to hosts.
func NetworkFailure(r Result, vendor string, err error, timeout time.Duration, hosts ...string) Result {
	r.Outcome, r.Kind, r.Code = Failed, models.AnswerTransient, "network"
	if IsTimeout(err) {
		r.Explanation = fmt.Sprintf("%s did not answer within %s", vendor, timeout)
	} else {
		r.Explanation = vendor + " could not be reached: " + err.Error()
	}
	r.Fix = "check DNS, the proxy (HTTPS_PROXY) and clients port 443 to " + strings.Join(hosts, " and ")
	return r
}

// UnusableCertificate explains a certificate whose credentials could not even be
// put to use (no connector to the sandbox, unreadable settings).
func UnusableCertificate(err error) Result {
	return Result{Outcome: Failed, Kind: models.AnswerAuth, Code: "credentials", Explanation: "the certificate could not be used: " + err.Error(),
		Fix: "open the certificate, check its fields, save it again and run Test connection"}
}

// CertificateKey names a certificate's credentials in caches: a hash of
// its secrets, settings and environment. Changed credentials make a new key,
// so old tokens are never used with them; a rename, a Test connection or a
// quota change keeps the key, so the live access token (or APNs provider
// token, which Apple refuses to see renewed more than once in 20 minutes)
// is reused.
func CertificateKey(c models.Certificate, secrets models.CertificateSecrets, extra ...string) string {
	h := sha256.New()
	// Both are plain structs of strings and bytes: encoding cannot fail.
	secretJSON, _ := json.Marshal(secrets)
	settingsJSON, _ := json.Marshal(c.Settings)
	for _, part := range [][]byte{secretJSON, settingsJSON, []byte(c.Environment)} {
		h.Write(part)
		h.Write([]byte{0})
	}
	return strings.Join(append([]string{fmt.Sprint(c.ID), hex.EncodeToString(h.Sum(nil))}, extra...), "|")
}

// DryRunNotSent is a dry run on a vendor without a validate-only mode: the
// request was built (and is shown) but not sent, so nothing is known of
// the vendor's answer and nothing is counted.
func DryRunNotSent(r Result, vendor string) Result {
	r.Outcome, r.Kind = NotSent, models.AnswerNotSent
	r.Explanation = "not sent: " + vendor + " has no dry run, so the request was built and is shown here but never left pushcheck"
	r.Fix = "send without dry run to a test device to see " + vendor + "'s answer"
	return r
}

// DryRunValidated is a dry run the vendor accepted in its validate-only
// mode: the message is well formed, and nothing was delivered.
func DryRunValidated(r Result, vendor string) Result {
	r.Outcome, r.Kind = Validated, models.AnswerValidated
	r.Explanation = "validated by " + vendor + " (dry run): the message is well formed, and nothing was delivered"
	r.Fix = ""
	return r
}

// ClientCredentials requests an OAuth 2.0 client-credentials access token
// (Huawei, Honor). refused reads the vendor's own error out of an answer
// that carries no token.
func ClientCredentials(ctx context.Context, client *http.Client, tokenURL, id, secret string, refused func(Exchange) *AuthError) (AccessToken, error) {
	req, err := PostForm(ctx, tokenURL, url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}})
	if err != nil {
		return AccessToken{}, err
	}
	ex, err := Call(client, req)
	if err != nil {
		return AccessToken{}, err
	}
	var body struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int64  `json:"expires_in"`
	}
	if json.Unmarshal(ex.Body, &body) != nil || body.AccessToken == "" {
		return AccessToken{}, refused(ex)
	}
	return AccessToken{Value: body.AccessToken, ExpiresAt: time.Now().Add(time.Duration(body.ExpiresIn) * time.Second)}, nil
}

// AuthRefusal explains a send whose token request the vendor refused;
// ok is false when err is something else (the network).
func AuthRefusal(r Result, err error, explain func(*AuthError) Code) (Result, bool) {
	var ae *AuthError
	if !errors.As(err, &ae) {
		return r, false
	}
	r.HTTPStatus, r.Code, r.Response = ae.Exchange.Status, ae.Code, "(token request) "+ae.Exchange.String()
	return r.WithCode(explain(ae)), true
}

// UnreadableAnswer explains an answer without the vendor's body (a proxy's
// error page, a gateway failure): it is kept by its HTTP status.
func UnreadableAnswer(r Result, vendor string, ex Exchange) Result {
	r.Outcome, r.Kind, r.Code = Failed, models.AnswerUnknown, fmt.Sprintf("HTTP %d", ex.Status)
	if ex.Status >= 500 {
		r.Kind = models.AnswerTransient
	}
	r.Explanation = vendor + " answered without its usual body"
	r.Fix = "send again in a moment; if it persists, check the proxy in between"
	return r
}

// TokenRefused is the error of a token request answered without a token:
// the vendor's code when its body has one (code), else the HTTP status.
func TokenRefused(ex Exchange, code *int, message string) *AuthError {
	c := fmt.Sprintf("HTTP %d", ex.Status)
	if code != nil {
		c = strconv.Itoa(*code)
	}
	return &AuthError{Exchange: ex, Code: c, Message: message}
}
