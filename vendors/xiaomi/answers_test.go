package xiaomi

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// miAnswer is one answer of Mi Push's POST /v3/message/regid as Xiaomi
// sends it (docs/vendors/xiaomi.md §5): {"result":"ok","code":0,"data":
// {"id":…}} on success, {"result":"error","code":…,"reason":…,
// "description":…} otherwise, HTTP 200 in every sample.
type miAnswer struct {
	name   string
	status int
	body   string
	want   vendortest.Reading
}

func mi(code string, outcome vendors.Outcome, kind models.AnswerKind) vendortest.Reading {
	return vendortest.Reading{Code: code, Outcome: outcome, Kind: kind}
}

// miAnswers are the recorded answers, one or more per code of §5's table.
func miAnswers() []miAnswer {
	const (
		ok, rej, fail                         = vendors.Accepted, vendors.Rejected, vendors.Failed
		acc, bad, auth, dead, quota, tr, unkn = models.AnswerAccepted, models.AnswerBadRequest, models.AnswerAuth, models.AnswerDeadToken,
			models.AnswerDailyQuota, models.AnswerTransient, models.AnswerUnknown
	)
	return []miAnswer{
		{"accepted", 200, `{"result":"ok","trace_id":"Xcm01b96481749893573Vv","code":0,"data":{"id":"scm01b96481749893573Vv"},"description":"成功","info":"Received push messages for 1 REGID"}`, mi("0", ok, acc)},
		{"accepted with the quota fields", 200, `{"result":"ok","trace_id":"Xdm52b03481749893574Qw","code":0,"data":{"id":"sdm52b03481749893574Qw","day_acked":"12","day_quota":"20000","channel_exceed_quota":"false"},"description":"成功","info":"Received push messages for 1 REGID"}`, mi("0", ok, acc)},
		{"unknown error", 200, `{"result":"error","reason":"unknown error","trace_id":"Xcm51b81749893575Aa","code":-1,"description":"未知错误"}`, mi("-1", rej, unkn)},
		{"internal error", 200, `{"result":"error","reason":"internal error","trace_id":"Xcm51b81749893575Ab","code":1,"description":"内部错误"}`, mi("1", fail, tr)},
		{"system error", 200, `{"result":"error","reason":"system error","trace_id":"Xcm51b81749893575Ac","code":10001,"description":"系统错误"}`, mi("10001", fail, tr)},
		{"system busy", 200, `{"result":"error","reason":"service is busy","trace_id":"Xcm51b81749893575Ad","code":10002,"description":"系统繁忙"}`, mi("10002", fail, tr)},
		{"remote service error", 200, `{"result":"error","reason":"remote service error","trace_id":"Xcm51b81749893575Ae","code":10003,"description":"远程服务错误"}`, mi("10003", fail, tr)},
		{"parameter error", 200, `{"result":"error","reason":"notify_type must be -1, 1, 2, 4 or their sum","trace_id":"Xcm51b81749893575Af","code":10008,"description":"参数错误"}`, mi("10008", rej, bad)},
		{"required parameter missing", 200, `{"result":"error","reason":"missing parameter: registration_id","trace_id":"Xcm51b81749893575Ag","code":10016,"description":"缺失必选参数"}`, mi("10016", rej, bad)},
		{"illegal parameter value", 200, `{"result":"error","reason":"Invalid restricted_package_name","trace_id":"Xcm51b81749893575Ah","code":10017,"description":"非法的参数值"}`, mi("10017", rej, bad)},
		{"calls too often", 200, `{"result":"error","reason":"app api calls too frequently","trace_id":"Xcm51b81749893575Ai","code":10027,"description":"应用请求接口过于频繁"}`, mi("10027", fail, tr)},
		{"invalid device", 200, `{"result":"error","reason":"invalid device","trace_id":"Xcm51b81749893575Aj","code":10029,"description":"无效的设备"}`, mi("10029", rej, dead)},
		{"blacklisted", 200, `{"result":"error","reason":"app is in blacklist, forbidden to send","trace_id":"Xcm51b81749893575Ak","code":10031,"description":"应用被加入黑名单，禁止发送"}`, mi("10031", rej, auth)},
		{"daily quota", 200, `{"result":"error","reason":"app sent too many messages today","trace_id":"Xcm51b81749893575Al","code":10034,"description":"应用今日发送消息数过多"}`, mi("10034", rej, quota)},
		{"operation forbidden", 200, `{"result":"error","reason":"operation forbidden for this app","trace_id":"Xcm51b81749893575Am","code":10036,"description":"应用禁止此操作"}`, mi("10036", rej, auth)},
		{"request expired", 200, `{"result":"error","reason":"request expired","trace_id":"Xcm51b81749893575An","code":10037,"description":"请求已过期"}`, mi("10037", rej, bad)},
		// §5 "Reading — 20301": the regId may be of another package or
		// region, so the answer condemns no device.
		{"no valid targets", 200, `{"result":"error","reason":"No valid targets!","trace_id":"Xcm01b96481749893576Ao","code":20301,"description":"发送消息失败"}`, mi("20301", rej, bad)},
		{"no valid targets, description only", 200, `{"result":"error","trace_id":"Xcm01b96481749893576Ap","code":20301,"description":"发送消息失败"}`, mi("20301", rej, bad)},
		{"bad AppSecret", 200, `{"result":"error","reason":"Authentication failed","trace_id":"Xcm51b81749893575Aq","code":21301,"description":"认证失败"}`, mi("21301", rej, auth)},
		{"token authentication", 200, `{"result":"error","reason":"token authentication failed","trace_id":"Xcm51b81749893575Ar","code":21302,"description":"token认证失败"}`, mi("21302", rej, auth)},
		{"restricted request", 200, `{"result":"error","reason":"request is restricted","trace_id":"Xcm51b81749893575As","code":21303,"description":"请求受限"}`, mi("21303", rej, auth)},
		{"illegal app", 200, `{"result":"error","reason":"illegal app","trace_id":"Xcm51b81749893575At","code":22000,"description":"非法的应用"}`, mi("22000", rej, auth)},
		{"bad app ID", 200, `{"result":"error","reason":"invalid app id","trace_id":"Xcm51b81749893575Au","code":22006,"description":"无效的AppID"}`, mi("22006", rej, auth)},
		{"bad app key", 200, `{"result":"error","reason":"invalid app key","trace_id":"Xcm51b81749893575Av","code":22007,"description":"无效的AppKey"}`, mi("22007", rej, auth)},
		{"package mismatch", 200, `{"result":"error","reason":"Invalid package name: com.example.other","trace_id":"Xcm51b81749893575Aw","code":22022,"description":"非法的包名"}`, mi("22022", rej, bad)},
		{"review required", 200, `{"result":"error","reason":"sending requires review","trace_id":"Xcm51b81749893575Ax","code":26006,"description":"发送需要审核"}`, mi("26006", rej, auth)},
		{"channel mismatch", 200, `{"result":"error","reason":"channel info mismatch","trace_id":"Xcm51b81749893575Ay","code":27001,"description":"channel信息不匹配"}`, mi("27001", rej, bad)},
		// §5 "Reading — 65003": offline, not a dead regId.
		{"device not found", 200, `{"result":"error","reason":"device not found","trace_id":"Xcm51b81749893575Az","code":65003,"description":"设备不存在"}`, mi("65003", fail, tr)},
		{"content too long", 200, `{"result":"error","reason":"title too long","trace_id":"Xcm51b81749893575Ba","code":65009,"description":"消息内容过长"}`, mi("65009", rej, bad)},
		{"too many extras", 200, `{"result":"error","reason":"too many key-value pairs in extra","trace_id":"Xcm51b81749893575Bb","code":65014,"description":"键值对数量过多"}`, mi("65014", rej, bad)},
		{"extras too long", 200, `{"result":"error","reason":"key-value pairs too long","trace_id":"Xcm51b81749893575Bc","code":65015,"description":"键值对总长度过长"}`, mi("65015", rej, bad)},
		{"callback param too long", 200, `{"result":"error","reason":"callback param too long","trace_id":"Xcm51b81749893575Bd","code":65036,"description":"回执参数过长"}`, mi("65036", rej, bad)},
		{"callback URL too long", 200, `{"result":"error","reason":"callback url too long","trace_id":"Xcm51b81749893575Be","code":65037,"description":"回执地址过长"}`, mi("65037", rej, bad)},
		{"callback URL illegal", 200, `{"result":"error","reason":"illegal callback url","trace_id":"Xcm51b81749893575Bf","code":65038,"description":"非法的回执地址"}`, mi("65038", rej, bad)},
		// 66108 is documented from the client SDK (§5 row "–"); read the
		// same should the server ever relay it.
		{"package name error", 200, `{"result":"error","reason":"package name error","trace_id":"Xcm51b81749893575Bg","code":66108,"description":"包名错误"}`, mi("66108", rej, bad)},
		// §5 "other": Xiaomi's table goes on past 65041; the reason is shown.
		{"code past the selection", 200, `{"result":"error","reason":"the message was filtered","trace_id":"Xcm51b81749893575Bh","code":65041,"description":"消息被过滤"}`, mi("65041", rej, unkn)},
		// §5: a body without result is an unreadable answer.
		{"gateway page", 502, `<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>`, mi("HTTP 502", fail, tr)},
	}
}

func TestSendReadsRecordedXiaomiAnswers(t *testing.T) {
	replay := vendortest.NewPathReplay()
	ch := New(vendortest.Fake(t, replay, allHosts()...), nil)
	c := models.Certificate{ID: 11001, Vendor: models.VendorXiaomi, Environment: models.CertProduction, UpdatedAt: time.Now(),
		Settings: models.CertificateSettings{PackageName: "com.example.im", Region: "cn"}}
	secrets := models.CertificateSecrets{AppSecret: "mi-secret=="}
	for _, a := range miAnswers() {
		t.Run(a.name, func(t *testing.T) {
			replay.Answer("/v3/message/regid", a.status, a.body)
			before := replay.Hits("/v3/message/regid")
			r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "Bob", Desc: "在吗？"}, "mi-regid-0123456789abcdef")
			if replay.Hits("/v3/message/regid") != before+1 || replay.Header("/v3/message/regid").Get("Authorization") != "key=mi-secret==" {
				t.Fatalf("the send did not reach Mi Push once with the AppSecret")
			}
			vendortest.CheckReading(t, r, a.want, codes())
			if r.HTTPStatus != a.status || !strings.Contains(r.Response, a.body) {
				t.Errorf("answer not kept: %d %q", r.HTTPStatus, r.Response)
			}
			if (r.Outcome == vendors.Accepted) != strings.HasPrefix(r.MessageID, "s") {
				t.Errorf("message ID %q for %s", r.MessageID, r.Outcome)
			}
			if a.want.Code == "20301" && !strings.Contains(r.Fix, "region") {
				t.Errorf("20301 fix does not point at the region: %q", r.Fix)
			}
		})
	}
	// Another region's host answers for a certificate set to it.
	eu := c
	eu.Settings.Region = "eu"
	replay.Answer("/v3/message/regid", 200, miAnswers()[0].body)
	if r := ch.Send(context.Background(), eu, secrets, vendors.Message{Title: "t", Desc: "d"}, "regid"); r.Outcome != vendors.Accepted ||
		!strings.Contains(r.Request, "fr-api.xmpush.global.xiaomi.com") {
		t.Fatalf("eu: %+v", r)
	}
}

func TestRecordedXiaomiAnswersCoverEveryCode(t *testing.T) {
	var seen []string
	for _, a := range miAnswers() {
		seen = append(seen, a.want.Code)
	}
	vendortest.CheckCovered(t, "xiaomi codes()", codes(), seen)
}
