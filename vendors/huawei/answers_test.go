package huawei

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// Recorded Huawei Push Kit answers, in the shape docs/vendors/huawei.md §5
// gives: {"code":"<string>","msg":"…","requestId":"…"}, the partial
// success's msg a JSON string listing illegal_tokens, and HTTP statuses
// without a business code (400, 401, 404, 500, 502, 503 flow control).
// Huawei does not say which status comes with each business code (§5),
// so the cases vary it (200, 400, 401, 500). Variants: code as a JSON
// number, msg in Chinese, a gateway body repeating its status, and the
// OAuth server refusing the client (§1). Each is replayed through
// oauth-login.cloud.huawei.com and push-api.cloud.huawei.com to the real
// Send.

const (
	sentToken = "IQAAAACy0huawei-recorded-token"
	requestID = "166921245184434306000109"
)

// hms is a send answer with Huawei's body.
func hms(status int, body string) vendortest.Recorded { return vendortest.JSON(status, body) }

// coded is Huawei's body with a string code.
func coded(status int, code, msg string) vendortest.Recorded {
	return hms(status, `{"code":"`+code+`","msg":"`+msg+`","requestId":"`+requestID+`"}`)
}

// plain is an answer without Huawei's body (a gateway's).
func plain(status int, contentType, body string) vendortest.Recorded {
	return vendortest.Recorded{Status: status, Header: map[string]string{"Content-Type": contentType}, Body: body}
}

type hmsAnswer struct {
	name   string
	dryRun bool
	token  *vendortest.Recorded // the OAuth server's answer, when it refuses
	answer vendortest.Recorded
	sends  int // calls to the send API: 2 when the access token is renewed once
	want   vendortest.Reading
}

func hmsAnswers() []hmsAnswer {
	read := func(code string, outcome vendors.Outcome, kind models.AnswerKind) vendortest.Reading {
		return vendortest.Reading{Code: code, Outcome: outcome, Kind: kind}
	}
	bad := func(code string) vendortest.Reading { return read(code, vendors.Rejected, models.AnswerBadRequest) }
	auth := func(code string) vendortest.Reading { return read(code, vendors.Rejected, models.AnswerAuth) }
	failed := func(code string) vendortest.Reading { return read(code, vendors.Failed, models.AnswerTransient) }
	ok := read("80000000", vendors.Accepted, models.AnswerAccepted)
	refusal := vendortest.JSON(400, `{"error":1101,"sub_error":20152,"error_description":"invalid client"}`)
	return []hmsAnswer{
		{"200 80000000", false, nil, coded(200, "80000000", "Success"), 1, ok},
		{"200 80000000, code as a number", false, nil, hms(200, `{"code":80000000,"msg":"Success","requestId":"`+requestID+`"}`), 1, ok},
		{"200 80000000 validate_only", true, nil, coded(200, "80000000", "Success"), 1, read("80000000", vendors.Validated, models.AnswerValidated)},

		{"200 80100000, this token illegal", false, nil, coded(200, "80100000", `{\"success\":0,\"failure\":1,\"illegal_tokens\":[\"`+sentToken+`\"]}`), 1, bad("80100000")},
		{"200 80100000, another token illegal", false, nil, coded(200, "80100000", `{\"success\":1,\"failure\":1,\"illegal_tokens\":[\"IQAAAACy0other\"]}`), 1, bad("80100000")},
		{"400 80100001", false, nil, coded(400, "80100001", "UnSupported svc"), 1, bad("80100001")},
		{"400 80100003 badge", false, nil, coded(400, "80100003", "Illegal payload, badge set_num must be between 0 and 99"), 1, bad("80100003")},
		{"400 80100003, code as a number", false, nil, hms(400, `{"code":80100003,"msg":"Incorrect message structure","requestId":"`+requestID+`"}`), 1, bad("80100003")},
		{"200 80100004", false, nil, coded(200, "80100004", "Illegal expire time."), 1, bad("80100004")},
		{"200 80100013 in Chinese", false, nil, coded(200, "80100013", "collapse_key参数非法"), 1, bad("80100013")},
		{"200 80100016 in Chinese", false, nil, coded(200, "80100016", "消息内容包含敏感信息"), 1, bad("80100016")},
		// Concurrent topic tasks: it clears as they finish.
		{"200 80100017", false, nil, coded(200, "80100017", "A maximum of 100 topic-based messages can be sent at the same time."), 1, failed("80100017")},
		{"200 80100018", false, nil, coded(200, "80100018", "The review signature does not match the message."), 1, bad("80100018")},

		// A refused or expired access token is renewed once, then told.
		{"401 80200001", false, nil, coded(401, "80200001", "Oauth authentication error"), 2, auth("80200001")},
		{"200 80200003", false, nil, coded(200, "80200003", "Access token expired"), 2, auth("80200003")},
		{"401 80200003", false, nil, hms(401, `{"code":"80200003","msg":"Oauth Token expired."}`), 2, auth("80200003")},
		{"401 80200005", false, nil, coded(401, "80200005", "Jwt token expired."), 2, auth("80200005")},
		{"200 80300002", false, nil, coded(200, "80300002", "No permission to send message to these tokens"), 1, auth("80300002")},
		{"200 80300002 in Chinese", false, nil, coded(200, "80300002", "当前应用无权限下发推送消息"), 1, auth("80300002")},

		// Malformed, of another app, or a wrong certificate for every
		// device alike: never a dead token.
		{"200 80300007", false, nil, coded(200, "80300007", "All the tokens are invalid"), 1, bad("80300007")},
		{"200 80300007, code as a number", false, nil, hms(200, `{"code":80300007,"msg":"All the tokens are invalid","requestId":"`+requestID+`"}`), 1, bad("80300007")},
		{"200 80300007 in Chinese", false, nil, coded(200, "80300007", "所有Token都无效"), 1, bad("80300007")},
		{"200 80300008", false, nil, coded(200, "80300008", "Push message size is too long."), 1, bad("80300008")},
		{"400 80300010", false, nil, coded(400, "80300010", "token count should within 1 and 1000"), 1, bad("80300010")},
		{"200 80300011", false, nil, coded(200, "80300011", "No permission to send high-level messages"), 1, bad("80300011")},
		{"200 80300013", false, nil, coded(200, "80300013", "The receipt url is invalid"), 1, bad("80300013")},
		{"200 80600003", false, nil, coded(200, "80600003", "Request OAuth service failed"), 1, auth("80600003")},
		{"500 81000001", false, nil, coded(500, "81000001", "Inner Error."), 1, failed("81000001")},
		{"200 81000001 in Chinese", false, nil, coded(200, "81000001", "系统内部错误"), 1, failed("81000001")},
		{"400 a code not in Huawei's table", false, nil, coded(400, "80999999", "brand new"), 1, read("80999999", vendors.Rejected, models.AnswerUnknown)},

		// No business code: the status speaks.
		{"400 without a code", false, nil, plain(400, "text/plain", "Bad Request"), 1, bad("HTTP 400")},
		{"401 without a code", false, nil, plain(401, "text/plain", ""), 2, auth("HTTP 401")},
		{"404 page", false, nil, plain(404, "text/html", "<html><body><h1>404 Not Found</h1></body></html>"), 1, bad("HTTP 404")},
		{"500 without a body", false, nil, plain(500, "text/plain", ""), 1, failed("HTTP 500")},
		{"502 page", false, nil, plain(502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>"), 1, failed("HTTP 502")},
		// Flow control: a rate, never a daily quota.
		{"503 flow control", false, nil, plain(503, "text/plain", ""), 1, failed("HTTP 503")},
		{"503 with a gateway body repeating 503", false, nil, hms(503, `{"code":503,"msg":"Service Unavailable"}`), 1, failed("HTTP 503")},
		{"503 with a gateway body repeating \"503\"", false, nil, hms(503, `{"code":"503","msg":"流量控制"}`), 1, failed("HTTP 503")},

		{"OAuth server refuses the client", false, &refusal, vendortest.Recorded{}, 0, auth("oauth:1101")},
	}
}

func TestRecordedHuaweiAnswersThroughSend(t *testing.T) {
	replay := vendortest.NewReplay(authHost)
	ch := New(vendortest.Fake(t, replay, hosts()...), nil)
	table := codes()
	for i, tc := range hmsAnswers() {
		t.Run(tc.name, func(t *testing.T) {
			replay.Answer(tc.answer, tc.token)
			// A certificate per case: its own access token.
			c := models.Certificate{ID: int64(30000 + i), Vendor: models.VendorHuawei, Environment: models.CertProduction, UpdatedAt: time.Now(),
				Settings: models.CertificateSettings{AppID: "104123456", ClientID: "104123456", BadgeClass: "com.example.im.MainActivity"}}
			r := ch.Send(context.Background(), c, models.CertificateSecrets{ClientSecret: "s3cret"}, vendors.Message{Title: "Bob", Desc: "hi", DryRun: tc.dryRun}, sentToken)
			vendortest.CheckReading(t, r, tc.want, table)
			if replay.Sends() != tc.sends {
				t.Errorf("%d calls to the send API, want %d", replay.Sends(), tc.sends)
			}
			answer := tc.answer
			if tc.token != nil {
				answer = *tc.token
			}
			if r.HTTPStatus != answer.Status || !strings.Contains(r.Response, answer.Body) {
				t.Errorf("HTTP %d, response %q: the answer is not kept", r.HTTPStatus, r.Response)
			}
			if strings.Contains(answer.Body, requestID) && r.MessageID != requestID {
				t.Errorf("message ID %q, want the requestId", r.MessageID)
			}
		})
	}
}

func TestEveryHuaweiCodeHasARecordedAnswer(t *testing.T) {
	var read []string
	for _, tc := range hmsAnswers() {
		read = append(read, tc.want.Code)
	}
	vendortest.CheckCovered(t, "codes()", codes(), read)
}
