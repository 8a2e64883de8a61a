package honor

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

func fakeHonor(t *testing.T) (*Channel, *Emulator, models.Certificate, models.CertificateSecrets) {
	t.Helper()
	em := NewEmulator()
	em.Register("client-900", "104400001", "s3cret")
	ch := New(vendortest.Fake(t, em, hosts()...), nil)
	c := models.Certificate{ID: 10004, Vendor: models.VendorHonor, Environment: models.CertProduction, UpdatedAt: time.Now(),
		Settings: models.CertificateSettings{AppID: "104400001", ClientID: "client-900", BadgeClass: "com.example.im.MainActivity"}}
	return ch, em, c, models.CertificateSecrets{ClientSecret: "s3cret"}
}

func TestSendMapsTheComposerFields(t *testing.T) {
	ch, _, c, secrets := fakeHonor(t)
	badge := 4
	msg := vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"conv":"c2c_bob"}`, Badge: &badge, DeliveryID: "d-2",
		Honor: models.HonorPushOptions{Importance: "NORMAL", Test: true}}
	r := ch.Send(context.Background(), c, secrets, msg, "honor-token-0123456789")
	if r.Outcome != vendors.Accepted || r.Code != "200" || r.MessageID == "" {
		t.Fatalf("result: %+v", r)
	}
	for _, want := range []string{"POST https://push-api.cloud.honor.com/api/v1/104400001/sendMessage", `"targetUserType": 1`, `"badgeClass": "com.example.im.MainActivity"`,
		`"setNum": 4`, `"importance": "NORMAL"`, `"clickAction": {`, "Bearer [redacted]"} {
		if !strings.Contains(r.Request, want) {
			t.Errorf("request lacks %q:\n%s", want, r.Request)
		}
	}
	if strings.Contains(r.Request, "honor-token-0123456789") {
		t.Fatalf("the whole token is stored:\n%s", r.Request)
	}
	var data map[string]string
	if err := json.Unmarshal([]byte(buildRequest(msg, c, "t").Data), &data); err != nil || data["ext"] != msg.Ext || data["pushcheck_delivery_id"] != "d-2" {
		t.Fatalf("data: %v %v", data, err)
	}
	if r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t", Desc: "d", DryRun: true}, "tok"); r.Outcome != vendors.NotSent || r.Kind != models.AnswerNotSent || r.HTTPStatus != 0 || !strings.Contains(r.Explanation, "not sent") {
		t.Fatalf("dry run: %+v", r)
	}
}

func TestSendReadsHonorAnswers(t *testing.T) {
	ch, em, c, secrets := fakeHonor(t)
	big := 100
	vendortest.CheckAnswers(t, func(msg vendors.Message, token string) vendors.Result {
		return ch.Send(context.Background(), c, secrets, msg, token)
	}, []vendortest.Answer{
		vendortest.A("expired token", "tok-unregistered", vendors.Message{Title: "t", Desc: "d"}, "expireToken", vendors.Rejected, models.AnswerDeadToken),
		vendortest.A("flow control", "tok-quota", vendors.Message{Title: "t", Desc: "d"}, "HTTP 503", vendors.Failed, models.AnswerTransient),
		vendortest.A("internal", "tok-down", vendors.Message{Title: "t", Desc: "d"}, "81000001", vendors.Failed, models.AnswerTransient),
		vendortest.A("badge over 99", "tok", vendors.Message{Title: "t", Desc: "d", Badge: &big}, "80100003", vendors.Rejected, models.AnswerBadRequest),
		vendortest.A("too big", "tok", vendors.Message{Title: "t", Desc: strings.Repeat("x", 4100)}, "80300008", vendors.Rejected, models.AnswerBadRequest),
	})
	bad := c
	bad.ID = 10098
	if r := ch.Send(context.Background(), bad, models.CertificateSecrets{ClientSecret: "nope"}, vendors.Message{Title: "t", Desc: "d"}, "tok"); r.Code != "oauth:invalid_client" || r.HTTPStatus != 401 {
		t.Fatalf("wrong secret: %+v", r)
	}
	slow := New(vendortest.FakeTimeout(t, em, 200*time.Millisecond, hosts()...), nil)
	vendortest.CheckTimesOut(t, func(msg vendors.Message, token string) vendors.Result {
		return slow.Send(context.Background(), c, secrets, msg, token)
	}, "tok-slow")
	// failTokens and a numeric error code, as Honor writes them.
	r, _ := readAnswer(vendors.Result{}, vendors.Exchange{Status: 200, Body: []byte(`{"code":200,"message":"success","data":{"sendResult":false,"requestId":"9","failTokens":["tok"],"expireTokens":[]}}`)}, "tok")
	if r.Code != "failToken" || r.Outcome != vendors.Rejected || r.TokenDead() {
		t.Fatalf("failTokens: %+v", r)
	}
	r, refused := readAnswer(vendors.Result{}, vendors.Exchange{Status: 401, Body: []byte(`{"code":80200003,"message":"Oauth Token expired"}`)}, "tok")
	if r.Code != "80200003" || !refused {
		t.Fatalf("expired access token: %+v %v", r, refused)
	}
}

func TestTokenRenewalAndCheck(t *testing.T) {
	ch, em, c, secrets := fakeHonor(t)
	msg := vendors.Message{Title: "t", Desc: "d"}
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r := ch.Send(context.Background(), c, secrets, msg, "tok"); r.Outcome != vendors.Accepted {
				t.Errorf("send: %+v", r)
			}
		}()
	}
	wg.Wait()
	em.authServer.ExpireAll()
	if r := ch.Send(context.Background(), c, secrets, msg, "tok"); r.Outcome != vendors.Accepted || em.authServer.Issued() != 2 {
		t.Fatalf("after expiry: %+v, %d tokens issued", r, em.authServer.Issued())
	}
	if r := ch.Check(context.Background(), c, secrets); !r.OK {
		t.Fatalf("check: %+v", r)
	}
}

func TestEveryCodeIsExplained(t *testing.T) {
	for code, c := range codes() {
		if c.Explanation == "" || (c.Outcome != vendors.Accepted && c.Fix == "") {
			t.Errorf("%s: %+v", code, c)
		}
	}
	if u := explain("12345", "brand new"); !strings.Contains(u.Explanation, "brand new") {
		t.Errorf("unknown: %+v", u)
	}
}
