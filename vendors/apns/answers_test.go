package apns

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// Recorded APNs answers, in the shape docs/vendors/apns.md §5 gives:
// HTTP 200 with an empty body and the apns-id header (plus
// apns-unique-id on the development host); errors with the apns-id header
// and {"reason":"…"}, a 410 also with "timestamp" in milliseconds. Each
// is replayed through api.push.apple.com (or api.sandbox.push.apple.com)
// over HTTP/2 TLS to the real Send.

const recordedID = "7d2b2a7c-4f1e-4b7a-9d35-0c1f5e9a2b61"

// apple is an answer as APNs writes it: apns-id on every answer, JSON
// when there is a body.
func apple(status int, body string, headers ...string) vendortest.Recorded {
	h := map[string]string{"apns-id": recordedID}
	if body != "" {
		h["Content-Type"] = "application/json; charset=utf-8"
	}
	for i := 0; i+1 < len(headers); i += 2 {
		h[headers[i]] = headers[i+1]
	}
	return vendortest.Recorded{Status: status, Header: h, Body: body}
}

// reason is an error answer carrying only Apple's reason.
func reason(status int, r string) vendortest.Recorded {
	return apple(status, `{"reason":"`+r+`"}`)
}

type apnsAnswer struct {
	name   string
	dev    bool // sent to the development host
	answer vendortest.Recorded
	want   vendortest.Reading
}

func apnsAnswers() []apnsAnswer {
	rejected := func(code string, kind models.AnswerKind) vendortest.Reading {
		return vendortest.Reading{Code: code, Outcome: vendors.Rejected, Kind: kind}
	}
	bad := func(code string) vendortest.Reading { return rejected(code, models.AnswerBadRequest) }
	auth := func(code string) vendortest.Reading { return rejected(code, models.AnswerAuth) }
	failed := func(code string) vendortest.Reading {
		return vendortest.Reading{Code: code, Outcome: vendors.Failed, Kind: models.AnswerTransient}
	}
	ok := vendortest.Reading{Code: "", Outcome: vendors.Accepted, Kind: models.AnswerAccepted}
	return []apnsAnswer{
		{"200 production", false, apple(200, ""), ok},
		{"200 development with apns-unique-id", true, apple(200, "", "apns-unique-id", "3f9b0c2e-6a41-4d7b-8e8f-5b2d1c0a9e77"), ok},

		{"400 BadCollapseId", false, reason(400, "BadCollapseId"), bad("BadCollapseId")},
		// An environment mismatch gives it to a healthy device: never dead.
		{"400 BadDeviceToken", false, reason(400, "BadDeviceToken"), bad("BadDeviceToken")},
		{"400 BadDeviceToken from the development host", true, reason(400, "BadDeviceToken"), bad("BadDeviceToken")},
		{"400 BadExpirationDate", false, reason(400, "BadExpirationDate"), bad("BadExpirationDate")},
		{"400 BadMessageId", false, reason(400, "BadMessageId"), bad("BadMessageId")},
		{"400 BadPriority", false, reason(400, "BadPriority"), bad("BadPriority")},
		{"400 BadTopic", false, reason(400, "BadTopic"), bad("BadTopic")},
		{"400 DeviceTokenNotForTopic", false, reason(400, "DeviceTokenNotForTopic"), bad("DeviceTokenNotForTopic")},
		{"400 DuplicateHeaders", false, reason(400, "DuplicateHeaders"), bad("DuplicateHeaders")},
		{"400 IdleTimeout", false, reason(400, "IdleTimeout"), failed("IdleTimeout")},
		{"400 InvalidPushType", false, reason(400, "InvalidPushType"), bad("InvalidPushType")},
		{"400 MissingDeviceToken", false, reason(400, "MissingDeviceToken"), bad("MissingDeviceToken")},
		{"400 MissingTopic", false, reason(400, "MissingTopic"), bad("MissingTopic")},
		{"400 PayloadEmpty", false, reason(400, "PayloadEmpty"), bad("PayloadEmpty")},
		{"400 TopicDisallowed", false, reason(400, "TopicDisallowed"), bad("TopicDisallowed")},

		{"403 BadCertificate", false, reason(403, "BadCertificate"), auth("BadCertificate")},
		{"403 BadCertificateEnvironment", false, reason(403, "BadCertificateEnvironment"), auth("BadCertificateEnvironment")},
		{"403 ExpiredProviderToken", false, reason(403, "ExpiredProviderToken"), auth("ExpiredProviderToken")},
		{"403 Forbidden", false, reason(403, "Forbidden"), auth("Forbidden")},
		{"403 InvalidProviderToken", false, reason(403, "InvalidProviderToken"), auth("InvalidProviderToken")},
		{"403 MissingProviderToken", false, reason(403, "MissingProviderToken"), auth("MissingProviderToken")},

		{"404 BadPath", false, reason(404, "BadPath"), bad("BadPath")},
		{"405 MethodNotAllowed", false, reason(405, "MethodNotAllowed"), bad("MethodNotAllowed")},

		{"410 ExpiredToken with timestamp", false, apple(410, `{"reason":"ExpiredToken","timestamp":1714060800000}`), rejected("ExpiredToken", models.AnswerDeadToken)},
		{"410 Unregistered with timestamp", false, apple(410, `{"reason":"Unregistered","timestamp":1714060800000}`), rejected("Unregistered", models.AnswerDeadToken)},
		{"410 Unregistered from the development host", true, apple(410, `{"reason":"Unregistered","timestamp":1700000000123}`), rejected("Unregistered", models.AnswerDeadToken)},

		{"413 PayloadTooLarge", false, reason(413, "PayloadTooLarge"), bad("PayloadTooLarge")},

		// The signing key's renewals, not a device: it passes.
		{"429 TooManyProviderTokenUpdates", false, reason(429, "TooManyProviderTokenUpdates"), failed("TooManyProviderTokenUpdates")},
		// "the same device token": this device only.
		{"429 TooManyRequests", false, reason(429, "TooManyRequests"), rejected("TooManyRequests", models.AnswerDeviceLimit)},

		{"500 InternalServerError", false, reason(500, "InternalServerError"), failed("InternalServerError")},
		{"503 ServiceUnavailable", false, reason(503, "ServiceUnavailable"), failed("ServiceUnavailable")},
		// Retry-After is not in Apple's table: the reason alone is read.
		{"503 ServiceUnavailable with Retry-After", false, apple(503, `{"reason":"ServiceUnavailable"}`, "Retry-After", "120"), failed("ServiceUnavailable")},
		{"503 Shutdown", false, reason(503, "Shutdown"), failed("Shutdown")},

		// A reason Apple's table does not have yet: its own words, unknown.
		{"400 a reason not in Apple's table", false, reason(400, "UnknownPushReason"), rejected("UnknownPushReason", models.AnswerUnknown)},
		// An error status without the JSON reason: the status speaks.
		{"500 without a body", false, apple(500, ""), failed("HTTP 500")},
		{"503 without a body", false, apple(503, ""), failed("HTTP 503")},
		// A 410 without its reason does not condemn the token.
		{"410 without a body", false, apple(410, ""), rejected("HTTP 410", models.AnswerUnknown)},
	}
}

// replayAPNs is a channel whose Send reaches the recorded answers through
// Apple's real hostnames over HTTP/2 TLS.
func replayAPNs(t *testing.T) (*Channel, *vendortest.Replay) {
	t.Helper()
	replay := vendortest.NewReplay("")
	return New(vendortest.Fake(t, replay, "api.push.apple.com", "api.sandbox.push.apple.com"), nil), replay
}

func TestRecordedAPNsAnswersThroughSend(t *testing.T) {
	ch, replay := replayAPNs(t)
	prod, secrets := tokenCertificate(t, NewEmulator(), false)
	dev := prod
	dev.ID, dev.Environment = prod.ID+1, models.CertDevelopment
	table := codes()
	for _, tc := range apnsAnswers() {
		t.Run(tc.name, func(t *testing.T) {
			replay.Answer(tc.answer, nil)
			c := prod
			if tc.dev {
				c = dev
			}
			r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "Bob", Desc: "hi"}, goodToken)
			vendortest.CheckReading(t, r, tc.want, table)
			if replay.Sends() != 1 {
				t.Errorf("%d calls to APNs, want 1", replay.Sends())
			}
			if r.HTTPStatus != tc.answer.Status || r.MessageID != recordedID {
				t.Errorf("HTTP %d, apns-id %q: the status and apns-id were not kept", r.HTTPStatus, r.MessageID)
			}
			if !strings.HasPrefix(r.Response, fmt.Sprintf("HTTP %d\napns-id: %s", tc.answer.Status, recordedID)) {
				t.Errorf("response: %q", r.Response)
			}
			if unique := tc.answer.Header["apns-unique-id"]; r.UniqueID != unique || (unique != "" && !strings.Contains(r.Response, "apns-unique-id: "+unique)) {
				t.Errorf("apns-unique-id %q, want %q", r.UniqueID, unique)
			}
			if tc.answer.Status == http.StatusGone && tc.want.Code != "HTTP 410" {
				// The 410's timestamp (when APNs last saw the token invalid) is
				// kept, to the second: apns2 reads whole seconds.
				var ms int64
				fmt.Sscanf(tc.answer.Body[strings.Index(tc.answer.Body, `"timestamp":`)+len(`"timestamp":`):], "%d", &ms)
				if ts := fmt.Sprintf(`"timestamp":%d`, ms/1000*1000); !strings.Contains(r.Response, ts) {
					t.Errorf("the 410 timestamp %s is not kept: %q", ts, r.Response)
				}
			}
			if tc.want.Outcome == vendors.Accepted && r.Code != "" {
				t.Errorf("an accepted push with code %q", r.Code)
			}
		})
	}
}

func TestEveryAPNsReasonHasARecordedAnswer(t *testing.T) {
	var read []string
	for _, tc := range apnsAnswers() {
		read = append(read, tc.want.Code)
	}
	vendortest.CheckCovered(t, "codes()", codes(), read)
}
