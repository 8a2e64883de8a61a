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

func fakeXiaomi(t *testing.T, region string) (*Channel, *Emulator, models.Certificate, models.CertificateSecrets) {
	t.Helper()
	em := NewEmulator()
	em.Register("com.example.im", "mi-secret==", "im_private", "high_system")
	ch := New(vendortest.Fake(t, em, allHosts()...), nil)
	c := models.Certificate{ID: 10005, Vendor: models.VendorXiaomi, Environment: models.CertProduction, UpdatedAt: time.Now(),
		Settings: models.CertificateSettings{PackageName: "com.example.im", Region: region}}
	return ch, em, c, models.CertificateSecrets{AppSecret: "mi-secret=="}
}

func TestSendMapsTheComposerFieldsOnTheRegionalHost(t *testing.T) {
	ch, _, c, secrets := fakeXiaomi(t, "global")
	notify := 3
	chat := models.ClickAction{Type: "activity", Activity: "com.example.im.ChatActivity"}
	msg := vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"conv":"c2c_bob"}`, Sound: "ring", DeliveryID: "d-3", ClickAction: &chat,
		Xiaomi: models.XiaomiPushOptions{ChannelID: "im_private", NotifyType: &notify}}
	r := ch.Send(context.Background(), c, secrets, msg, "mi-regid-0123456789abcdef")
	if r.Outcome != vendors.Accepted || r.Code != "0" || !strings.HasPrefix(r.MessageID, "scm") {
		t.Fatalf("result: %+v", r)
	}
	for _, want := range []string{"POST https://sgp-api.xmpush.global.xiaomi.com/v3/message/regid", "Authorization: key=[redacted]",
		`payload={"conv":"c2c_bob"}`, "extra.channel_id=im_private", "notify_type=3", "extra.sound_uri=android.resource://com.example.im/raw/ring",
		"extra.notify_effect=2", "extra.intent_uri=intent:#Intent;component=com.example.im/com.example.im.ChatActivity;end",
		"extra.pushcheck_delivery_id=d-3", "restricted_package_name=com.example.im"} {
		if !strings.Contains(r.Request, want) {
			t.Errorf("request lacks %q:\n%s", want, r.Request)
		}
	}
	if strings.Contains(r.Request, "mi-secret") || strings.Contains(r.Request, "0123456789abcdef") {
		t.Fatalf("secret or whole token stored:\n%s", r.Request)
	}
	if hostOf("cn") != "api.xmpush.xiaomi.com" || hostOf("eu") != "fr-api.xmpush.global.xiaomi.com" || hostOf("in") != "idmb-api.xmpush.global.xiaomi.com" || hostOf("ru") != "ru-api.xmpush.global.xiaomi.com" {
		t.Fatal("regional hosts")
	}
}

func TestSendReadsXiaomiAnswers(t *testing.T) {
	ch, em, c, secrets := fakeXiaomi(t, "cn")
	vendortest.CheckAnswers(t, func(msg vendors.Message, token string) vendors.Result {
		return ch.Send(context.Background(), c, secrets, msg, token)
	}, []vendortest.Answer{
		vendortest.A("no valid targets", "regid-unregistered", vendors.Message{Title: "t", Desc: "d"}, "20301", vendors.Rejected, models.AnswerBadRequest),
		vendortest.A("daily quota", "regid-quota", vendors.Message{Title: "t", Desc: "d"}, "10034", vendors.Rejected, models.AnswerDailyQuota),
		vendortest.A("busy", "regid-down", vendors.Message{Title: "t", Desc: "d"}, "10002", vendors.Failed, models.AnswerTransient),
		vendortest.A("title too long", "regid", vendors.Message{Title: strings.Repeat("标", 50), Desc: "d"}, "65009", vendors.Rejected, models.AnswerBadRequest),
		vendortest.A("unknown channel", "regid", vendors.Message{Title: "t", Desc: "d", Xiaomi: models.XiaomiPushOptions{ChannelID: "nope"}}, "27001", vendors.Rejected, models.AnswerBadRequest),
	})
	if r := ch.Send(context.Background(), c, models.CertificateSecrets{AppSecret: "wrong"}, vendors.Message{Title: "t", Desc: "d"}, "regid"); r.Code != "21301" {
		t.Fatalf("wrong secret: %+v", r)
	}
	other := c
	other.Settings.PackageName = "com.example.other"
	if r := ch.Send(context.Background(), other, secrets, vendors.Message{Title: "t", Desc: "d"}, "regid"); r.Code != "22022" {
		t.Fatalf("wrong package: %+v", r)
	}
	slow := New(vendortest.FakeTimeout(t, em, 200*time.Millisecond, allHosts()...), nil)
	vendortest.CheckTimesOut(t, func(msg vendors.Message, token string) vendors.Result {
		return slow.Send(context.Background(), c, secrets, msg, token)
	}, "regid-slow")
	if r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t", Desc: "d", DryRun: true}, "regid"); r.Outcome != vendors.NotSent || r.HTTPStatus != 0 {
		t.Fatalf("dry run: %+v", r)
	}
	if r := ch.Check(context.Background(), c, secrets); !r.OK {
		t.Fatalf("check: %+v", r)
	}
	if r := ch.Check(context.Background(), c, models.CertificateSecrets{AppSecret: "wrong"}); r.OK || !strings.Contains(r.Message, "21301") {
		t.Fatalf("check with a wrong secret: %+v", r)
	}
	if r := readAnswer(vendors.Result{}, vendors.Exchange{Status: 502, Body: []byte("<html>")}); r.Outcome != vendors.Failed || r.Code != "HTTP 502" {
		t.Fatalf("no JSON: %+v", r)
	}
}

func TestEveryCodeIsExplained(t *testing.T) {
	for code, c := range codes() {
		if c.Explanation == "" || (c.Outcome != vendors.Accepted && c.Fix == "") {
			t.Errorf("%s: %+v", code, c)
		}
	}
	for _, code := range []string{"0", "-1", "1", "10001", "10002", "10003", "10008", "10016", "10017", "10027", "10029", "10031", "10034", "10036", "10037",
		"20301", "21301", "21302", "21303", "22000", "22006", "22007", "22022", "26006", "27001", "65003", "65009", "65014", "65015", "65036", "65037", "65038", "66108"} {
		if _, ok := codes()[code]; !ok {
			t.Errorf("%s is not explained", code)
		}
	}
	if u := explain(99999, "brand new"); !strings.Contains(u.Explanation, "brand new") || !strings.Contains(u.Explanation, "99999") {
		t.Errorf("unknown: %+v", u)
	}
}
