package xiaomi

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// The reader must tell, for what the channel's own client sends to the
// sandbox, which certificate sent it, what Xiaomi answered and why, and
// what the phone shows.
func TestReaderReadsTheClientsRequests(t *testing.T) {
	x := vendortest.ObservedSandbox(t)
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), x.Sandbox)
	c := vendortest.SandboxCertificate(models.Certificate{ID: 31, Vendor: models.VendorXiaomi, UpdatedAt: time.Now(),
		Settings: models.CertificateSettings{PackageName: "com.example.im", Region: "cn"}})
	secrets := models.CertificateSecrets{AppSecret: "mi-secret=="}
	chat := models.ClickAction{Type: "activity", Activity: "com.example.im.ChatActivity"}
	cases := []struct {
		name  string
		msg   vendors.Message
		check func(t *testing.T, o vendors.Observed)
	}{
		{"accepted on a channel", vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"c":1}`, Sound: "ring", DeliveryID: "d-1", ClickAction: &chat,
			Xiaomi: models.XiaomiPushOptions{ChannelID: "im_private"}}, func(t *testing.T, o vendors.Observed) {
			n := vendortest.RequireDelivered(t, o, "mi-regid-1", "Bob", "hi", "d-1")
			if n.ChannelID != "im_private" || n.Ext != `{"c":1}` || n.Sound != "ring" || n.Class != models.ClassService || !strings.Contains(n.Click, "ChatActivity") || n.Kind != "alert" {
				t.Errorf("notification: %+v", n)
			}
			if o.Code != "0" || len(o.Broken) != 0 {
				t.Errorf("verdict: %+v", o)
			}
		}},
		{"default channel noted", vendors.Message{Title: "Bob", Desc: "hi"}, func(t *testing.T, o vendors.Observed) {
			n := vendortest.RequireDelivered(t, o, "mi-regid-1", "Bob", "hi", "")
			if n.Class != models.ClassDefault {
				t.Errorf("class: %+v", n)
			}
			vendortest.RequireFinding(t, "notes", o.Notes, "channel_missing")
		}},
		{"title too long", vendors.Message{Title: strings.Repeat("t", 60), Desc: "hi", Xiaomi: models.XiaomiPushOptions{ChannelID: "im"}}, func(t *testing.T, o vendors.Observed) {
			if o.Accepted || !o.AuthOK || len(o.Notifications) != 0 {
				t.Fatalf("verdict: %+v", o)
			}
			vendortest.RequireFinding(t, "broken rules", o.Broken, "65009")
			vendortest.RequireFinding(t, "notes", o.Notes, "title_too_long")
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ch.Send(context.Background(), c, secrets, tc.msg, "mi-regid-1")
			o := x.Last(t, ch, "/v3/message/regid")
			if o.CertificateID != 31 || o.AppID != 7 || o.Credential != "AppSecret of com.example.im" || strings.Contains(o.Credential, "mi-secret") {
				t.Fatalf("credentials: %+v", o)
			}
			tc.check(t, o)
		})
	}
}

func TestReaderExplainsAnUnknownAppSecret(t *testing.T) {
	x := vendortest.ObservedSandbox(t)
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), x.Sandbox)
	c := vendortest.SandboxCertificate(models.Certificate{ID: 31, Vendor: models.VendorXiaomi, Settings: models.CertificateSettings{PackageName: "com.example.im"}})
	clients, err := ch.connector.For(c)
	if err != nil {
		t.Fatal(err)
	}
	vendortest.Post(t, clients, "https://api.xmpush.xiaomi.com/v3/message/regid", "application/x-www-form-urlencoded",
		"registration_id=r1&title=a&description=b", http.Header{"Authorization": {"key=wrong"}})
	o := ch.ReadEmulatorExchange(x.Next(t))
	if o.AuthOK || o.Code != "21301" || o.CertificateID != 0 || o.AuthProblem == "" || len(o.Notifications) != 0 || o.Tokens[0] != "r1" {
		t.Fatalf("%+v", o)
	}
}
