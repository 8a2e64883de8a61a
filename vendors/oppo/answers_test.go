package oppo

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
	unicastPath = "/server/v1/message/notification/unicast"
	// tokenAnswer is OPPO's auth answer with a valid auth_token
	// (docs/vendors/oppo.md §1).
	tokenAnswer = `{"code":0,"message":"Success","data":{"auth_token":"d2c0f2c5-4e1f-4a6b-9a57-3f0c6a1f7b2e","create_time":1749893573000}}`
)

// recordedAnswer is one recorded OPPO answer (docs/vendors/oppo.md §5):
// {"code":…,"message":…,"data":{…}}, HTTP 200 in every sample. auth, when
// set, is the auth call's answer instead of a token; the unicast is then
// never reached.
type recordedAnswer struct {
	name       string
	auth       string
	authStatus int
	status     int
	body       string
	want       vendortest.Reading
}

func op(code string, outcome vendors.Outcome, kind models.AnswerKind) vendortest.Reading {
	return vendortest.Reading{Code: code, Outcome: outcome, Kind: kind}
}

// refusedAnswer is an OPPO refusal with data null, as its public codes come.
func refusedAnswer(name string, code, message string, want vendortest.Reading) recordedAnswer {
	return recordedAnswer{name: name, status: 200, body: `{"code":` + code + `,"message":"` + message + `","data":null}`, want: want}
}

// authRefusal is the auth call refusing the credentials.
func authRefusal(name string, code, message string, want vendortest.Reading) recordedAnswer {
	return recordedAnswer{name: name, auth: `{"code":` + code + `,"message":"` + message + `"}`, authStatus: 200, want: want}
}

func oppoAnswers() []recordedAnswer {
	const (
		ok, rej, fail                         = vendors.Accepted, vendors.Rejected, vendors.Failed
		acc, bad, auth, dead, quota, tr, unkn = models.AnswerAccepted, models.AnswerBadRequest, models.AnswerAuth, models.AnswerDeadToken,
			models.AnswerDailyQuota, models.AnswerTransient, models.AnswerUnknown
	)
	return []recordedAnswer{
		{name: "accepted", status: 200, body: `{"code":0,"message":"Success","data":{"messageId":"5f8e4c3a2b1d0e9f8a7b6c5d"}}`, want: op("0", ok, acc)},
		refusedAnswer("flow control", "-2", "Service in Flow Control", op("-2", fail, tr)),
		refusedAnswer("unavailable", "-1", "Service Currently Unavailable", op("-1", fail, tr)),
		// Refused on the send, renewed once, refused again (§5 row 11).
		refusedAnswer("auth_token refused twice", "11", "Invalid AuthToken", op("11", rej, auth)),
		refusedAnswer("method not allowed", "12", "Http Action Not Allowed", op("12", rej, bad)),
		// §5 "Reading — 13": a call limit, not the day's quota.
		refusedAnswer("call limit", "13", "App Call Limited", op("13", fail, tr)),
		authRefusal("unknown AppKey", "14", "Invalid App Key", op("14", rej, auth)),
		authRefusal("no AppKey", "15", "Missing App Key", op("15", rej, auth)),
		authRefusal("bad signature", "16", "Invalid Signature", op("16", rej, auth)),
		authRefusal("no signature", "17", "Missing Signature", op("17", rej, auth)),
		authRefusal("no timestamp", "18", "Missing Timestamp", op("18", rej, auth)),
		authRefusal("clock off", "19", "Invalid Timestamp", op("19", rej, auth)),
		refusedAnswer("bad method", "20", "Invalid Method", op("20", rej, bad)),
		refusedAnswer("no method", "21", "Missing Method", op("21", rej, bad)),
		refusedAnswer("no version", "22", "Missing Version", op("22", rej, bad)),
		refusedAnswer("bad version", "23", "Invalid Version", op("23", rej, bad)),
		refusedAnswer("bad format", "24", "Invalid Format", op("24", rej, bad)),
		refusedAnswer("not UTF-8", "25", "Invalid Encoding", op("25", rej, bad)),
		authRefusal("IP blacklisted at auth", "26", "IP Black List", op("26", rej, auth)),
		refusedAnswer("IP blacklisted", "26", "IP Black List", op("26", rej, auth)),
		refusedAnswer("access denied", "27", "Access Denied", op("27", rej, auth)),
		refusedAnswer("app disabled", "28", "App Disabled", op("28", rej, auth)),
		refusedAnswer("no auth_token", "29", "Missing Auth Token", op("29", rej, auth)),
		refusedAnswer("no push permission", "30", "Api Permission Denied", op("30", rej, auth)),
		refusedAnswer("data not exist", "31", "Data Not Exist", op("31", rej, bad)),
		refusedAnswer("duplicate", "32", "Data Duplicate", op("32", rej, bad)),
		refusedAnswer("daily limit", "33", "The number of messages exceeds the daily limit", op("33", rej, quota)),
		{name: "daily limit, Chinese", status: 200, body: `{"code":33,"message":"推送消息数量超过每日限制","data":{}}`, want: op("33", rej, quota)},
		// §5 row 34 is a cap on picture uploads (pushcheck uploads none):
		// it must not stop messages without pictures for the day, so it
		// is read as a bad request, not the class's daily quota.
		refusedAnswer("picture uploads", "34", "The number of uploaded pictures exceeds the daily limit", op("34", rej, bad)),
		refusedAnswer("missing argument", "40", "Missing Required Arguments", op("40", rej, bad)),
		refusedAnswer("title too long", "41", "Invalid Arguments: title length exceeds 50", op("41", rej, bad)),
		// An argument error naming the ID is a malformed request, not a
		// business answer about the device (§5: only codes ≥ 10000).
		refusedAnswer("malformed registration ID", "41", "Invalid Arguments: registration_id", op("41", rej, bad)),
		refusedAnswer("bad picture", "51", "Invalid Picture", op("51", rej, bad)),
		refusedAnswer("call frequency", "55", "App Call Frequency Limit", op("55", fail, tr)),
		refusedAnswer("backup link", "59", "No permission to use the secondary link", op("59", rej, auth)),
		refusedAnswer("category", "67", "category error", op("67", rej, bad)),
		// §5 "Reading — invalid registration ID": OPPO's unicast business
		// codes are unpublished; any of them naming the ID as invalid is a
		// dead token, however it is spelled.
		refusedAnswer("Invalid RegistrationId", "10000", "Invalid RegistrationId", op("10000", rej, dead)),
		refusedAnswer("Invalid Registration Id", "10000", "Invalid Registration Id", op("10000", rej, dead)),
		refusedAnswer("invalid registration_id", "10001", "invalid registration_id", op("10001", rej, dead)),
		refusedAnswer("regId is invalid", "10002", "regId is invalid", op("10002", rej, dead)),
		refusedAnswer("无效的registration_id", "10003", "无效的registration_id", op("10003", rej, dead)),
		refusedAnswer("registrationId不合法", "10004", "registrationId不合法", op("10004", rej, dead)),
		// Not naming the ID: OPPO's words, unknown.
		refusedAnswer("target not found", "10010", "target not found", op("10010", rej, unkn)),
		refusedAnswer("illegal target", "10011", "目标不合法", op("10011", rej, unkn)),
		{name: "gateway page", status: 502, body: `<html><body><h1>502 Bad Gateway</h1></body></html>`, want: op("HTTP 502", fail, tr)},
		{name: "auth gateway page", auth: `<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>`, authStatus: 503, want: op("HTTP 503", fail, tr)},
		// An auth answer without a token is no acceptance of the message.
		{name: "auth success without a token", auth: `{"code":0,"message":"Success","data":{}}`, authStatus: 200, want: op("HTTP 200", fail, tr)},
	}
}

func TestSendReadsRecordedOPPOAnswers(t *testing.T) {
	replay := vendortest.NewPathReplay()
	ch := New(vendortest.Fake(t, replay, hostCN, hostIntl), nil)
	secrets := models.CertificateSecrets{MasterSecret: "master-secret"}
	for i, a := range oppoAnswers() {
		t.Run(a.name, func(t *testing.T) {
			// A certificate of its own per case: the auth call is made.
			c := models.Certificate{ID: int64(12000 + i), Vendor: models.VendorOPPO, Environment: models.CertProduction, UpdatedAt: time.Now(),
				Settings: models.CertificateSettings{AppKey: "b8f7c3e1", ChannelID: "im_private", Region: "cn"}}
			auth, authStatus, kept := tokenAnswer, 200, a.body
			if a.auth != "" {
				auth, authStatus, kept = a.auth, a.authStatus, a.auth
			}
			replay.Answer(authPath, authStatus, auth)
			replay.Answer(unicastPath, a.status, a.body)
			auths, sends := replay.Hits(authPath), replay.Hits(unicastPath)
			r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "Bob", Desc: "在吗？"}, "CN_oppo-regid-0123456789")
			vendortest.CheckReading(t, r, a.want, codes())
			wantAuths, wantSends := 1, 1
			switch {
			case a.auth != "":
				wantSends = 0
			case a.want.Code == "11":
				wantAuths, wantSends = 2, 2
			}
			if replay.Hits(authPath)-auths != wantAuths || replay.Hits(unicastPath)-sends != wantSends {
				t.Errorf("%d auth calls and %d sends, want %d and %d", replay.Hits(authPath)-auths, replay.Hits(unicastPath)-sends, wantAuths, wantSends)
			}
			if wantSends > 0 && replay.Form(unicastPath).Get("auth_token") != "d2c0f2c5-4e1f-4a6b-9a57-3f0c6a1f7b2e" {
				t.Errorf("the send did not carry the issued auth_token: %v", replay.Form(unicastPath))
			}
			if !strings.Contains(r.Response, kept) {
				t.Errorf("answer not kept: %q", r.Response)
			}
			if (r.Outcome == vendors.Accepted) != (r.MessageID == "5f8e4c3a2b1d0e9f8a7b6c5d") {
				t.Errorf("message ID %q for %s", r.MessageID, r.Outcome)
			}
		})
	}
	// An overseas registration ID is read the same on the international host.
	replay.Answer(authPath, 200, tokenAnswer)
	replay.Answer(unicastPath, 200, `{"code":10000,"message":"Invalid RegistrationId","data":null}`)
	c := models.Certificate{ID: 12999, Vendor: models.VendorOPPO, Settings: models.CertificateSettings{AppKey: "b8f7c3e1", ChannelID: "im_private"}}
	if r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t", Desc: "d"}, "OPPO_IN_regid"); !r.TokenDead() || !strings.Contains(r.Request, hostIntl) {
		t.Fatalf("overseas: %+v", r)
	}
}

func TestRecordedOPPOAnswersCoverEveryCode(t *testing.T) {
	var seen []string
	for _, a := range oppoAnswers() {
		seen = append(seen, a.want.Code)
	}
	vendortest.CheckCovered(t, "oppo codes()", codes(), seen)
}
