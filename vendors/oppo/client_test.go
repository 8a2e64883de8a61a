package oppo

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

func fakeOPPO(t *testing.T) (*Channel, *Emulator, models.Certificate, models.CertificateSecrets) {
	t.Helper()
	em := NewEmulator()
	em.Register("b8f7c3e1", "master-secret")
	ch := New(vendortest.Fake(t, em, hostCN, hostIntl), nil)
	c := models.Certificate{ID: 10006, Vendor: models.VendorOPPO, Environment: models.CertProduction, UpdatedAt: time.Now(),
		Settings: models.CertificateSettings{AppKey: "b8f7c3e1", ChannelID: "im_default", Region: "cn"}}
	return ch, em, c, models.CertificateSecrets{MasterSecret: "master-secret"}
}

func TestAuthSignAndRegionRule(t *testing.T) {
	// Computed independently: sha256("b8f7c3e1" + "1700000000000" + "master-secret").
	if got := authSign("b8f7c3e1", "1700000000000", "master-secret"); got != "27e4d27334aff1b439665ca3da14a896bea4b9976181996cad9d43358e3950ff" {
		t.Fatalf("sign %s", got)
	}
	for id, host := range map[string]string{"b6bbd94b59cdb5df": hostCN, "CN_b6bbd94b": hostCN, "OPPO_CN_b6bbd94b": hostCN, "US_b6bbd94b": hostIntl, "OPPO_IN_b6bb": hostIntl, "a_b_c_d": hostIntl} {
		if hostOf(id) != host {
			t.Errorf("%s → %s, want %s", id, hostOf(id), host)
		}
	}
}

func TestSendMapsTheComposerFields(t *testing.T) {
	ch, _, c, secrets := fakeOPPO(t)
	level := 16
	msg := vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"conv":"c2c_bob"}`, DeliveryID: "d-4",
		OPPO: models.OPPOPushOptions{ChannelID: "im_private", Category: "IM", NotifyLevel: &level}}
	r := ch.Send(context.Background(), c, secrets, msg, "CN_oppo-regid-0123456789")
	if r.Outcome != vendors.Accepted || r.Code != "0" || r.MessageID == "" {
		t.Fatalf("result: %+v", r)
	}
	for _, want := range []string{"POST https://api.push.oppomobile.com/server/v1/message/notification/unicast", "auth_token=[redacted]", `"channel_id":"im_private"`, `"category":"IM"`, `"notify_level":16`} {
		if !strings.Contains(r.Request, want) {
			t.Errorf("request lacks %q:\n%s", want, r.Request)
		}
	}
	if strings.Contains(r.Request, "0123456789") {
		t.Fatalf("whole token stored:\n%s", r.Request)
	}
	m := buildMessage(msg, c, "tok")
	var params map[string]string
	if err := json.Unmarshal([]byte(m.Notification.ActionParameters), &params); err != nil || params["ext"] != msg.Ext || params["pushcheck_delivery_id"] != "d-4" {
		t.Fatalf("action_parameters %q", m.Notification.ActionParameters)
	}
	// The certificate's default channel when the message names none; click actions.
	chat := models.ClickAction{Type: "activity", Activity: "com.example.im.ChatActivity"}
	m = buildMessage(vendors.Message{Title: "t", Desc: "d", ClickAction: &chat}, c, "tok")
	if m.Notification.ChannelID != "im_default" || m.Notification.ClickActionType != 4 || m.Notification.ClickActionActivity != chat.Activity {
		t.Fatalf("defaults: %+v", m.Notification)
	}
	// An overseas registration ID goes to the international host.
	if r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t", Desc: "d"}, "US_regid"); r.Outcome != vendors.Accepted || !strings.Contains(r.Request, hostIntl) {
		t.Fatalf("overseas: %+v", r)
	}
}

func TestSendReadsOPPOAnswers(t *testing.T) {
	ch, em, c, secrets := fakeOPPO(t)
	vendortest.CheckAnswers(t, func(msg vendors.Message, token string) vendors.Result {
		return ch.Send(context.Background(), c, secrets, msg, token)
	}, []vendortest.Answer{
		vendortest.A("invalid regid", "regid-unregistered", vendors.Message{Title: "t", Desc: "d"}, "10000", vendors.Rejected, models.AnswerDeadToken),
		vendortest.A("daily limit", "regid-quota", vendors.Message{Title: "t", Desc: "d"}, "33", vendors.Rejected, models.AnswerDailyQuota),
		vendortest.A("unavailable", "regid-down", vendors.Message{Title: "t", Desc: "d"}, "-1", vendors.Failed, models.AnswerTransient),
		vendortest.A("title too long", "regid", vendors.Message{Title: strings.Repeat("t", 51), Desc: "d"}, "41", vendors.Rejected, models.AnswerBadRequest),
		vendortest.A("bad category", "regid", vendors.Message{Title: "t", Desc: "d", OPPO: models.OPPOPushOptions{Category: "GAMES"}}, "67", vendors.Rejected, models.AnswerBadRequest),
	})
	bad := c
	bad.ID = 10097
	if r := ch.Send(context.Background(), bad, models.CertificateSecrets{MasterSecret: "wrong"}, vendors.Message{Title: "t", Desc: "d"}, "regid"); r.Code != "16" || !strings.Contains(r.Fix, "MasterSecret") {
		t.Fatalf("wrong secret: %+v", r)
	}
	// An expired auth_token is renewed once (code 11) and the send retried.
	em.authServer.ExpireAll()
	before := em.authServer.Issued()
	if r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t", Desc: "d"}, "regid"); r.Outcome != vendors.Accepted || em.authServer.Issued() != before+1 {
		t.Fatalf("after expiry: %+v (%d → %d tokens)", r, before, em.authServer.Issued())
	}
	slow := New(vendortest.FakeTimeout(t, em, 200*time.Millisecond, hostCN, hostIntl), nil)
	vendortest.CheckTimesOut(t, func(msg vendors.Message, token string) vendors.Result {
		return slow.Send(context.Background(), c, secrets, msg, token)
	}, "regid-slow")
	if r := ch.Check(context.Background(), c, secrets); !r.OK {
		t.Fatalf("check: %+v", r)
	}
	if r := ch.Check(context.Background(), bad, models.CertificateSecrets{MasterSecret: "wrong"}); r.OK || !strings.Contains(r.Message, "16") {
		t.Fatalf("check, wrong secret: %+v", r)
	}
}

func TestEveryCodeIsExplained(t *testing.T) {
	for _, code := range []string{"-2", "-1", "0", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29",
		"30", "31", "32", "33", "34", "40", "41", "51", "55", "59", "67"} {
		c, ok := codes()[code]
		if !ok || c.Explanation == "" || (c.Outcome != vendors.Accepted && c.Fix == "") {
			t.Errorf("%s: %+v", code, c)
		}
	}
	if u := explain(12345, "brand new"); !strings.Contains(u.Explanation, "brand new") {
		t.Errorf("unknown: %+v", u)
	}
}
