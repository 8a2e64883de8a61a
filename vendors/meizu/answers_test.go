package meizu

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// pushID is the target of every recorded send.
const pushID = "UCI5c0b0a0f0e0d0c0b0a"

// meizuAnswer is one recorded answer of Flyme's pushByPushId
// (docs/vendors/meizu.md §5): {"code":"<string>","message":…,"value":{…},
// "msgId":…}, HTTP 200. Per-target failures come under code "200", the
// token listed in value under the failure's code. private sends the
// message as 私信 (noticeMsgType 1).
type meizuAnswer struct {
	name    string
	private bool
	status  int
	body    string
	want    vendortest.Reading
}

func mz(code string, outcome vendors.Outcome, kind models.AnswerKind) vendortest.Reading {
	return vendortest.Reading{Code: code, Outcome: outcome, Kind: kind}
}

// topLevel is a refusal of the whole request.
func topLevel(name, code, message string, want vendortest.Reading) meizuAnswer {
	return meizuAnswer{name: name, status: 200, body: `{"code":"` + code + `","message":"` + message + `","value":{},"msgId":""}`, want: want}
}

// target is code 200 with the token listed under code in value.
func target(name, code string, want vendortest.Reading) meizuAnswer {
	return meizuAnswer{name: name, status: 200, want: want,
		body: `{"code":"200","message":"","value":{"` + code + `":["` + pushID + `"]},"msgId":"NS20250614175253001_0_11580045_1_3"}`}
}

// isTarget reports whether the answer names the token in value.
func (a meizuAnswer) isTarget() bool {
	return a.want.Code != "200" && strings.Contains(a.body, `"code":"200"`)
}

func meizuAnswers() []meizuAnswer {
	const (
		ok, rej, fail                                 = vendors.Accepted, vendors.Rejected, vendors.Failed
		acc, bad, auth, dead, quota, device, tr, unkn = models.AnswerAccepted, models.AnswerBadRequest, models.AnswerAuth, models.AnswerDeadToken,
			models.AnswerDailyQuota, models.AnswerDeviceLimit, models.AnswerTransient, models.AnswerUnknown
	)
	publicCapped := target("public cap", "110011", mz("110011", rej, device))
	privateCapped := target("public cap on a private message", "110011", mz("110011", rej, device))
	privateCapped.private = true
	return []meizuAnswer{
		{name: "accepted", status: 200, body: `{"code":"200","message":"","value":{},"msgId":"NS20250614175253001_0_11580045_1_3"}`, want: mz("200", ok, acc)},
		// A failure listed for another pushId is not this one's (§5).
		{name: "another target's failure", status: 200, want: mz("200", ok, acc),
			body: `{"code":"200","message":"","value":{"110003":["UCI000000000000000000"]},"msgId":"NS20250614175253001_0_11580045_1_3"}`},
		topLevel("other error", "500", "其他错误", mz("500", rej, unkn)),
		topLevel("system error", "1001", "系统错误", mz("1001", fail, tr)),
		topLevel("busy", "1003", "服务器忙", mz("1003", fail, tr)),
		topLevel("parameter error", "1005", "参数错误", mz("1005", rej, bad)),
		topLevel("signature", "1006", "签名认证失败", mz("1006", rej, auth)),
		topLevel("illegal appId", "110000", "appId不合法", mz("110000", rej, auth)),
		topLevel("illegal appKey", "110001", "appKey不合法", mz("110001", rej, auth)),
		topLevel("parameter empty", "110004", "参数不能为空", mz("110004", rej, bad)),
		topLevel("blacklisted", "110009", "应用被加入黑名单", mz("110009", rej, auth)),
		// §5 "Reading — 110010": at top level the app's request rate.
		topLevel("request rate", "110010", "应用请求频率超过限制", mz("110010", fail, tr)),
		topLevel("app daily limit", "110019", "超过该应用的次数限制", mz("110019", rej, quota)),
		topLevel("illegal packageName", "110031", "packageName不合法", mz("110031", rej, auth)),
		topLevel("illegal taskId", "110032", "taskId不合法", mz("110032", rej, bad)),
		topLevel("illegal appSecret", "110033", "appSecret不合法", mz("110033", rej, auth)),
		topLevel("app count limit", "110051", "超过该应用的次数限制", mz("110051", rej, quota)),
		topLevel("pass-through", "110053", "透传消息超过限制", mz("110053", rej, bad)),
		// §5 "Reading — 110002": dead per the current README, a known risk.
		target("not registered", "110002", mz("110002", rej, dead)),
		target("illegal pushId", "110003", mz("110003", rej, dead)),
		target("alias invalid", "110005", mz("110005", rej, bad)),
		// §5 "Reading — 110010": listed for the target, its switch is off.
		target("switched off", "110010", mz("110010", rej, device)),
		// §5 "Reading — 110011": this device's public messages, not the
		// certificate's quota.
		publicCapped,
		privateCapped,
		target("no permission", "201", mz("201", rej, auth)),
		target("database error", "501", mz("501", fail, tr)),
		target("send failed", "513", mz("513", fail, tr)),
		target("over the push rate", "518", mz("518", fail, tr)),
		target("overloaded", "519", mz("519", fail, tr)),
		target("folded", "520", mz("520", rej, device)),
		// Several lists: the token's own is read.
		{name: "several lists", status: 200, want: mz("110002", rej, dead),
			body: `{"code":"200","message":"","value":{"110003":["UCI000000000000000000"],"110002":["` + pushID + `","UCI111111111111111111"]},"msgId":"NS20250614175253001_0_11580045_1_3"}`},
		// §5 "other": not documented, unknown.
		target("undocumented target code", "110099", mz("110099", rej, unkn)),
		{name: "gateway page", status: 502, body: `<html><body><h1>502 Bad Gateway</h1></body></html>`, want: mz("HTTP 502", fail, tr)},
	}
}

func TestSendReadsRecordedMeizuAnswers(t *testing.T) {
	replay := vendortest.NewPathReplay()
	ch := New(vendortest.Fake(t, replay, hostCN, hostIntl), nil)
	c := models.Certificate{ID: 14001, Vendor: models.VendorMeizu, Environment: models.CertProduction, UpdatedAt: time.Now(),
		Settings: models.CertificateSettings{AppID: "100999", Region: "cn"}}
	secrets := models.CertificateSecrets{AppSecret: "mz-secret"}
	for _, a := range meizuAnswers() {
		t.Run(a.name, func(t *testing.T) {
			replay.Answer(sendPath, a.status, a.body)
			before := replay.Hits(sendPath)
			msg := vendors.Message{Title: "Bob", Desc: "在吗？"}
			if a.private {
				private := 1
				msg.Meizu.NoticeMsgType = &private
			}
			r := ch.Send(context.Background(), c, secrets, msg, pushID)
			if replay.Hits(sendPath) != before+1 || replay.Form(sendPath).Get("sign") == "" || replay.Form(sendPath).Get("pushIds") != pushID {
				t.Fatalf("the send did not reach Flyme once, signed, for the pushId: %v", replay.Form(sendPath))
			}
			vendortest.CheckReading(t, r, a.want, codes())
			if r.HTTPStatus != a.status || !strings.Contains(r.Response, a.body) {
				t.Errorf("answer not kept: %d %q", r.HTTPStatus, r.Response)
			}
			if a.isTarget() && r.MessageID == "" {
				t.Errorf("msgId not kept for a target's failure")
			}
			if a.want.Code == "110011" {
				// A private message cannot be helped by sending it as private.
				if advises := strings.Contains(r.Fix, "as private"); advises == a.private {
					t.Errorf("110011 fix for a message sent with noticeMsgType %v: %q", a.private, r.Fix)
				}
			}
		})
	}
	// A certificate with private rights sends private by default: the same.
	private := c
	private.Settings.Private = true
	replay.Answer(sendPath, 200, target("", "110011", vendortest.Reading{}).body)
	if r := ch.Send(context.Background(), private, secrets, vendors.Message{Title: "t", Desc: "d"}, pushID); r.Code != "110011" || strings.Contains(r.Fix, "as private") {
		t.Fatalf("private certificate: %+v", r)
	}
}

func TestRecordedMeizuAnswersCoverEveryCode(t *testing.T) {
	var seen, targets []string
	for _, a := range meizuAnswers() {
		seen = append(seen, a.want.Code)
		if a.isTarget() {
			targets = append(targets, a.want.Code)
		}
	}
	vendortest.CheckCovered(t, "meizu codes()", codes(), seen)
	vendortest.CheckCovered(t, "meizu targetCodes(), listed for the target", targetCodes(), targets)
}
