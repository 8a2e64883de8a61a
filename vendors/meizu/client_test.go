package meizu

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

func fakeMeizu(t *testing.T, region string) (*Channel, *Emulator, models.Certificate, models.CertificateSecrets) {
	t.Helper()
	em := NewEmulator()
	em.Register("100999", "mz-secret")
	ch := New(vendortest.Fake(t, em, hostCN, hostIntl), nil)
	c := models.Certificate{ID: 10008, Vendor: models.VendorMeizu, Environment: models.CertProduction, UpdatedAt: time.Now(),
		Settings: models.CertificateSettings{AppID: "100999", Region: region}}
	return ch, em, c, models.CertificateSecrets{AppSecret: "mz-secret"}
}

func TestSendMapsTheComposerFields(t *testing.T) {
	ch, _, c, secrets := fakeMeizu(t, "intl")
	private, quiet := 1, false
	chat := models.ClickAction{Type: "activity", Activity: "com.example.im.ChatActivity"}
	msg := vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"conv":"c2c_bob"}`, DeliveryID: "d-6", ClickAction: &chat,
		Meizu: models.MeizuPushOptions{NoticeMsgType: &private, Sound: &quiet}}
	r := ch.Send(context.Background(), c, secrets, msg, "UCI5c0b0a0f0e0d0c0b0a")
	if r.Outcome != vendors.Accepted || r.Code != "200" || r.MessageID == "" {
		t.Fatalf("result: %+v", r)
	}
	if !strings.Contains(r.Request, "POST https://server-api-push.in.meizu.com/garcia/api/server/push/varnished/pushByPushId") || !strings.Contains(r.Request, "sign=[redacted]") ||
		strings.Contains(r.Request, "0e0d0c0b0a") {
		t.Fatalf("request:\n%s", r.Request)
	}
	m := buildMessage(msg, c)
	raw, _ := json.Marshal(m)
	for _, want := range []string{`"noticeMsgType":1`, `"sound":0`, `"clickType":1`, `"activity":"com.example.im.ChatActivity"`, `"pushcheck_delivery_id":"d-6"`, `"ext":"{\"conv\":\"c2c_bob\"}"`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("messageJson lacks %s: %s", want, raw)
		}
	}
}

func TestSendReadsMeizuAnswers(t *testing.T) {
	ch, em, c, secrets := fakeMeizu(t, "cn")
	private := 1
	vendortest.CheckAnswers(t, func(msg vendors.Message, token string) vendors.Result {
		return ch.Send(context.Background(), c, secrets, msg, token)
	}, []vendortest.Answer{
		vendortest.A("unregistered under code 200", "pushid-unregistered", vendors.Message{Title: "t", Desc: "d"}, "110002", vendors.Rejected, models.AnswerDeadToken),
		vendortest.A("public cap under code 200", "pushid-quota", vendors.Message{Title: "t", Desc: "d"}, "110011", vendors.Rejected, models.AnswerDeviceLimit),
		vendortest.A("app daily limit for a private message", "pushid-quota", vendors.Message{Title: "t", Desc: "d", Meizu: models.MeizuPushOptions{NoticeMsgType: &private}}, "110019", vendors.Rejected, models.AnswerDailyQuota),
		vendortest.A("busy", "pushid-down", vendors.Message{Title: "t", Desc: "d"}, "1003", vendors.Failed, models.AnswerTransient),
		vendortest.A("title too long", "pushid", vendors.Message{Title: strings.Repeat("t", 33), Desc: "d"}, "1005", vendors.Rejected, models.AnswerBadRequest),
	})
	if r := ch.Send(context.Background(), c, models.CertificateSecrets{AppSecret: "wrong"}, vendors.Message{Title: "t", Desc: "d"}, "pushid"); r.Code != "1006" {
		t.Fatalf("wrong secret: %+v", r)
	}
	// Another target's failure does not make this one fail.
	r := readAnswer(vendors.Result{}, vendors.Exchange{Status: 200, Body: []byte(`{"code":"200","message":"","msgId":"m1","value":{"110003":["other"]}}`)}, "mine", false)
	if r.Outcome != vendors.Accepted || r.MessageID != "m1" {
		t.Fatalf("other target: %+v", r)
	}
	slow := New(vendortest.FakeTimeout(t, em, 200*time.Millisecond, hostCN, hostIntl), nil)
	vendortest.CheckTimesOut(t, func(msg vendors.Message, token string) vendors.Result {
		return slow.Send(context.Background(), c, secrets, msg, token)
	}, "pushid-slow")
	if r := ch.Check(context.Background(), c, secrets); !r.OK {
		t.Fatalf("check: %+v", r)
	}
	if r := ch.Check(context.Background(), c, models.CertificateSecrets{AppSecret: "wrong"}); r.OK || !strings.Contains(r.Message, "1006") {
		t.Fatalf("check, wrong secret: %+v", r)
	}
}

func TestEveryCodeIsExplained(t *testing.T) {
	for _, code := range []string{"200", "500", "1001", "1003", "1005", "1006", "110000", "110001", "110002", "110003", "110004", "110005", "110009", "110010",
		"110011", "110019", "110031", "110032", "110033", "110051", "110053", "201", "501", "513", "519", "520"} {
		c, ok := codes()[code]
		if !ok || c.Explanation == "" || (c.Outcome != vendors.Accepted && c.Fix == "") {
			t.Errorf("%s: %+v", code, c)
		}
	}
	if u := explain("777", "new"); !strings.Contains(u.Explanation, "777") {
		t.Errorf("unknown: %+v", u)
	}
}
