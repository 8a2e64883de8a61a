package harmony

import (
	"context"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// Recorded Push Kit v3 answers, in the shape Huawei's response page gives
// (push-scenariozed-api-response): {"code":"<string>","msg":"…",
// "requestId":"…"}, refused tokens as a JSON string in msg grouped by
// reason, and HTTP statuses without a business code (400, 401, 404, 500,
// 502, 503 flow control). Huawei does not say which status comes with
// each business code, so the cases vary it. Each is replayed through
// push-api.cloud.huawei.com to the real Send.

const requestID = "1690000000000001701"

func coded(status int, code, msg string) vendortest.Recorded {
	return vendortest.JSON(status, `{"code":"`+code+`","msg":"`+msg+`","requestId":"`+requestID+`"}`)
}

// refusedAs is 80300007 (or 80100000) naming the sent token under reason.
func refusedAs(code, reason string) vendortest.Recorded {
	msg := `{\"failure\":1,\"illegalTokens\":{\"` + reason + `\":[\"` + sentToken + `\"]}}`
	if code == "80100000" {
		msg = `{\"illegalTokens\":{\"` + reason + `\":[\"` + sentToken + `\"]},\"success\":1,\"failure\":1}`
	}
	return coded(400, code, msg)
}

func plainAnswer(status int, contentType, body string) vendortest.Recorded {
	return vendortest.Recorded{Status: status, Header: map[string]string{"Content-Type": contentType}, Body: body}
}

type v3Answer struct {
	name   string
	answer vendortest.Recorded
	sends  int // 2 when the JWT is minted again once
	want   vendortest.Reading
}

func v3Answers() []v3Answer {
	read := func(code string, outcome vendors.Outcome, kind models.AnswerKind) vendortest.Reading {
		return vendortest.Reading{Code: code, Outcome: outcome, Kind: kind}
	}
	bad := func(code string) vendortest.Reading { return read(code, vendors.Rejected, models.AnswerBadRequest) }
	auth := func(code string) vendortest.Reading { return read(code, vendors.Rejected, models.AnswerAuth) }
	dead := func(code string) vendortest.Reading { return read(code, vendors.Rejected, models.AnswerDeadToken) }
	failed := func(code string) vendortest.Reading { return read(code, vendors.Failed, models.AnswerTransient) }
	ok := read("80000000", vendors.Accepted, models.AnswerAccepted)
	return []v3Answer{
		{"200 80000000", coded(200, "80000000", "Success"), 1, ok},
		{"200 80000000, code as a number", vendortest.JSON(200, `{"code":80000000,"msg":"Success","requestId":"`+requestID+`"}`), 1, ok},

		// A partial success that refused another token took ours.
		{"200 80100000, another token refused", coded(200, "80100000", `{\"illegalTokens\":{\"tokenFormatError\":[\"MAAALgE4G98other\"]},\"success\":1,\"failure\":1}`), 1,
			read("80100000", vendors.Accepted, models.AnswerAccepted)},
		{"200 80100000, msg not as documented", coded(200, "80100000", "Check Parameter Partial Success."), 1, bad("80100000")},
		{"400 80100001", coded(400, "80100001", "Check Parameter Error."), 1, bad("80100001")},
		{"400 80100003 badge", coded(400, "80100003", "Illegal payload, badge addNum value ranges from 1 to 99"), 1, bad("80100003")},
		{"400 80100004", coded(400, "80100004", "Illegal expire time."), 1, bad("80100004")},
		{"400 80100022", coded(400, "80100022", "Anti-Spam: image not verify."), 1, bad("80100022")},
		{"401 80200001", coded(401, "80200001", "Authentication Error."), 1, auth("80200001")},
		{"200 80200001 in Chinese", coded(200, "80200001", "认证错误"), 1, auth("80200001")},
		// An expired JWT is minted again once, then told.
		{"401 80200005", coded(401, "80200005", "Jwt token expired."), 2, auth("80200005")},
		{"400 80300002", coded(400, "80300002", "No permission to send message to these tmIDs."), 1, auth("80300002")},
		{"400 80300007, msg not as documented", coded(400, "80300007", "All the tokens are invalid."), 1, bad("80300007")},
		{"400 80300008", coded(400, "80300008", "Push message size is too long."), 1, bad("80300008")},
		{"400 80300010", coded(400, "80300010", "token count should within 1 and 1000"), 1, bad("80300010")},
		{"400 80300029", coded(400, "80300029", "When send test message, the api request exceed limit."), 1, failed("80300029")},
		{"400 80300030", coded(400, "80300030", "When send test message, token count exceed limit."), 1, bad("80300030")},
		{"401 80300036", coded(401, "80300036", "JWT expire period over threshold."), 1, auth("80300036")},
		{"400 80300037", coded(400, "80300037", "Disable send huawei msg because of penalty."), 1, auth("80300037")},
		{"500 81000001", coded(500, "81000001", "Inner Error."), 1, failed("81000001")},
		{"200 81000001 in Chinese", coded(200, "81000001", "系统内部错误"), 1, failed("81000001")},
		{"400 a code not in Huawei's table", coded(400, "80999999", "brand new"), 1, read("80999999", vendors.Rejected, models.AnswerUnknown)},

		// Our token refused, by reason: only a malformed or proxy token is dead.
		{"80300007 tokenFormatError", refusedAs("80300007", "tokenFormatError"), 1, dead("80300007/tokenFormatError")},
		{"80100000 tokenFormatError", refusedAs("80100000", "tokenFormatError"), 1, dead("80100000/tokenFormatError")},
		{"80300007 tokenPlatformNotSupport", refusedAs("80300007", "tokenPlatformNotSupport"), 1, dead("80300007/tokenPlatformNotSupport")},
		{"80300007 noRight", refusedAs("80300007", "noRight"), 1, bad("80300007/noRight")},
		{"80100000 noRight", refusedAs("80100000", "noRight"), 1, bad("80100000/noRight")},
		{"80300007 noPushTypeRight", refusedAs("80300007", "noPushTypeRight"), 1, auth("80300007/noPushTypeRight")},
		{"80300007 atomicUnableSendUnsubscribedMsg", refusedAs("80300007", "atomicUnableSendUnsubscribedMsg"), 1, bad("80300007/atomicUnableSendUnsubscribedMsg")},
		{"80300007 countryNotSupport", refusedAs("80300007", "countryNotSupport"), 1, bad("80300007/countryNotSupport")},
		{"80300007 disableSendHuaweiMsgBecauseOfPenalty", refusedAs("80300007", "disableSendHuaweiMsgBecauseOfPenalty"), 1, auth("80300007/disableSendHuaweiMsgBecauseOfPenalty")},
		{"80300007 differentImgVerifyPolicy", refusedAs("80300007", "differentImgVerifyPolicy"), 1, bad("80300007/differentImgVerifyPolicy")},
		{"80300007 appinfoError", refusedAs("80300007", "appinfoError"), 1, auth("80300007/appinfoError")},
		{"80300007 notSupportPlayVoice", refusedAs("80300007", "notSupportPlayVoice"), 1, bad("80300007/notSupportPlayVoice")},
		{"80300007 noRightToSendThisLiveNotificationEvent", refusedAs("80300007", "noRightToSendThisLiveNotificationEvent"), 1, auth("80300007/noRightToSendThisLiveNotificationEvent")},
		{"80300007 an undocumented reason", refusedAs("80300007", "brandNewReason"), 1, read("80300007/brandNewReason", vendors.Rejected, models.AnswerUnknown)},

		// No business code: the status speaks.
		{"400 without a code", plainAnswer(400, "text/plain", "Bad Request"), 1, bad("HTTP 400")},
		{"401 without a code", plainAnswer(401, "text/plain", ""), 1, auth("HTTP 401")},
		{"404 page", plainAnswer(404, "text/html", "<html><body><h1>404 Not Found</h1></body></html>"), 1, bad("HTTP 404")},
		{"500 without a body", plainAnswer(500, "text/plain", ""), 1, failed("HTTP 500")},
		{"502 page", plainAnswer(502, "text/html", "<html><head><title>502 Bad Gateway</title></head></html>"), 1, failed("HTTP 502")},
		// Flow control: a rate, never a daily quota.
		{"503 flow control", plainAnswer(503, "text/plain", ""), 1, failed("HTTP 503")},
		{"503 with a gateway body repeating 503", vendortest.JSON(503, `{"code":"503","msg":"流量控制"}`), 1, failed("HTTP 503")},
	}
}

func TestRecordedHarmonyAnswersThroughSend(t *testing.T) {
	replay := vendortest.NewReplay("")
	ch := New(vendortest.Fake(t, replay, hosts()...), nil)
	key := keyFile(t, newKey(t))
	tables := codes()
	for reason, c := range reasons() {
		tables["80300007/"+reason], tables["80100000/"+reason] = c, c
	}
	for i, tc := range v3Answers() {
		t.Run(tc.name, func(t *testing.T) {
			replay.Answer(tc.answer, nil)
			c := testCert(int64(30000 + i)) // a certificate per case: its own JWT
			r := ch.Send(context.Background(), c, models.CertificateSecrets{ServiceAccountJSON: key}, vendors.Message{Title: "Bob", Desc: "hi"}, sentToken)
			vendortest.CheckReading(t, r, tc.want, tables)
			if replay.Sends() != tc.sends {
				t.Errorf("%d calls to the send API, want %d", replay.Sends(), tc.sends)
			}
			if r.HTTPStatus != tc.answer.Status || !strings.Contains(r.Response, tc.answer.Body) {
				t.Errorf("HTTP %d, response %q: the answer is not kept", r.HTTPStatus, r.Response)
			}
			if strings.Contains(tc.answer.Body, requestID) && r.MessageID != requestID {
				t.Errorf("message ID %q, want the requestId", r.MessageID)
			}
		})
	}
}

func TestEveryCodeAndReasonHasARecordedAnswer(t *testing.T) {
	var read, reasonsRead []string
	for _, tc := range v3Answers() {
		code, reason := splitReason(tc.want.Code)
		read = append(read, code)
		if reason != "" {
			reasonsRead = append(reasonsRead, reason)
		}
	}
	vendortest.CheckCovered(t, "codes()", codes(), read)
	vendortest.CheckCovered(t, "reasons()", reasons(), reasonsRead)
	for _, code := range []string{"80000000", "80100000", "80100001", "80100003", "80100004", "80100022", "80200001", "80200005", "80300002", "80300007",
		"80300008", "80300010", "80300029", "80300030", "80300036", "80300037", "81000001", "HTTP 401", "HTTP 404", "HTTP 500", "HTTP 502", "HTTP 503"} {
		c, ok := codes()[code]
		if !ok || c.Explanation == "" || (c.Outcome != vendors.Accepted && c.Fix == "") {
			t.Errorf("%s is not explained with a fix: %+v", code, c)
		}
	}
	for reason, c := range reasons() {
		if c.Explanation == "" || c.Fix == "" {
			t.Errorf("%s: %+v", reason, c)
		}
	}
}
