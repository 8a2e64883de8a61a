package huawei

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// fakeHuawei serves the emulator as Huawei's real hostnames over TLS on
// loopback; the channel reaches it through pinning with a production
// certificate.
func fakeHuawei(t *testing.T) (*Channel, *Emulator, models.Certificate, models.CertificateSecrets) {
	t.Helper()
	em := NewEmulator()
	em.slow = 300 * time.Millisecond
	ch := New(vendortest.Fake(t, em, hosts()...), nil)
	em.Register("104123456", "s3cret")
	c := models.Certificate{ID: 10003, Vendor: models.VendorHuawei, Environment: models.CertProduction, UpdatedAt: time.Now(),
		Settings: models.CertificateSettings{AppID: "104123456", ClientID: "104123456", BadgeClass: "com.example.im.MainActivity"}}
	return ch, em, c, models.CertificateSecrets{ClientSecret: "s3cret"}
}

func TestSendMapsTheComposerFields(t *testing.T) {
	ch, _, c, secrets := fakeHuawei(t)
	badge := 7
	msg := vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"conv":"c2c_bob"}`, Sound: "ring", Badge: &badge, DeliveryID: "d-1",
		Huawei: models.HuaweiPushOptions{Category: "IM", Importance: "NORMAL", Test: true}}
	r := ch.Send(context.Background(), c, secrets, msg, "IQAAAACy0-huawei-token-abcdef")
	if r.Outcome != vendors.Accepted || r.Code != "80000000" || r.MessageID == "" || r.HTTPStatus != 200 {
		t.Fatalf("result: %+v", r)
	}
	body := buildRequest(msg, c, "tok")
	n := body.Message.Android.Notification
	if n.Title != "Bob" || n.Body != "hi" || n.Sound != "/raw/ring" || n.DefaultSound || *n.Badge.SetNum != 7 || n.Badge.Class != "com.example.im.MainActivity" ||
		n.Importance != "NORMAL" || n.ClickAction.Type != 3 || body.Message.Android.Category != "IM" || body.Message.Android.TargetUserType != 1 {
		t.Fatalf("mapping: %+v", body)
	}
	var data map[string]string
	if err := json.Unmarshal([]byte(body.Message.Data), &data); err != nil || data["ext"] != `{"conv":"c2c_bob"}` || data["pushcheck_delivery_id"] != "d-1" {
		t.Fatalf("data: %q", body.Message.Data)
	}
	for _, want := range []string{"POST https://push-api.cloud.huawei.com/v1/104123456/messages:send", "Bearer [redacted]", `"category": "IM"`} {
		if !strings.Contains(r.Request, want) {
			t.Errorf("request lacks %q:\n%s", want, r.Request)
		}
	}
	if strings.Contains(r.Request, "huawei-token-abcdef") || strings.Contains(r.Request, "s3cret") {
		t.Fatalf("the stored request holds a secret or the whole token:\n%s", r.Request)
	}
	// Click actions and no badge class.
	c.Settings.BadgeClass = ""
	intent := models.ClickAction{Type: "intent", IntentURI: "intent://chat#Intent;scheme=im;end"}
	b := buildRequest(vendors.Message{Title: "t", Badge: &badge, ClickAction: &intent}, c, "tok")
	if b.Message.Android.Notification.Badge != nil || b.Message.Android.Notification.ClickAction.Intent != intent.IntentURI || !b.Message.Android.Notification.DefaultSound {
		t.Fatalf("intent, no badge class: %+v", b.Message.Android.Notification)
	}
}

func TestSendReadsHuaweiAnswers(t *testing.T) {
	ch, em, c, secrets := fakeHuawei(t)
	big := 120
	vendortest.CheckAnswers(t, func(msg vendors.Message, token string) vendors.Result {
		return ch.Send(context.Background(), c, secrets, msg, token)
	}, []vendortest.Answer{
		vendortest.A("invalid token", "tok-unregistered", vendors.Message{Title: "t", Desc: "d"}, "80300007", vendors.Rejected, models.AnswerBadRequest),
		vendortest.A("flow control", "tok-quota", vendors.Message{Title: "t", Desc: "d"}, "HTTP 503", vendors.Failed, models.AnswerTransient),
		vendortest.A("internal", "tok-down", vendors.Message{Title: "t", Desc: "d"}, "81000001", vendors.Failed, models.AnswerTransient),
		vendortest.A("badge over 99", "tok-1", vendors.Message{Title: "t", Desc: "d", Badge: &big}, "80100003", vendors.Rejected, models.AnswerBadRequest),
		vendortest.A("unknown category", "tok-1", vendors.Message{Title: "t", Desc: "d", Huawei: models.HuaweiPushOptions{Category: "GAMES"}}, "80100003", vendors.Rejected, models.AnswerBadRequest),
		vendortest.A("too big", "tok-1", vendors.Message{Title: "t", Desc: strings.Repeat("x", 4100)}, "80300008", vendors.Rejected, models.AnswerBadRequest),
	})
	// Wrong secret: the token request is refused and explained.
	bad := c
	bad.ID = 10099
	if r := ch.Send(context.Background(), bad, models.CertificateSecrets{ClientSecret: "wrong"}, vendors.Message{Title: "t", Desc: "d"}, "tok"); r.Code != "oauth:1101" || r.HTTPStatus != 400 || !strings.Contains(r.Explanation, "invalid client") {
		t.Fatalf("bad secret: %+v", r)
	}
	// Slow: the call times out with an explanation.
	slow := New(vendortest.FakeTimeout(t, em, 200*time.Millisecond, hosts()...), nil)
	vendortest.CheckTimesOut(t, func(msg vendors.Message, token string) vendors.Result {
		return slow.Send(context.Background(), c, secrets, msg, token)
	}, "tok-slow")
}

func TestReadAnswerByCodeFamily(t *testing.T) {
	cases := []struct {
		name, body string
		status     int
		code       string
		outcome    vendors.Outcome
		kind       models.AnswerKind
		refused    bool
	}{
		{"success", `{"code":"80000000","msg":"Success","requestId":"157"}`, 200, "80000000", vendors.Accepted, models.AnswerAccepted, false},
		{"partial, this token illegal", `{"code":"80100000","msg":"{\"success\":0,\"failure\":1,\"illegal_tokens\":[\"tok\"]}","requestId":"1"}`, 200, "80100000", vendors.Rejected, models.AnswerBadRequest, false},
		{"partial, another token", `{"code":"80100000","msg":"{\"success\":1,\"failure\":1,\"illegal_tokens\":[\"other\"]}","requestId":"1"}`, 200, "80100000", vendors.Rejected, models.AnswerBadRequest, false},
		{"token expired", `{"code":"80200003","msg":"Oauth Token expired."}`, 401, "80200003", vendors.Rejected, models.AnswerAuth, true},
		{"no JSON", `<html>bad gateway</html>`, 502, "HTTP 502", vendors.Failed, models.AnswerTransient, false},
		{"unknown code", `{"code":"80999999","msg":"brand new"}`, 400, "80999999", vendors.Rejected, models.AnswerUnknown, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, refused := readAnswer(vendors.Result{}, vendors.Exchange{Status: tc.status, Body: []byte(tc.body)}, "tok")
			if r.Code != tc.code || r.Outcome != tc.outcome || r.Kind != tc.kind || refused != tc.refused || r.Explanation == "" {
				t.Fatalf("result %+v refused %v", r, refused)
			}
		})
	}
}

func TestExpiredAccessTokenIsRenewedOnceAndTheSendRetried(t *testing.T) {
	ch, em, c, secrets := fakeHuawei(t)
	msg := vendors.Message{Title: "t", Desc: "d"}
	if r := ch.Send(context.Background(), c, secrets, msg, "tok-1"); r.Outcome != vendors.Accepted {
		t.Fatalf("first send: %+v", r)
	}
	em.authServer.ExpireAll()
	if r := ch.Send(context.Background(), c, secrets, msg, "tok-1"); r.Outcome != vendors.Accepted {
		t.Fatalf("send after expiry: %+v", r)
	}
	if n := em.authServer.Issued(); n != 2 {
		t.Fatalf("%d tokens issued, want 2 (one renewal)", n)
	}
	// Concurrent sends share one cached token.
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r := ch.Send(context.Background(), c, secrets, msg, "tok-1"); r.Outcome != vendors.Accepted {
				t.Errorf("concurrent send: %+v", r)
			}
		}()
	}
	wg.Wait()
	if n := em.authServer.Issued(); n != 2 {
		t.Fatalf("%d tokens issued after concurrent sends, want 2", n)
	}
}

func TestDryRunValidatesAndCheckProvesTheCredentials(t *testing.T) {
	ch, _, c, secrets := fakeHuawei(t)
	if r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t", Desc: "d", DryRun: true}, "tok-1"); r.Outcome != vendors.Validated || r.Kind != models.AnswerValidated || !strings.Contains(r.Explanation, "validated by Huawei") {
		t.Fatalf("dry run: %+v", r)
	}
	if r := ch.Check(context.Background(), c, secrets); !r.OK {
		t.Fatalf("check: %+v", r)
	}
	c.ID = 10098
	if r := ch.Check(context.Background(), c, models.CertificateSecrets{ClientSecret: "nope"}); r.OK || !strings.Contains(r.Message, "oauth:1101") {
		t.Fatalf("check with a wrong secret: %+v", r)
	}
}

func TestEveryCodeIsExplained(t *testing.T) {
	for code, c := range codes() {
		if c.Explanation == "" || c.Outcome == "" || (c.Outcome != vendors.Accepted && c.Fix == "") {
			t.Errorf("%s: %+v", code, c)
		}
	}
	for _, code := range []string{"80000000", "80100000", "80100001", "80100003", "80100004", "80100013", "80100016", "80100017", "80100018",
		"80200001", "80200003", "80200005", "80300002", "80300007", "80300008", "80300010", "80300011", "80300013", "80600003", "81000001"} {
		if _, ok := codes()[code]; !ok {
			t.Errorf("%s is not explained", code)
		}
	}
	if u := explain("80999999", "new thing"); !strings.Contains(u.Explanation, "80999999") || !strings.Contains(u.Explanation, "new thing") {
		t.Errorf("unknown code: %+v", u)
	}
}

// An activity click must reach the phone as an intent URI naming the
// component: Huawei's "action" is an intent-filter action, not a class.
func TestActivityClickTravelsAsAnIntentURI(t *testing.T) {
	ch, _, c, secrets := fakeHuawei(t)
	activity := models.ClickAction{Type: "activity", Activity: "com.example.im.ChatActivity"}
	msg := vendors.Message{Title: "t", Desc: "d", ClickAction: &activity}

	c.Settings.PackageName = "com.example.im"
	r := ch.Send(context.Background(), c, secrets, msg, "IQAAAACy0-huawei-token-abcdef")
	want := `"intent": "intent:#Intent;launchFlags=0x4000000;component=com.example.im/com.example.im.ChatActivity;end"`
	if r.Outcome != vendors.Accepted || !strings.Contains(r.Request, want) || strings.Contains(r.Request, `"action"`) {
		t.Fatalf("activity click with a package:\n%s\n%+v", r.Request, r)
	}
	if lint := ch.Lint(msg, c, time.Now()); hasWarning(lint, "click_no_package") {
		t.Fatalf("lint with a package: %v", lint)
	}

	c.Settings.PackageName = ""
	if n := buildRequest(msg, c, "tok").Message.Android.Notification; n.ClickAction.Type != 3 || n.ClickAction.Action != "" {
		t.Fatalf("activity click without a package must open the app: %+v", n.ClickAction)
	}
	if lint := ch.Lint(msg, c, time.Now()); !hasWarning(lint, "click_no_package") {
		t.Fatalf("no lint for the missing package: %v", lint)
	}
}

func hasWarning(ws []models.Warning, code string) bool {
	for _, w := range ws {
		if w.Code == code {
			return true
		}
	}
	return false
}
