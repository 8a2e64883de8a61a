package oppo

import (
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

func TestReaderReadsTheClientsRequests(t *testing.T) {
	x := vendortest.ObservedSandbox(t)
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), x.Sandbox)
	c := vendortest.SandboxCertificate(models.Certificate{ID: 32, Vendor: models.VendorOPPO, UpdatedAt: time.Now(),
		Settings: models.CertificateSettings{AppKey: "b8f7c3e1", Region: "cn", Category: "IM"}})
	secrets := models.CertificateSecrets{MasterSecret: "master-secret"}
	chat := models.ClickAction{Type: "activity", Activity: "com.example.im.ChatActivity"}

	ch.Send(context.Background(), c, secrets, vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"c":1}`, DeliveryID: "d-1", ClickAction: &chat,
		OPPO: models.OPPOPushOptions{ChannelID: "im"}}, "OPPO_CN_regid1")
	grant := ch.ReadEmulatorExchange(x.Next(t))
	if !grant.Grant || !grant.Accepted || grant.CertificateID != 32 || grant.Credential != "AppKey b8f7c3e1" {
		t.Fatalf("auth call: %+v", grant)
	}
	o := x.Last(t, ch, "/unicast")
	n := vendortest.RequireDelivered(t, o, "OPPO_CN_regid1", "Bob", "hi", "d-1")
	if n.ChannelID != "im" || n.Class != models.ClassService || n.Click != "com.example.im.ChatActivity" || n.Ext != `{"c":1}` || o.CertificateID != 32 || o.AppID != 7 {
		t.Fatalf("notification: %+v of %+v", n, o)
	}

	// No channel: OPPO takes it, the phone shows nothing on Android 8+.
	ch.Send(context.Background(), c, secrets, vendors.Message{Title: "Bob", Desc: "hi"}, "OPPO_CN_regid1")
	o = x.Last(t, ch, "/unicast")
	vendortest.RequireFinding(t, "notes", o.Notes, "channel_missing")

	// Over the title limit: OPPO refuses it.
	ch.Send(context.Background(), c, secrets, vendors.Message{Title: string(make([]rune, 60)), Desc: "hi", OPPO: models.OPPOPushOptions{ChannelID: "im"}}, "OPPO_CN_regid1")
	if o = x.Last(t, ch, "/unicast"); o.Accepted || len(o.Broken) != 1 || len(o.Notifications) != 0 {
		t.Fatalf("refusal: %+v", o)
	}
}

func TestReaderExplainsABadSignature(t *testing.T) {
	x := vendortest.ObservedSandbox(t)
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), x.Sandbox)
	c := vendortest.SandboxCertificate(models.Certificate{ID: 32, Vendor: models.VendorOPPO, Settings: models.CertificateSettings{AppKey: "b8f7c3e1"}})
	ch.emulator.Accept(c, models.CertificateSecrets{MasterSecret: "master-secret"})
	clients, err := ch.connector.For(c)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"app_key": {"b8f7c3e1"}, "timestamp": {strconv.FormatInt(time.Now().UnixMilli(), 10)}, "sign": {"forged"}}
	vendortest.Post(t, clients, "https://"+hostCN+authPath, "application/x-www-form-urlencoded", form.Encode(), nil)
	o := ch.ReadEmulatorExchange(x.Next(t))
	if o.AuthOK || o.Code != "16" || o.CertificateID != 32 || o.AuthProblem == "" || !o.Grant {
		t.Fatalf("%+v", o)
	}
}
