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

func fakeVivo(t *testing.T) (*Channel, *Emulator, models.Certificate, models.CertificateSecrets) {
	t.Helper()
	em := NewEmulator()
	em.Register("10004321", "appkey-xyz", "app-secret")
	ch := New(vendortest.Fake(t, em, host), nil)
	c := models.Certificate{ID: 10007, Vendor: models.VendorVivo, Environment: models.CertProduction, UpdatedAt: time.Now(),
		Settings: models.CertificateSettings{AppID: "10004321", AppKey: "appkey-xyz"}}
	return ch, em, c, models.CertificateSecrets{AppSecret: "app-secret"}
}

func TestAuthSign(t *testing.T) {
	// Computed independently: md5("10004321" + "appkey-xyz" + "1700000000000" + "app-secret").
	if got := authSign("10004321", "appkey-xyz", 1700000000000, "app-secret"); got != "e7c0417af0c563bf4772c12668cad793" {
		t.Fatalf("sign %s", got)
	}
}

func TestSendMapsTheComposerFields(t *testing.T) {
	ch, _, c, secrets := fakeVivo(t)
	system := 1
	msg := vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"conv":"c2c_bob"}`, DeliveryID: "d-5",
		Vivo: models.VivoPushOptions{Classification: &system, Category: "IM", PushMode: "test"}}
	r := ch.Send(context.Background(), c, secrets, msg, "16000000000000000001")
	if r.Outcome != vendors.Accepted || r.Code != "0" || r.MessageID == "" {
		t.Fatalf("result: %+v", r)
	}
	for _, want := range []string{"POST https://api-push.vivo.com.cn/message/send", "authToken: [redacted]", `"appId": 10004321`, `"classification": 1`,
		`"category": "IM"`, `"pushMode": 1`, `"requestId": "d-5"`, `"pushcheck_delivery_id": "d-5"`, `"ext": "{\"conv\":\"c2c_bob\"}"`} {
		if !strings.Contains(r.Request, want) {
			t.Errorf("request lacks %q:\n%s", want, r.Request)
		}
	}
	if strings.Contains(r.Request, "16000000000000000001") {
		t.Fatalf("whole token stored:\n%s", r.Request)
	}
	intent := models.ClickAction{Type: "intent", IntentURI: "vivoim://chat?c=1"}
	if b := buildRequest(vendors.Message{Title: "t", Desc: "d", ClickAction: &intent}, c, "tok"); b.SkipType != 4 || b.SkipContent != intent.IntentURI {
		t.Fatalf("intent: %+v", b)
	}
}

func TestSendReadsVivoAnswers(t *testing.T) {
	ch, em, c, secrets := fakeVivo(t)
	operation := 0
	vendortest.CheckAnswers(t, func(msg vendors.Message, token string) vendors.Result {
		return ch.Send(context.Background(), c, secrets, msg, token)
	}, []vendortest.Answer{
		vendortest.A("uninstalled", "regid-unregistered", vendors.Message{Title: "t", Desc: "d"}, "invalidUser:2", vendors.Rejected, models.AnswerDeviceLimit),
		vendortest.A("daily total", "regid-quota", vendors.Message{Title: "t", Desc: "d"}, "10070", vendors.Rejected, models.AnswerDailyQuota),
		vendortest.A("busy", "regid-down", vendors.Message{Title: "t", Desc: "d"}, "10040", vendors.Failed, models.AnswerTransient),
		vendortest.A("title too long", "regid", vendors.Message{Title: strings.Repeat("t", 41), Desc: "d"}, "10085", vendors.Rejected, models.AnswerBadRequest),
		vendortest.A("test word in a formal message", "regid", vendors.Message{Title: "测试", Desc: "d"}, "10104", vendors.Rejected, models.AnswerBadRequest),
		vendortest.A("category and classification", "regid", vendors.Message{Title: "t", Desc: "d", Vivo: models.VivoPushOptions{Classification: &operation, Category: "IM"}}, "10097", vendors.Rejected, models.AnswerBadRequest),
		vendortest.A("unknown category", "regid", vendors.Message{Title: "t", Desc: "d", Vivo: models.VivoPushOptions{Category: "GAMES"}}, "10096", vendors.Rejected, models.AnswerBadRequest),
	})
	bad := c
	bad.ID = 10096
	if r := ch.Send(context.Background(), bad, models.CertificateSecrets{AppSecret: "wrong"}, vendors.Message{Title: "t", Desc: "d"}, "regid"); r.Code != "10000" || !strings.Contains(r.Explanation, "sign") {
		t.Fatalf("wrong secret: %+v", r)
	}
	em.authServer.ExpireAll()
	before := em.authServer.Issued()
	if r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t", Desc: "d"}, "regid"); r.Outcome != vendors.Accepted || em.authServer.Issued() != before+1 {
		t.Fatalf("after expiry: %+v", r)
	}
	slow := New(vendortest.FakeTimeout(t, em, 200*time.Millisecond, host), nil)
	vendortest.CheckTimesOut(t, func(msg vendors.Message, token string) vendors.Result {
		return slow.Send(context.Background(), c, secrets, msg, token)
	}, "regid-slow")
	if r := ch.Check(context.Background(), c, secrets); !r.OK {
		t.Fatalf("check: %+v", r)
	}
	if r := ch.Check(context.Background(), bad, models.CertificateSecrets{AppSecret: "wrong"}); r.OK || !strings.Contains(r.Message, "10000") {
		t.Fatalf("check, wrong secret: %+v", r)
	}
}

func TestEveryCodeIsExplained(t *testing.T) {
	for _, code := range []string{"0", "10070", "10071", "10073", "10094", "10096", "10097", "10104", "10085", "10252", "10254", "10302", "10054", "10040", "10000",
		"invalidUser:1", "invalidUser:2", "invalidUser:3", "invalidUser:4"} {
		c, ok := codes()[code]
		if !ok || c.Explanation == "" || (c.Outcome != vendors.Accepted && c.Fix == "") {
			t.Errorf("%s: %+v", code, c)
		}
	}
	if u := explain("10999", "新的"); !strings.Contains(u.Explanation, "新的") {
		t.Errorf("unknown: %+v", u)
	}
}

// vivo counts a Chinese character as 2: the lint must block what vivo
// refuses, not pass it on a character count.
func TestLintCountsChineseAsVivoDoes(t *testing.T) {
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), nil)
	c := models.Certificate{Vendor: models.VendorVivo, Settings: models.CertificateSettings{Category: "IM"}}
	noon := time.Date(2026, 11, 30, 4, 0, 0, 0, time.UTC)
	blocked := func(title string) bool {
		for _, w := range ch.Lint(vendors.Message{Title: title, Desc: "d"}, c, noon) {
			if w.Code == "title_too_long" {
				return true
			}
		}
		return false
	}
	if !blocked(strings.Repeat("标", 21)) || blocked(strings.Repeat("标", 20)) || blocked(strings.Repeat("t", 40)) {
		t.Fatal("vivo's title limit is 40 with a Chinese character counting 2")
	}
}
