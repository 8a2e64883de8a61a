package honor

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// Recorded Honor Push answers, in the shape docs/vendors/honor.md §5 gives:
// {"code":200,"message":"success","data":{"sendResult":true,"requestId":"…",
// "failTokens":[],"expireTokens":[]}} with code a number, the token's fate
// in failTokens / expireTokens, Huawei's 8xxxxxxx codes that SDK users
// report for Honor, and HTTP statuses without a code (400, 401, 404, 500,
// 502, 503). Variants: code as a string, "Success" spelled otherwise,
// messages in Chinese, data null or missing on errors, the gateway
// answering HTTP 503 with a body that repeats 503, and Honor's IAM
// refusing the client (§1). Each is replayed through
// iam.developer.honor.com and push-api.cloud.honor.com to the real Send.

const (
	sentToken = "honor-recorded-token-0123456789"
	requestID = "1714060800123_104400001_a1b2c3"
)

// sendResult is Honor's success body with the token lists.
func sendResult(code, message string, sent bool, fail, expire string) vendortest.Recorded {
	result := "false"
	if sent {
		result = "true"
	}
	return vendortest.JSON(200, `{"code":`+code+`,"message":"`+message+`","data":{"sendResult":`+result+`,"requestId":"`+requestID+`","failTokens":[`+fail+`],"expireTokens":[`+expire+`]}}`)
}

// coded is an error body: a code (as written), a message, and data as
// written ("" for none).
func coded(status int, code, message, data string) vendortest.Recorded {
	body := `{"code":` + code + `,"message":"` + message + `"`
	if data != "" {
		body += `,"data":` + data
	}
	return vendortest.JSON(status, body+"}")
}

// plain is an answer without Honor's body (a gateway's).
func plain(status int, contentType, body string) vendortest.Recorded {
	return vendortest.Recorded{Status: status, Header: map[string]string{"Content-Type": contentType}, Body: body}
}

type honorAnswer struct {
	name   string
	token  *vendortest.Recorded // the IAM's answer, when it refuses
	answer vendortest.Recorded
	sends  int // calls to sendMessage: 2 when the access token is renewed once
	want   vendortest.Reading
}

func honorAnswers() []honorAnswer {
	read := func(code string, outcome vendors.Outcome, kind models.AnswerKind) vendortest.Reading {
		return vendortest.Reading{Code: code, Outcome: outcome, Kind: kind}
	}
	bad := func(code string) vendortest.Reading { return read(code, vendors.Rejected, models.AnswerBadRequest) }
	auth := func(code string) vendortest.Reading { return read(code, vendors.Rejected, models.AnswerAuth) }
	failed := func(code string) vendortest.Reading { return read(code, vendors.Failed, models.AnswerTransient) }
	ok := func(code string) vendortest.Reading { return read(code, vendors.Accepted, models.AnswerAccepted) }
	quoted := `"` + sentToken + `"`
	refusal := vendortest.JSON(401, `{"error":"invalid_client","error_description":"Invalid client or Invalid client credentials"}`)
	return []honorAnswer{
		{"200 sent", nil, sendResult("200", "success", true, "", ""), 1, ok("200")},
		{"200 sent, code as a string", nil, sendResult(`"200"`, "success", true, "", ""), 1, ok("200")},
		{"200 sent, Chinese message", nil, sendResult("200", "成功", true, "", ""), 1, ok("200")},
		{"80000000 sent, Huawei's success code", nil, sendResult("80000000", "Success", true, "", ""), 1, ok("80000000")},

		// Only expireTokens condemns a token; the request's "success" is
		// not quoted under it.
		{"200, token in expireTokens", nil, sendResult("200", "success", false, "", quoted), 1, read("expireToken", vendors.Rejected, models.AnswerDeadToken)},
		{"200, token in expireTokens, Success.", nil, sendResult(`"200"`, "Success.", false, "", quoted), 1, read("expireToken", vendors.Rejected, models.AnswerDeadToken)},
		{"200, token in failTokens", nil, sendResult("200", "success", false, quoted, ""), 1, bad("failToken")},
		{"200, token in failTokens, Chinese message", nil, sendResult("200", "成功", false, quoted, ""), 1, bad("failToken")},
		{"200, sendResult false and no request ID", nil, vendortest.JSON(200, `{"code":200,"message":"success","data":{"sendResult":false,"requestId":"","failTokens":[],"expireTokens":[]}}`), 1,
			read("200", vendors.Rejected, models.AnswerUnknown)},

		{"200 80100001", nil, coded(200, "80100001", "部分参数错误", "null"), 1, bad("80100001")},
		{"400 80100003", nil, coded(400, "80100003", "Incorrect message structure", ""), 1, bad("80100003")},
		{"400 80100003, code as a string", nil, coded(400, `"80100003"`, "消息结构错误", "null"), 1, bad("80100003")},
		// A refused or expired access token is renewed once, then told.
		{"401 80200001", nil, coded(401, "80200001", "Oauth authentication error", ""), 2, auth("80200001")},
		{"401 80200003", nil, coded(401, "80200003", "Oauth Token expired", ""), 2, auth("80200003")},
		{"200 80200003", nil, coded(200, "80200003", "Access token expired", "null"), 2, auth("80200003")},
		{"200 80300002", nil, coded(200, "80300002", "当前应用无权限下发推送消息", "null"), 1, auth("80300002")},
		// Malformed, of another app, or a wrong certificate: never dead.
		{"200 80300007", nil, coded(200, "80300007", "invalid token", "null"), 1, bad("80300007")},
		{"200 80300007, code as a string", nil, coded(200, `"80300007"`, "All the tokens are invalid", ""), 1, bad("80300007")},
		{"200 80300007 in Chinese", nil, coded(200, "80300007", "所有Token都无效", "null"), 1, bad("80300007")},
		{"200 80300008", nil, coded(200, "80300008", "消息体大小超过限制", "null"), 1, bad("80300008")},
		{"200 80300010", nil, coded(200, "80300010", "Token数量超过限制", "null"), 1, bad("80300010")},
		{"500 81000001", nil, coded(500, "81000001", "系统内部错误", "null"), 1, failed("81000001")},
		{"200 a code not in the table", nil, coded(200, "80999999", "新的错误", "null"), 1, read("80999999", vendors.Rejected, models.AnswerUnknown)},

		// No code of Honor's: the status speaks.
		{"400 without a code", nil, plain(400, "text/plain", "Bad Request"), 1, bad("HTTP 400")},
		{"401 without a code", nil, plain(401, "application/json", `{"code":401,"message":"Unauthorized"}`), 2, auth("HTTP 401")},
		{"404 page", nil, plain(404, "text/html", "<html><body><h1>404 Not Found</h1></body></html>"), 1, bad("HTTP 404")},
		{"500 without a body", nil, plain(500, "text/plain", ""), 1, failed("HTTP 500")},
		{"502 page", nil, plain(502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>"), 1, failed("HTTP 502")},
		// Flow control: a rate, never a daily quota.
		{"503 repeating 503 in the body", nil, coded(503, "503", "Service Unavailable", "null"), 1, failed("HTTP 503")},
		{"503 repeating \"503\" in the body", nil, coded(503, `"503"`, "服务不可用", ""), 1, failed("HTTP 503")},
		{"503 without a body", nil, plain(503, "text/plain", ""), 1, failed("HTTP 503")},

		{"IAM refuses the client", &refusal, vendortest.Recorded{}, 0, auth("oauth:invalid_client")},
	}
}

func TestRecordedHonorAnswersThroughSend(t *testing.T) {
	replay := vendortest.NewReplay(authHost)
	ch := New(vendortest.Fake(t, replay, hosts()...), nil)
	table := codes()
	for i, tc := range honorAnswers() {
		t.Run(tc.name, func(t *testing.T) {
			replay.Answer(tc.answer, tc.token)
			// A certificate per case: its own access token.
			c := models.Certificate{ID: int64(40000 + i), Vendor: models.VendorHonor, Environment: models.CertProduction, UpdatedAt: time.Now(),
				Settings: models.CertificateSettings{AppID: "104400001", ClientID: "client-900", BadgeClass: "com.example.im.MainActivity"}}
			r := ch.Send(context.Background(), c, models.CertificateSecrets{ClientSecret: "s3cret"}, vendors.Message{Title: "Bob", Desc: "hi"}, sentToken)
			vendortest.CheckReading(t, r, tc.want, table)
			if replay.Sends() != tc.sends {
				t.Errorf("%d calls to sendMessage, want %d", replay.Sends(), tc.sends)
			}
			answer := tc.answer
			if tc.token != nil {
				answer = *tc.token
			}
			if r.HTTPStatus != answer.Status || !strings.Contains(r.Response, answer.Body) {
				t.Errorf("HTTP %d, response %q: the answer is not kept", r.HTTPStatus, r.Response)
			}
			if strings.Contains(answer.Body, `"requestId":"`+requestID) && r.MessageID != requestID {
				t.Errorf("message ID %q, want data.requestId", r.MessageID)
			}
		})
	}
}

func TestEveryHonorCodeHasARecordedAnswer(t *testing.T) {
	var read []string
	for _, tc := range honorAnswers() {
		read = append(read, tc.want.Code)
	}
	vendortest.CheckCovered(t, "codes()", codes(), read)
}
