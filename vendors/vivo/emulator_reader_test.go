package vivo

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
	c := vendortest.SandboxCertificate(models.Certificate{ID: 33, Vendor: models.VendorVivo, UpdatedAt: time.Now(),
		Settings: models.CertificateSettings{AppID: "10004321", AppKey: "appkey-xyz", Category: "IM"}})
	secrets := models.CertificateSecrets{AppSecret: "app-secret"}
	chat := models.ClickAction{Type: "intent", IntentURI: "intent://chat#Intent;end"}

	ch.Send(context.Background(), c, secrets, vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"c":1}`, DeliveryID: "d-1", ClickAction: &chat}, "vivo-regid-1")
	grant := ch.ReadEmulatorExchange(x.Next(t))
	if !grant.Grant || !grant.Accepted || grant.CertificateID != 33 || grant.Credential != "appId 10004321, appKey appkey-xyz" {
		t.Fatalf("auth call: %+v", grant)
	}
	o := x.Last(t, ch, sendPath)
	n := vendortest.RequireDelivered(t, o, "vivo-regid-1", "Bob", "hi", "d-1")
	if n.Class != models.ClassService || n.Click != "intent://chat#Intent;end" || n.Ext != `{"c":1}` || o.Credential != "appId 10004321" || o.AppID != 7 {
		t.Fatalf("notification: %+v of %+v", n, o)
	}

	// An operation message (no category): vivo takes it, with a catch.
	c.Settings.Category = ""
	ch.Send(context.Background(), c, secrets, vendors.Message{Title: "Sale", Desc: "now"}, "vivo-regid-1")
	o = x.Last(t, ch, sendPath)
	if len(o.Notes) == 0 || o.Notifications[0].Class != models.ClassMarketing {
		t.Fatalf("operation message: %+v", o)
	}
}

func TestReaderExplainsAnUnknownAuthToken(t *testing.T) {
	x := vendortest.ObservedSandbox(t)
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), x.Sandbox)
	c := vendortest.SandboxCertificate(models.Certificate{ID: 33, Vendor: models.VendorVivo})
	clients, err := ch.connector.For(c)
	if err != nil {
		t.Fatal(err)
	}
	vendortest.Post(t, clients, "https://"+host+sendPath, "application/json", `{"regId":"r1","title":"a","content":"b"}`, http.Header{"authToken": {"forged"}})
	o := ch.ReadEmulatorExchange(x.Next(t))
	if o.AuthOK || o.Code != "10000" || o.CertificateID != 0 || o.AuthProblem == "" || o.Tokens[0] != "r1" || len(o.Notifications) != 0 {
		t.Fatalf("%+v", o)
	}
}
