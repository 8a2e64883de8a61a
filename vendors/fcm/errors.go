package fcm

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"

	"firebase.google.com/go/v4/errorutils"

	"github.com/pushcheck/pushcheck/vendors"
)

// errorResponse is FCM's HTTP response behind an SDK error, if it got one.
func errorResponse(err error) *http.Response {
	return errorutils.HTTPResponse(err)
}

// The FcmError and ApnsError details of Google's error body.
const (
	fcmErrorType  = "type.googleapis.com/google.firebase.fcm.v1.FcmError"
	apnsErrorType = "type.googleapis.com/google.firebase.fcm.v1.ApnsError"
)

// googleErrorBody is Google's error body (docs/vendors/fcm.md §5):
// {"error":{"code":…,"message":…,"status":…,"details":[{"@type":…,"errorCode":…}]}};
// for iOS tokens details may also hold FCM's ApnsError{statusCode, reason}.
type googleErrorBody struct {
	Error struct {
		Message string `json:"message"`
		Status  string `json:"status"`
		Details []struct {
			Type       string `json:"@type"`
			ErrorCode  string `json:"errorCode"`
			StatusCode int    `json:"statusCode"`
			Reason     string `json:"reason"`
		} `json:"details"`
	} `json:"error"`
}

// fcmError is what FCM's error body says: its code, its message and, for
// an iOS token, what APNs answered FCM.
type fcmError struct {
	code, message, apns string
}

// errorCode reads FCM's code out of its error body, as the FCM docs advise:
// the FcmError detail's errorCode, verbatim, else the Google RPC status
// (docs/vendors/fcm.md §5; RESOURCE_EXHAUSTED is QUOTA_EXCEEDED's status).
// ok is false for a body that is not Google's error (a proxy's page).
func errorCode(body []byte) (e fcmError, ok bool) {
	var g googleErrorBody
	if json.Unmarshal(body, &g) != nil {
		return e, false
	}
	e.message = g.Error.Message
	for _, d := range g.Error.Details {
		switch d.Type {
		case fcmErrorType:
			if e.code == "" {
				e.code = d.ErrorCode
			}
		case apnsErrorType:
			e.apns = strings.TrimSpace(fmt.Sprintf("%d %s", d.StatusCode, d.Reason))
		}
	}
	switch {
	case e.code != "":
	case g.Error.Status == "":
		return e, false
	case g.Error.Status == "RESOURCE_EXHAUSTED":
		e.code = "QUOTA_EXCEEDED"
	default:
		e.code = g.Error.Status
	}
	return e, true
}

// keptAnswer is FCM's answer to one send, kept by keepAnswers.
type keptAnswer struct {
	mu       sync.Mutex
	exchange *vendors.Exchange
	header   http.Header
	stop     context.CancelFunc
}

type keptAnswerKey struct{}

// keepAnswer makes ctx's sends keep FCM's answer in the returned
// keptAnswer; stop ends ctx.
func keepAnswer(ctx context.Context) (context.Context, *keptAnswer) {
	ctx, stop := context.WithCancel(ctx)
	k := &keptAnswer{stop: stop}
	return context.WithValue(ctx, keptAnswerKey{}, k), k
}

// answer is the kept answer, if FCM answered.
func (k *keptAnswer) answer() (vendors.Exchange, http.Header, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.exchange == nil {
		return vendors.Exchange{}, nil, false
	}
	return *k.exchange, k.header, true
}

// keepAnswers is the transport under the SDK's sends. It keeps FCM's
// answer for the send's keptAnswer and, when FCM answers 503, stops the
// send: the SDK would otherwise retry it, honouring Retry-After, until the
// deadline, and a test harness must report FCM's answer, not a timeout.
type keepAnswers struct{ next http.RoundTripper }

func (t keepAnswers) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	k, ok := req.Context().Value(keptAnswerKey{}).(*keptAnswer)
	if err != nil || !ok {
		return resp, err
	}
	body, readErr := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	if readErr != nil {
		return nil, readErr
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	k.mu.Lock()
	k.exchange, k.header = &vendors.Exchange{Status: resp.StatusCode, Body: body}, resp.Header.Clone()
	k.mu.Unlock()
	if resp.StatusCode == http.StatusServiceUnavailable {
		k.stop()
	}
	return resp, nil
}
