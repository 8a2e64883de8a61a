package fcm

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

func TestReaderReadsTheClientsRequests(t *testing.T) {
	x := vendortest.ObservedSandbox(t)
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), x.Sandbox)
	c, secrets := productionCertificate(t, ch.emulator, false)
	c.ID = 38
	c = vendortest.SandboxCertificate(c)
	badge := 5
	ch.Send(context.Background(), c, secrets, vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"c":1}`, Badge: &badge, DeliveryID: "d-1",
		FCM: vendors.FCMOptions{ChannelID: "im"}}, "fcm-token-1")
	grant := ch.ReadEmulatorExchange(x.Next(t))
	if !grant.Grant || !grant.Accepted || grant.Code != "200" || grant.CertificateID != 38 || !strings.HasPrefix(grant.Credential, "service account "+c.Settings.ClientEmail) {
		t.Fatalf("token exchange: %+v", grant)
	}
	o := x.Last(t, ch, "/messages:send")
	n := vendortest.RequireDelivered(t, o, "fcm-token-1", "Bob", "hi", "d-1")
	if n.ChannelID != "im" || n.Badge == nil || *n.Badge != 5 || n.Ext != `{"c":1}` || n.Kind != "alert" || o.CertificateID != 38 || o.AppID != 7 {
		t.Fatalf("notification: %+v of %+v", n, o)
	}

	// A call travels as data.
	ch.Send(context.Background(), c, secrets, vendors.Message{Title: "Alice", DeliveryID: "d-2", Call: &models.CallInvitation{CallID: "call-1"}}, "fcm-token-1")
	o = x.Last(t, ch, "/messages:send")
	if n := vendortest.RequireDelivered(t, o, "fcm-token-1", "", "", "d-2"); n.Kind != "call" {
		t.Fatalf("call: %+v", n)
	}

	// A dead token: UNREGISTERED, nothing delivered.
	ch.Send(context.Background(), c, secrets, vendors.Message{Title: "Bob", Desc: "hi"}, "fcm-unregistered-1")
	o = x.Last(t, ch, "/messages:send")
	if len(o.Notifications) != 0 || o.Code != "UNREGISTERED" {
		t.Fatalf("dead token: %+v", o)
	}
	vendortest.RequireFinding(t, "broken rules", o.Broken, "UNREGISTERED")
}

func TestReaderExplainsAForeignAccessToken(t *testing.T) {
	x := vendortest.ObservedSandbox(t)
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), x.Sandbox)
	c, _ := productionCertificate(t, ch.emulator, false)
	clients, err := ch.connector.For(vendortest.SandboxCertificate(c))
	if err != nil {
		t.Fatal(err)
	}
	vendortest.Post(t, clients, "https://fcm.googleapis.com/v1/projects/p1/messages:send", "application/json",
		`{"message":{"token":"t1","notification":{"title":"a"}}}`, http.Header{"Authorization": {"Bearer ya29.forged"}})
	o := ch.ReadEmulatorExchange(x.Next(t))
	if o.AuthOK || o.Code != "UNAUTHENTICATED" || o.CertificateID != 0 || o.AuthProblem == "" || o.Tokens[0] != "t1" || len(o.Notifications) != 0 {
		t.Fatalf("%+v", o)
	}
}
