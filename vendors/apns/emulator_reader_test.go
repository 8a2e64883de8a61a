package apns

import (
	"context"
	"net/http"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

func TestReaderReadsTheClientsRequests(t *testing.T) {
	x := vendortest.ObservedSandbox(t)
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), x.Sandbox)
	c, secrets := tokenCertificate(t, ch.emulator, false)
	c.ID = 39
	c = vendortest.SandboxCertificate(c)
	badge := 6
	ch.Send(context.Background(), c, secrets, vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"c":1}`, Sound: "ring.caf", Badge: &badge, DeliveryID: "d-1",
		Image: "https://example.com/a.png"}, goodToken)
	o := x.Last(t, ch, "/3/device/")
	n := vendortest.RequireDelivered(t, o, goodToken, "Bob", "hi", "d-1")
	if n.Kind != "alert" || n.Sound != "ring.caf" || n.Badge == nil || *n.Badge != 6 || n.Ext != `{"c":1}` || n.Image != "https://example.com/a.png" ||
		o.Credential != "key ABC123DEFG of team TEAM123456" || o.CertificateID != 39 || o.AppID != 7 || o.Code != "200" {
		t.Fatalf("notification: %+v of %+v", n, o)
	}
	vendortest.RequireFinding(t, "notes", o.Notes, "image_needs_extension")

	// A dead token: 410 Unregistered.
	ch.Send(context.Background(), c, secrets, vendors.Message{Title: "Bob", Desc: "hi"}, "aa"+MarkerUnregistered+goodToken[10:])
	if o = x.Last(t, ch, "/3/device/"); len(o.Notifications) != 0 || o.Code != "Unregistered" {
		t.Fatalf("dead token: %+v", o)
	}
	vendortest.RequireFinding(t, "broken rules", o.Broken, "Unregistered")

	// A background push shows nothing.
	ch.Send(context.Background(), c, secrets, vendors.Message{Ext: "x", APNs: vendors.APNsOptions{PushType: "background"}}, goodToken)
	if o = x.Last(t, ch, "/3/device/"); len(o.Notifications) != 1 || o.Notifications[0].Kind != "background" {
		t.Fatalf("background: %+v", o)
	}
}

func TestReaderNamesTheClientCertificate(t *testing.T) {
	x := vendortest.ObservedSandbox(t)
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), x.Sandbox)
	key, cert := pushCertificate(t, "com.example.im", false, true, time.Now().Add(300*24*time.Hour))
	c := vendortest.SandboxCertificate(models.Certificate{ID: 40, Vendor: models.VendorAPNs, UpdatedAt: time.Now(), Topic: "com.example.im",
		Settings: models.CertificateSettings{Auth: "certificate", BundleID: "com.example.im"}})
	secrets := models.CertificateSecrets{P12: p12(t, pkcs12.Modern2023, key, cert, "pw"), P12Password: "pw"}
	ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t", Desc: "d"}, goodToken)
	o := x.Last(t, ch, "/3/device/")
	if !o.Accepted || o.CertificateID != 40 || o.Credential != "client certificate "+cert.Subject.CommonName {
		t.Fatalf("%+v", o)
	}
}

func TestReaderExplainsAForgedProviderToken(t *testing.T) {
	x := vendortest.ObservedSandbox(t)
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), x.Sandbox)
	c, _ := tokenCertificate(t, ch.emulator, false)
	clients, err := ch.connector.For(vendortest.SandboxCertificate(c))
	if err != nil {
		t.Fatal(err)
	}
	vendortest.Post(t, clients, "https://api.push.apple.com/3/device/"+goodToken, "application/json", `{"aps":{"alert":"hi"}}`,
		http.Header{"Authorization": {"bearer a.b.c"}, "Apns-Topic": {"com.example.im"}})
	o := ch.ReadEmulatorExchange(x.Next(t))
	if o.AuthOK || o.Code != "InvalidProviderToken" || o.CertificateID != 0 || o.AuthProblem == "" || len(o.Notifications) != 0 {
		t.Fatalf("%+v", o)
	}
}
