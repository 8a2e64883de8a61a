package fcm

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// Recorded FCM answers, in the shapes docs/vendors/fcm.md §5 gives:
// success {"name":"projects/{project_id}/messages/{id}"}; errors as
// Google's error JSON {"error":{"code","message","status","details"}},
// details with the FcmError errorCode, google.rpc.BadRequest field
// violations, google.rpc.ErrorInfo, or (iOS tokens) FCM's ApnsError;
// and the token exchange's OAuth errors (§5, oauth:*). Each is replayed
// through fcm.googleapis.com and oauth2.googleapis.com to the real Send.

const (
	fcmErrorAt  = `{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"`
	apnsErrorAt = `{"@type":"type.googleapis.com/google.firebase.fcm.v1.ApnsError",`
	recordedMsg = "projects/demo-im/messages/0:1714060800123456%31bd1c9631bd1c96"
)

// recordedError is Google's error JSON; details are JSON objects.
func recordedError(status int, rpcStatus, message string, details ...string) vendortest.Recorded {
	body := `{"error":{"code":` + strconv.Itoa(status) + `,"message":"` + message + `","status":"` + rpcStatus + `"`
	if len(details) > 0 {
		body += `,"details":[` + strings.Join(details, ",") + `]`
	}
	r := vendortest.JSON(status, body+"}}")
	r.Header["Content-Type"] = "application/json; charset=UTF-8"
	return r
}

// detail is the FcmError detail.
func detail(code string) string { return fcmErrorAt + code + `"}` }

type fcmAnswer struct {
	name   string
	dryRun bool
	token  *vendortest.Recorded // the token exchange's answer, when it refuses
	answer vendortest.Recorded
	want   vendortest.Reading
}

func fcmAnswers() []fcmAnswer {
	read := func(code string, outcome vendors.Outcome, kind models.AnswerKind) vendortest.Reading {
		return vendortest.Reading{Code: code, Outcome: outcome, Kind: kind}
	}
	bad := func(code string) vendortest.Reading { return read(code, vendors.Rejected, models.AnswerBadRequest) }
	auth := func(code string) vendortest.Reading { return read(code, vendors.Rejected, models.AnswerAuth) }
	failed := func(code string) vendortest.Reading { return read(code, vendors.Failed, models.AnswerTransient) }
	oauth := func(status int, body string) *vendortest.Recorded {
		r := vendortest.JSON(status, body)
		r.Header["Content-Type"] = "application/json; charset=utf-8"
		return &r
	}
	invalidToken := "The registration token is not a valid FCM registration token"
	return []fcmAnswer{
		{"200 sent", false, nil, vendortest.JSON(200, `{"name":"`+recordedMsg+`"}`), read("", vendors.Accepted, models.AnswerAccepted)},
		{"200 validate_only", true, nil, vendortest.JSON(200, `{"name":"projects/demo-im/messages/fake_message_id"}`), read("", vendors.Validated, models.AnswerValidated)},

		// A malformed token or one of another package: maybe a wrong
		// certificate, so never a dead token.
		{"400 INVALID_ARGUMENT token, FcmError and BadRequest", false, nil, recordedError(400, "INVALID_ARGUMENT", invalidToken, detail("INVALID_ARGUMENT"),
			`{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"message.token","description":"`+invalidToken+`"}]}`), bad("INVALID_ARGUMENT")},
		{"400 INVALID_ARGUMENT, FcmError only", false, nil, recordedError(400, "INVALID_ARGUMENT", "Request contains an invalid argument.", detail("INVALID_ARGUMENT")), bad("INVALID_ARGUMENT")},
		// A schema error carries only the field violation: the status speaks.
		{"400 INVALID_ARGUMENT, BadRequest only", false, nil, recordedError(400, "INVALID_ARGUMENT",
			`Invalid value at 'message.android.ttl' (type.googleapis.com/google.protobuf.Duration), Field 'ttl', Illegal duration format; duration must end with 's'`,
			`{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"message.android.ttl","description":"Invalid value at 'message.android.ttl' (type.googleapis.com/google.protobuf.Duration), Field 'ttl', Illegal duration format; duration must end with 's'"}]}`), bad("INVALID_ARGUMENT")},

		{"404 UNREGISTERED", false, nil, recordedError(404, "NOT_FOUND", "Requested entity was not found.", detail("UNREGISTERED")), read("UNREGISTERED", vendors.Rejected, models.AnswerDeadToken)},
		{"404 UNREGISTERED with ApnsError", false, nil, recordedError(404, "NOT_FOUND", "Requested entity was not found.", detail("UNREGISTERED"),
			apnsErrorAt+`"statusCode":410,"reason":"Unregistered"}`), read("UNREGISTERED", vendors.Rejected, models.AnswerDeadToken)},
		{"403 SENDER_ID_MISMATCH", false, nil, recordedError(403, "PERMISSION_DENIED", "SenderId mismatch", detail("SENDER_ID_MISMATCH")), bad("SENDER_ID_MISMATCH")},

		// A rate (project, device or topic), or overload: it passes.
		{"429 QUOTA_EXCEEDED with Retry-After", false, nil, withHeader(recordedError(429, "RESOURCE_EXHAUSTED",
			"Quota exceeded for quota metric 'Send requests' and limit 'Send requests per minute' of service 'fcm.googleapis.com' for consumer 'project_number:123456789012'.",
			detail("QUOTA_EXCEEDED")), "Retry-After", "60"), failed("QUOTA_EXCEEDED")},
		{"429 RESOURCE_EXHAUSTED without FcmError", false, nil, recordedError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."), failed("QUOTA_EXCEEDED")},
		// The SDK would retry a 503 until the deadline: FCM's answer must
		// be read at once (one call).
		{"503 UNAVAILABLE with Retry-After", false, nil, withHeader(recordedError(503, "UNAVAILABLE", "The service is currently unavailable.", detail("UNAVAILABLE")), "Retry-After", "30"), failed("UNAVAILABLE")},
		{"503 UNAVAILABLE without FcmError", false, nil, recordedError(503, "UNAVAILABLE", "The service is currently unavailable."), failed("UNAVAILABLE")},
		{"500 INTERNAL", false, nil, recordedError(500, "INTERNAL", "Internal error encountered.", detail("INTERNAL")), failed("INTERNAL")},
		{"500 INTERNAL without FcmError", false, nil, recordedError(500, "INTERNAL", "Internal error encountered."), failed("INTERNAL")},

		{"401 THIRD_PARTY_AUTH_ERROR with ApnsError", false, nil, recordedError(401, "UNAUTHENTICATED", "Auth error from APNS or Web Push Service", detail("THIRD_PARTY_AUTH_ERROR"),
			apnsErrorAt+`"statusCode":403,"reason":"InvalidProviderToken"}`), auth("THIRD_PARTY_AUTH_ERROR")},
		{"401 APNS_AUTH_ERROR, the older name", false, nil, recordedError(401, "UNAUTHENTICATED", "Auth error from APNS or Web Push Service", detail("APNS_AUTH_ERROR")), auth("APNS_AUTH_ERROR")},
		{"401 UNAUTHENTICATED", false, nil, recordedError(401, "UNAUTHENTICATED",
			"Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project."), auth("UNAUTHENTICATED")},
		{"403 PERMISSION_DENIED with ErrorInfo", false, nil, recordedError(403, "PERMISSION_DENIED",
			"Permission 'cloudmessaging.messages.create' denied on resource '//cloudresourcemanager.googleapis.com/projects/demo-im' (or it may not exist).",
			`{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"IAM_PERMISSION_DENIED","domain":"cloudresourcemanager.googleapis.com","metadata":{"permission":"cloudmessaging.messages.create","resource":"projects/demo-im"}}`), auth("PERMISSION_DENIED")},
		{"404 NOT_FOUND without FcmError", false, nil, recordedError(404, "NOT_FOUND", "Requested entity was not found."), bad("NOT_FOUND")},

		{"500 UNSPECIFIED_ERROR", false, nil, recordedError(500, "UNKNOWN", "Unknown error.", detail("UNSPECIFIED_ERROR")), read("UNSPECIFIED_ERROR", vendors.Rejected, models.AnswerUnknown)},
		{"an errorCode not in FCM's reference", false, nil, recordedError(400, "FAILED_PRECONDITION", "Something new.", detail("SOMETHING_NEW")), read("SOMETHING_NEW", vendors.Rejected, models.AnswerUnknown)},
		// Google's front end without the error JSON: the status speaks.
		{"502 front-end page", false, nil, vendortest.Recorded{Status: 502, Header: map[string]string{"Content-Type": "text/html; charset=UTF-8"},
			Body: `<!DOCTYPE html><html lang=en><title>Error 502 (Server Error)!!1</title><p><b>502.</b> <ins>That’s an error.</ins>`}, failed("HTTP 502")},

		{"token exchange invalid_grant, signature", false, oauth(400, `{"error":"invalid_grant","error_description":"Invalid JWT Signature."}`), vendortest.Recorded{}, auth("oauth:invalid_grant")},
		{"token exchange invalid_grant, clock", false, oauth(400, `{"error":"invalid_grant","error_description":"Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim."}`), vendortest.Recorded{}, auth("oauth:invalid_grant")},
		{"token exchange invalid_client", false, oauth(401, `{"error":"invalid_client","error_description":"The OAuth client was not found."}`), vendortest.Recorded{}, auth("oauth:invalid_client")},
		{"token exchange unauthorized_client", false, oauth(401, `{"error":"unauthorized_client","error_description":"Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested."}`), vendortest.Recorded{}, auth("oauth:unauthorized_client")},
	}
}

func withHeader(r vendortest.Recorded, k, v string) vendortest.Recorded {
	r.Header[k] = v
	return r
}

func TestRecordedFCMAnswersThroughSend(t *testing.T) {
	replay := vendortest.NewReplay("oauth2.googleapis.com")
	ch := New(vendortest.Fake(t, replay, "fcm.googleapis.com", "oauth2.googleapis.com"), nil)
	sa := serviceAccountJSON(t, nil)
	table := codes()
	for i, tc := range fcmAnswers() {
		t.Run(tc.name, func(t *testing.T) {
			replay.Answer(tc.answer, tc.token)
			// A certificate per case: its own client and access token.
			c := models.Certificate{ID: int64(20000 + i), Vendor: models.VendorFCM, Environment: models.CertProduction, UpdatedAt: time.Now(),
				Settings: models.CertificateSettings{ProjectID: "demo-im", ClientEmail: "push@demo-im.iam.gserviceaccount.com"}}
			start := time.Now()
			r := ch.Send(context.Background(), c, models.CertificateSecrets{ServiceAccountJSON: sa}, vendors.Message{Title: "Bob", Desc: "hi", DryRun: tc.dryRun}, "fcm-token-abc:123")
			vendortest.CheckReading(t, r, tc.want, table)
			if time.Since(start) > 2*time.Second {
				t.Errorf("read after %s: the answer was retried", time.Since(start))
			}
			answer, calls := tc.answer, 1
			if tc.token != nil {
				answer, calls = *tc.token, 0
			}
			if replay.Sends() != calls {
				t.Errorf("%d sends to FCM, want %d", replay.Sends(), calls)
			}
			if r.HTTPStatus != answer.Status {
				t.Errorf("HTTP %d, want %d", r.HTTPStatus, answer.Status)
			}
			if tc.want.Outcome == vendors.Accepted || tc.want.Outcome == vendors.Validated {
				if !strings.Contains(answer.Body, `"`+r.MessageID+`"`) {
					t.Errorf("message ID %q is not the recorded name", r.MessageID)
				}
				return
			}
			if !strings.Contains(r.Response, answer.Body) {
				t.Errorf("the answer is not kept: %q", r.Response)
			}
			if ra := answer.Header["Retry-After"]; ra != "" && (!strings.Contains(r.Fix, ra) || !strings.Contains(r.Response, "Retry-After: "+ra)) {
				t.Errorf("Retry-After %s not passed on: fix %q, response %q", ra, r.Fix, r.Response)
			}
			if strings.Contains(answer.Body, "ApnsError") && !strings.Contains(r.Explanation, "APNs answered FCM") {
				t.Errorf("APNs's answer to FCM is not told: %q", r.Explanation)
			}
		})
	}
}

func TestEveryFCMCodeHasARecordedAnswer(t *testing.T) {
	var read []string
	for _, tc := range fcmAnswers() {
		read = append(read, tc.want.Code)
	}
	vendortest.CheckCovered(t, "codes()", codes(), read)
}
