package huawei

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

func TestReaderReadsTheClientsRequests(t *testing.T) {
	x := vendortest.ObservedSandbox(t)
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), x.Sandbox)
	c := vendortest.SandboxCertificate(models.Certificate{ID: 35, Vendor: models.VendorHuawei, UpdatedAt: time.Now(),
		Settings: models.CertificateSettings{AppID: "104123456", ClientID: "104123456", PackageName: "com.example.im", BadgeClass: "com.example.im.MainActivity", Category: "IM"}})
	secrets := models.CertificateSecrets{ClientSecret: "s3cret"}
	badge := 3
	chat := models.ClickAction{Type: "activity", Activity: "com.example.im.ChatActivity"}

	ch.Send(context.Background(), c, secrets, vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"c":1}`, Sound: "ring", Badge: &badge, DeliveryID: "d-1",
		Image: "https://example.com/a.png", ClickAction: &chat}, "hw-token-1")
	grant := ch.ReadEmulatorExchange(x.Next(t))
	if !grant.Grant || !grant.Accepted || grant.CertificateID != 35 || grant.Credential != "client ID 104123456" {
		t.Fatalf("token call: %+v", grant)
	}
	o := x.Last(t, ch, "/messages:send")
	n := vendortest.RequireDelivered(t, o, "hw-token-1", "Bob", "hi", "d-1")
	if n.Class != models.ClassService || n.Sound != "ring" || n.Badge == nil || *n.Badge != 3 || n.Image != "https://example.com/a.png" ||
		n.Ext != `{"c":1}` || n.Click == "" || o.AppID != 7 {
		t.Fatalf("notification: %+v of %+v", n, o)
	}

	// No category: a marketing message, which Huawei caps.
	c.Settings.Category = ""
	ch.Send(context.Background(), c, secrets, vendors.Message{Title: "Sale", Desc: "now"}, "hw-token-1")
	o = x.Last(t, ch, "/messages:send")
	if len(o.Notifications) != 1 || o.Notifications[0].Class != models.ClassMarketing || len(o.Notes) == 0 {
		t.Fatalf("marketing: %+v", o)
	}

	// A dead token: the rule's code, nothing delivered.
	ch.Send(context.Background(), c, secrets, vendors.Message{Title: "Bob", Desc: "hi"}, "hw-unregistered-1")
	o = x.Last(t, ch, "/messages:send")
	if len(o.Notifications) != 0 {
		t.Fatalf("delivered: %+v", o)
	}
	vendortest.RequireFinding(t, "broken rules", o.Broken, "80300007")
}

func TestReaderExplainsAForeignAccessToken(t *testing.T) {
	x := vendortest.ObservedSandbox(t)
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), x.Sandbox)
	c := vendortest.SandboxCertificate(models.Certificate{ID: 35, Vendor: models.VendorHuawei, Settings: models.CertificateSettings{ClientID: "104123456"}})
	if _, err := ch.connector.HTTPClient(c, models.CertificateSecrets{ClientSecret: "s3cret"}); err != nil {
		t.Fatal(err)
	}
	clients, err := ch.connector.For(c)
	if err != nil {
		t.Fatal(err)
	}
	vendortest.Post(t, clients, "https://"+pushHost+"/v1/104123456/messages:send", "application/json",
		`{"message":{"token":["t1"],"android":{"notification":{"title":"a","body":"b"}}}}`, http.Header{"Authorization": {"Bearer forged"}})
	o := ch.ReadEmulatorExchange(x.Next(t))
	// The path names the client, so the refusal is the certificate's.
	if o.AuthOK || o.Code != "80200001" || o.CertificateID != 35 || o.AuthProblem == "" || o.Tokens[0] != "t1" || len(o.Notifications) != 0 {
		t.Fatalf("%+v", o)
	}
	vendortest.Post(t, clients, authURL, "application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=104123456&client_secret=wrong", nil)
	if o = ch.ReadEmulatorExchange(x.Next(t)); o.AuthOK || !o.Grant || o.AuthProblem == "" {
		t.Fatalf("token call: %+v", o)
	}
}
