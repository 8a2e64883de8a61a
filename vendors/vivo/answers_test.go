package vivo

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

const (
	// issued is the authToken of tokenAnswer, vivo's auth answer
	// (docs/vendors/vivo.md §1).
	issued      = "24ojvhn9vx6p2prf3dxfj0a9a9m5yvg8"
	tokenAnswer = `{"result":0,"desc":"请求成功","authToken":"` + issued + `"}`
)

// recordedAnswer is one recorded vivo answer (docs/vendors/vivo.md §5):
// {"result":…,"desc":…,"taskId":…}, with invalidUser for a target that
// failed under result 0, HTTP 200 in the doc's samples. auth, when set,
// is the auth call's answer instead of a token; the send is then never
// reached.
type recordedAnswer struct {
	name       string
	auth       string
	authStatus int
	status     int
	body       string
	want       vendortest.Reading
}

func vr(code string, outcome vendors.Outcome, kind models.AnswerKind) vendortest.Reading {
	return vendortest.Reading{Code: code, Outcome: outcome, Kind: kind}
}

func refusedAnswer(name, result, desc string, want vendortest.Reading) recordedAnswer {
	return recordedAnswer{name: name, status: 200, body: `{"result":` + result + `,"desc":"` + desc + `"}`, want: want}
}

func authRefusal(name, result, desc string, want vendortest.Reading) recordedAnswer {
	return recordedAnswer{name: name, auth: `{"result":` + result + `,"desc":"` + desc + `"}`, authStatus: 200, want: want}
}

// invalidUser is vivo's per-target failure: result 0, "请求成功", and the
// regId listed with a status.
func invalidUser(name, status string, want vendortest.Reading) recordedAnswer {
	return recordedAnswer{name: name, status: 200, want: want,
		body: `{"result":0,"desc":"请求成功","taskId":"628751417391140865","invalidUser":{"userid":"16000000000000000001","status":` + status + `}}`}
}

func vivoAnswers() []recordedAnswer {
	const (
		ok, rej, fail                                 = vendors.Accepted, vendors.Rejected, vendors.Failed
		acc, bad, auth, dead, quota, device, tr, unkn = models.AnswerAccepted, models.AnswerBadRequest, models.AnswerAuth, models.AnswerDeadToken,
			models.AnswerDailyQuota, models.AnswerDeviceLimit, models.AnswerTransient, models.AnswerUnknown
	)
	return []recordedAnswer{
		{name: "accepted", status: 200, body: `{"result":0,"desc":"请求成功","taskId":"628751417391140864"}`, want: vr("0", ok, acc)},
		invalidUser("regId not found", "1", vr("invalidUser:1", rej, dead)),
		// §5 "Reading — invalidUser:2": uninstalled or notifications off,
		// vivo does not say which: the device, not its token.
		invalidUser("uninstalled or switched off", "2", vr("invalidUser:2", rej, device)),
		invalidUser("offline 90 days", "3", vr("invalidUser:3", rej, dead)),
		invalidUser("not a test device", "4", vr("invalidUser:4", rej, bad)),
		// A status §5 does not list: vivo's words are its success words,
		// which must not explain a failure.
		invalidUser("undocumented status", "5", vr("invalidUser:5", rej, unkn)),
		// Refused on the send, renewed once, refused again (§5 row 10000).
		refusedAnswer("authToken refused twice", "10000", "权限认证失败", vr("10000", rej, auth)),
		authRefusal("bad sign", "10000", "权限认证失败", vr("10000", rej, auth)),
		// The auth interface's own codes (§5 rows 10200-10207).
		authRefusal("appId empty", "10200", "appId不能为空", vr("10200", rej, auth)),
		authRefusal("appKey empty", "10201", "appKey不能为空", vr("10201", rej, auth)),
		authRefusal("timestamp empty", "10202", "timestamp不能为空", vr("10202", rej, auth)),
		authRefusal("sign empty", "10203", "sign不能为空", vr("10203", rej, auth)),
		authRefusal("unknown appId", "10204", "appId不存在", vr("10204", rej, auth)),
		authRefusal("appKey of another app", "10205", "appKey与appId不匹配", vr("10205", rej, auth)),
		authRefusal("sign mismatch", "10206", "sign校验失败", vr("10206", rej, auth)),
		authRefusal("clock off", "10207", "timestamp已过期", vr("10207", rej, auth)),
		refusedAnswer("try again", "10040", "请稍后重试", vr("10040", fail, tr)),
		// §5 "Reading — 10054": ambiguous, read as a bad request.
		refusedAnswer("10054", "10054", "notifyType不合法", vr("10054", rej, bad)),
		refusedAnswer("operation total", "10070", "发送总量超出限制", vr("10070", rej, quota)),
		refusedAnswer("outside the window", "10071", "发送时间不在允许的范围内", vr("10071", rej, bad)),
		refusedAnswer("system total", "10073", "系统消息发送总量超出限制", vr("10073", rej, quota)),
		refusedAnswer("title refused", "10085", "标题或内容不合法", vr("10085", rej, bad)),
		refusedAnswer("appId of another token", "10094", "appId与authToken不匹配", vr("10094", rej, auth)),
		refusedAnswer("unknown category", "10096", "category不合法", vr("10096", rej, bad)),
		refusedAnswer("category and classification", "10097", "category与classification不匹配", vr("10097", rej, bad)),
		refusedAnswer("test word", "10104", "标题或内容包含测试字样", vr("10104", rej, bad)),
		refusedAnswer("batch body", "10252", "批量消息体超出限制", vr("10252", rej, quota)),
		refusedAnswer("broadcast count", "10254", "全量推送次数超出限制", vr("10254", rej, quota)),
		refusedAnswer("regId invalid", "10302", "regId不合法", vr("10302", rej, dead)),
		// §5 "other": vivo's desc is shown.
		refusedAnswer("undocumented result", "10999", "未知错误", vr("10999", rej, unkn)),
		{name: "server error", status: 500, body: `Internal Server Error`, want: vr("HTTP 500", fail, tr)},
		{name: "auth server error", auth: `<html><body>500 Internal Server Error</body></html>`, authStatus: 500, want: vr("HTTP 500", fail, tr)},
		// An auth answer without a token is no acceptance of the message.
		{name: "auth success without a token", auth: `{"result":0,"desc":"请求成功"}`, authStatus: 200, want: vr("HTTP 200", fail, tr)},
	}
}

func TestSendReadsRecordedVivoAnswers(t *testing.T) {
	replay := vendortest.NewPathReplay()
	ch := New(vendortest.Fake(t, replay, host), nil)
	secrets := models.CertificateSecrets{AppSecret: "app-secret"}
	for i, a := range vivoAnswers() {
		t.Run(a.name, func(t *testing.T) {
			// A certificate of its own per case: the auth call is made.
			c := models.Certificate{ID: int64(13000 + i), Vendor: models.VendorVivo, Environment: models.CertProduction, UpdatedAt: time.Now(),
				Settings: models.CertificateSettings{AppID: "10004321", AppKey: "appkey-xyz", Category: "IM"}}
			auth, authStatus, kept := tokenAnswer, 200, a.body
			if a.auth != "" {
				auth, authStatus, kept = a.auth, a.authStatus, a.auth
			}
			replay.Answer(authPath, authStatus, auth)
			replay.Answer(sendPath, a.status, a.body)
			auths, sends := replay.Hits(authPath), replay.Hits(sendPath)
			r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "Bob", Desc: "在吗？"}, "16000000000000000001")
			vendortest.CheckReading(t, r, a.want, codes())
			wantAuths, wantSends := 1, 1
			switch {
			case a.auth != "":
				wantSends = 0
			case a.want.Code == "10000":
				wantAuths, wantSends = 2, 2
			}
			if replay.Hits(authPath)-auths != wantAuths || replay.Hits(sendPath)-sends != wantSends {
				t.Errorf("%d auth calls and %d sends, want %d and %d", replay.Hits(authPath)-auths, replay.Hits(sendPath)-sends, wantAuths, wantSends)
			}
			if wantSends > 0 && replay.Header(sendPath).Get("authToken") != issued {
				t.Errorf("the send did not carry the issued authToken: %q", replay.Header(sendPath).Get("authToken"))
			}
			if !strings.Contains(r.Response, kept) {
				t.Errorf("answer not kept: %q", r.Response)
			}
			if strings.HasPrefix(a.want.Code, "invalidUser") || a.want.Code == "0" {
				if !strings.HasPrefix(r.MessageID, "62875141739114086") {
					t.Errorf("taskId not kept: %q", r.MessageID)
				}
			}
		})
	}
}

func TestRecordedVivoAnswersCoverEveryCode(t *testing.T) {
	var seen []string
	for _, a := range vivoAnswers() {
		seen = append(seen, a.want.Code)
	}
	vendortest.CheckCovered(t, "vivo codes()", codes(), seen)
}
