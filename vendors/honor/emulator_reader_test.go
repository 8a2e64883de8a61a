package honor

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
	c := vendortest.SandboxCertificate(models.Certificate{ID: 36, Vendor: models.VendorHonor, UpdatedAt: time.Now(),
		Settings: models.CertificateSettings{AppID: "104400001", ClientID: "client-900", PackageName: "com.example.im", BadgeClass: "com.example.im.MainActivity", Importance: "NORMAL"}})
	secrets := models.CertificateSecrets{ClientSecret: "s3cret"}
	badge := 2
	ch.Send(context.Background(), c, secrets, vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"c":1}`, Badge: &badge, DeliveryID: "d-1"}, "honor-token-1")
	grant := ch.ReadEmulatorExchange(x.Next(t))
	if !grant.Grant || !grant.Accepted || grant.CertificateID != 36 || grant.Credential != "client ID client-900" {
		t.Fatalf("token call: %+v", grant)
	}
	o := x.Last(t, ch, "/sendMessage")
	n := vendortest.RequireDelivered(t, o, "honor-token-1", "Bob", "hi", "d-1")
	if n.Class != models.ClassService || n.Badge == nil || *n.Badge != 2 || n.Ext != `{"c":1}` || o.AppID != 7 || len(o.Notes) != 0 {
		t.Fatalf("notification: %+v of %+v", n, o)
	}

	// An expired token is listed in expireTokens under code 200.
	ch.Send(context.Background(), c, secrets, vendors.Message{Title: "Bob", Desc: "hi"}, "honor-unregistered-1")
	o = x.Last(t, ch, "/sendMessage")
	if len(o.Notifications) != 0 {
		t.Fatalf("delivered: %+v", o)
	}
	vendortest.RequireFinding(t, "broken rules", o.Broken, "expireToken")
}

func TestReaderExplainsAForeignAccessToken(t *testing.T) {
	x := vendortest.ObservedSandbox(t)
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), x.Sandbox)
	c := vendortest.SandboxCertificate(models.Certificate{ID: 36, Vendor: models.VendorHonor})
	clients, err := ch.connector.For(c)
	if err != nil {
		t.Fatal(err)
	}
	vendortest.Post(t, clients, "https://"+pushHost+"/api/v1/104400001/sendMessage", "application/json",
		`{"token":["t1"],"android":{"notification":{"title":"a","body":"b"}}}`, http.Header{"Authorization": {"Bearer forged"}, "Timestamp": {"1"}})
	o := ch.ReadEmulatorExchange(x.Next(t))
	if o.AuthOK || o.Code != "80200001" || o.CertificateID != 0 || o.AuthProblem == "" || o.Tokens[0] != "t1" || len(o.Notifications) != 0 {
		t.Fatalf("%+v", o)
	}
}
