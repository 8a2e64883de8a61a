package fcm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"firebase.google.com/go/v4/messaging"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/google"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

const scope = "https://www.googleapis.com/auth/firebase.messaging"

// Channel is Google FCM. It keeps one messaging client (with its cached
// OAuth access token) per certificate, rebuilt when the certificate changes.
// Both the token exchange and the sends go through the clients factory.
type Channel struct {
	connector *vendors.Connector
	emulator  *Emulator

	mu      sync.Mutex
	clients map[int64]cachedClient
}

type cachedClient struct {
	version string
	client  *messaging.Client
	tokens  oauth2.TokenSource // cached access token, refreshed when near expiry
}

// New builds the channel; sandbox may be nil.
func New(clients *vendors.ClientFactory, sandbox *vendors.Sandbox) *Channel {
	em := NewEmulator()
	return &Channel{connector: vendors.NewConnector(models.VendorFCM, clients, sandbox, em, false, "fcm.googleapis.com", "oauth2.googleapis.com"), emulator: em, clients: map[int64]cachedClient{}}
}

// Vendor names the channel.
func (*Channel) Vendor() models.Vendor { return models.VendorFCM }

func (ch *Channel) client(ctx context.Context, c models.Certificate, secrets models.CertificateSecrets) (cachedClient, error) {
	ch.mu.Lock()
	defer ch.mu.Unlock()
	version := vendors.CertificateKey(c, secrets)
	if cached, ok := ch.clients[c.ID]; ok && cached.version == version {
		return cached, nil
	}
	out, err := ch.connector.For(c)
	if err != nil {
		return cachedClient{}, err
	}
	sa, err := parseServiceAccount(secrets.ServiceAccountJSON)
	if err != nil {
		return cachedClient{}, err
	}
	if c.Sandboxed() {
		if err := ch.emulator.AcceptServiceAccount(sa); err != nil {
			return cachedClient{}, err
		}
		ch.emulator.book.Remember(sa.ClientEmail, c)
	}
	// The token exchange goes to the key's token_uri through the clients
	// client: x/oauth2 takes its HTTP client from the context.
	oauthCtx := context.WithValue(context.Background(), oauth2.HTTPClient, out.Client(nil))
	creds, err := google.CredentialsFromJSON(oauthCtx, secrets.ServiceAccountJSON, scope)
	if err != nil {
		return cachedClient{}, fmt.Errorf("the service account does not load: %w", err)
	}
	tokens := oauth2.ReuseTokenSource(nil, creds.TokenSource)
	httpClient := oauth2.NewClient(oauthCtx, tokens)
	httpClient.Transport = keepAnswers{next: httpClient.Transport}
	httpClient.Timeout = out.CallTimeout()
	client, err := newMessagingClient(ctx, sa.ProjectID, httpClient)
	if err != nil {
		return cachedClient{}, fmt.Errorf("firebase messaging: %w", err)
	}
	cached := cachedClient{version: version, client: client, tokens: tokens}
	ch.clients[c.ID] = cached
	return cached, nil
}

// Send pushes one message (or validates it, for a dry run) and explains
// FCM's answer.
func (ch *Channel) Send(ctx context.Context, c models.Certificate, secrets models.CertificateSecrets, msg vendors.Message, token string) vendors.Result {
	cached, err := ch.client(ctx, c, secrets)
	if err != nil {
		return vendors.Result{Outcome: vendors.Failed, Kind: models.AnswerAuth, Explanation: "the certificate's service account could not be used: " + err.Error(),
			Fix: "open the certificate, upload the service-account JSON again, and run Test connection"}
	}
	m := message(msg, token)
	result := vendors.Result{Request: describeRequest(c.Settings.ProjectID, m, msg.DryRun)}
	ctx, cancel := context.WithTimeout(ctx, ch.connector.CallTimeout())
	defer cancel()
	start := time.Now()
	// Fetch the access token first: a refused service account is then
	// reported as what it is, not retried by the SDK until the deadline.
	if _, err := cached.tokens.Token(); err != nil {
		result.Latency = time.Since(start)
		return readError(result, err, nil, ch.connector.CallTimeout())
	}
	sendCtx, kept := keepAnswer(ctx)
	defer kept.stop()
	var name string
	if msg.DryRun {
		name, err = cached.client.SendDryRun(sendCtx, m)
	} else {
		name, err = cached.client.Send(sendCtx, m)
	}
	result.Latency = time.Since(start)
	if err == nil {
		result.Outcome, result.Kind, result.HTTPStatus, result.MessageID = vendors.Accepted, models.AnswerAccepted, http.StatusOK, name
		result.Response = fmt.Sprintf("HTTP 200\n\n{\"name\":%q}", name)
		result.Explanation = "FCM accepted the message for delivery"
		if msg.DryRun {
			result = vendors.DryRunValidated(result, "FCM")
		}
		return result
	}
	return readError(result, err, kept, ch.connector.CallTimeout())
}

// readError turns the firebase SDK's error into FCM's code, HTTP status
// and body, or an OAuth or network failure. kept is FCM's answer to the
// send when the SDK was stopped before it made an error of it (a 503).
func readError(r vendors.Result, err error, kept *keptAnswer, timeout time.Duration) vendors.Result {
	var retrieve *oauth2.RetrieveError
	if errors.As(err, &retrieve) {
		code, description := retrieve.ErrorCode, retrieve.ErrorDescription
		if code == "" {
			// x/oauth2/jwt leaves Google's JSON error unparsed.
			var body struct {
				Error            string `json:"error"`
				ErrorDescription string `json:"error_description"`
			}
			if json.Unmarshal(retrieve.Body, &body) == nil {
				code, description = body.Error, body.ErrorDescription
			}
		}
		r.HTTPStatus = retrieve.Response.StatusCode
		r.Code = "oauth:" + code
		r.Response = fmt.Sprintf("HTTP %d (token exchange)\n\n%s", retrieve.Response.StatusCode, retrieve.Body)
		return r.WithCode(explain(r.Code, description))
	}
	if resp := errorResponse(err); resp != nil {
		body, readErr := io.ReadAll(resp.Body)
		if readErr != nil {
			body = []byte("(body unreadable: " + readErr.Error() + ")")
		}
		return readAnswer(r, vendors.Exchange{Status: resp.StatusCode, Body: body}, resp.Header)
	}
	if kept != nil {
		if ex, header, ok := kept.answer(); ok && ex.Status != http.StatusOK {
			return readAnswer(r, ex, header)
		}
	}
	r.Outcome, r.Kind, r.Code = vendors.Failed, models.AnswerTransient, "network"
	if vendors.IsTimeout(err) {
		r.Explanation = fmt.Sprintf("FCM did not answer within %s", timeout)
	} else {
		r.Explanation = "FCM could not be reached: " + err.Error()
	}
	r.Fix = "check DNS, the proxy (HTTPS_PROXY) and clients port 443 to fcm.googleapis.com and oauth2.googleapis.com"
	return r
}

// readAnswer reads FCM's error answer: its code (the FcmError errorCode,
// else the RPC status) explained with FCM's message and what APNs answered
// FCM, or, for a body that is not Google's error, the HTTP status. A
// Retry-After is passed on.
func readAnswer(r vendors.Result, ex vendors.Exchange, header http.Header) vendors.Result {
	r.HTTPStatus = ex.Status
	retryAfter := header.Get("Retry-After")
	r.Response = fmt.Sprintf("HTTP %d\n", ex.Status)
	if retryAfter != "" {
		r.Response += "Retry-After: " + retryAfter + "\n"
	}
	r.Response += "\n" + string(ex.Body)
	e, ok := errorCode(ex.Body)
	if !ok {
		return vendors.UnreadableAnswer(r, "FCM", ex)
	}
	r.Code = e.code
	r = r.WithCode(explain(e.code, e.message))
	if e.apns != "" {
		r.Explanation += " (APNs answered FCM " + e.apns + ")"
	}
	if retryAfter != "" && r.Outcome == vendors.Failed {
		wait := "until " + retryAfter
		if _, err := strconv.Atoi(retryAfter); err == nil {
			wait = retryAfter + " seconds"
		}
		r.Fix = "FCM asks to wait " + wait + " (Retry-After) before sending again; " + r.Fix
	}
	return r
}
