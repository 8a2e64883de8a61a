package meizu

import (
	"context"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

func TestReaderReadsTheClientsRequests(t *testing.T) {
	x := vendortest.ObservedSandbox(t)
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), x.Sandbox)
	c := vendortest.SandboxCertificate(models.Certificate{ID: 34, Vendor: models.VendorMeizu, UpdatedAt: time.Now(),
		Settings: models.CertificateSettings{AppID: "100999", Region: "cn"}})
	secrets := models.CertificateSecrets{AppSecret: "mz-secret"}
	if _, err := ch.connector.HTTPClient(c, secrets); err != nil {
		t.Fatal(err)
	}
	private := 1
	chat := models.ClickAction{Type: "activity", Activity: "com.example.im.ChatActivity"}
	cases := []struct {
		name  string
		msg   vendors.Message
		token string
		check func(t *testing.T, o vendors.Observed)
	}{
		{"private message", vendors.Message{Title: "Bob", Desc: "hi", DeliveryID: "d-1", ClickAction: &chat, Meizu: models.MeizuPushOptions{NoticeMsgType: &private}}, "mz-push-1",
			func(t *testing.T, o vendors.Observed) {
				n := vendortest.RequireDelivered(t, o, "mz-push-1", "Bob", "hi", "d-1")
				if n.Class != models.ClassService || n.Click != "com.example.im.ChatActivity" {
					t.Errorf("notification: %+v", n)
				}
			}},
		{"public message noted", vendors.Message{Title: "Sale", Desc: "now"}, "mz-push-1", func(t *testing.T, o vendors.Observed) {
			vendortest.RequireDelivered(t, o, "mz-push-1", "Sale", "now", "")
			vendortest.RequireFinding(t, "notes", o.Notes, "marketing_class")
		}},
		{"dead pushId", vendors.Message{Title: "Bob", Desc: "hi"}, "mz-unregistered-1", func(t *testing.T, o vendors.Observed) {
			if len(o.Notifications) != 0 {
				t.Fatalf("delivered: %+v", o)
			}
			vendortest.RequireFinding(t, "broken rules", o.Broken, "110002")
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ch.Send(context.Background(), c, secrets, tc.msg, tc.token)
			o := x.Last(t, ch, sendPath)
			if o.CertificateID != 34 || o.AppID != 7 || o.Credential != "AppID 100999" || !o.AuthOK {
				t.Fatalf("credentials: %+v", o)
			}
			tc.check(t, o)
		})
	}
}

func TestReaderExplainsABadSignature(t *testing.T) {
	x := vendortest.ObservedSandbox(t)
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), x.Sandbox)
	c := vendortest.SandboxCertificate(models.Certificate{ID: 34, Vendor: models.VendorMeizu, Settings: models.CertificateSettings{AppID: "100999"}})
	if _, err := ch.connector.HTTPClient(c, models.CertificateSecrets{AppSecret: "mz-secret"}); err != nil {
		t.Fatal(err)
	}
	clients, err := ch.connector.For(c)
	if err != nil {
		t.Fatal(err)
	}
	vendortest.Post(t, clients, "https://"+hostCN+sendPath, "application/x-www-form-urlencoded", "appId=100999&pushIds=p1&messageJson=%7B%7D&sign=forged", nil)
	o := ch.ReadEmulatorExchange(x.Next(t))
	if o.AuthOK || o.Code != "1006" || o.CertificateID != 34 || o.AuthProblem == "" || len(o.Notifications) != 0 {
		t.Fatalf("%+v", o)
	}
}
