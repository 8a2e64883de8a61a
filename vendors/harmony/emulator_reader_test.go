package harmony

import (
	"context"
	"net/http"
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

func TestReaderReadsTheClientsRequests(t *testing.T) {
	x := vendortest.ObservedSandbox(t)
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), x.Sandbox)
	c := vendortest.SandboxCertificate(testCert(37))
	secrets := models.CertificateSecrets{ServiceAccountJSON: keyFile(t, newKey(t))}
	badge := 4
	cases := []struct {
		name  string
		msg   vendors.Message
		token string
		check func(t *testing.T, o vendors.Observed)
	}{
		{"alert", vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"c":1}`, Badge: &badge, DeliveryID: "d-1",
			Harmony: models.HarmonyPushOptions{Click: &models.HarmonyClick{URI: "im://chat"}}}, "hm-token-1", func(t *testing.T, o vendors.Observed) {
			n := vendortest.RequireDelivered(t, o, "hm-token-1", "Bob", "hi", "d-1")
			if n.Kind != "alert" || n.Class != models.ClassService || n.Badge == nil || *n.Badge != 4 || n.Click != "im://chat" || n.Ext != `{"c":1}` {
				t.Errorf("notification: %+v", n)
			}
		}},
		{"call", vendors.Message{Title: "Alice", DeliveryID: "d-2", Call: &models.CallInvitation{CallID: "call-9", Video: true}}, "hm-token-1", func(t *testing.T, o vendors.Observed) {
			if n := vendortest.RequireDelivered(t, o, "hm-token-1", "", "", "d-2"); n.Kind != "call" {
				t.Errorf("notification: %+v", n)
			}
		}},
		{"marketing noted", vendors.Message{Title: "Sale", Desc: "now", Harmony: models.HarmonyPushOptions{Category: "MARKETING"}}, "hm-token-1", func(t *testing.T, o vendors.Observed) {
			if n := vendortest.RequireDelivered(t, o, "hm-token-1", "Sale", "now", ""); n.Class != models.ClassMarketing {
				t.Errorf("notification: %+v", n)
			}
			vendortest.RequireFinding(t, "notes", o.Notes, "marketing_class")
		}},
		{"dead token", vendors.Message{Title: "Bob", Desc: "hi"}, "hm-unregistered-1", func(t *testing.T, o vendors.Observed) {
			if len(o.Notifications) != 0 || len(o.Broken) == 0 {
				t.Errorf("verdict: %+v", o)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ch.Send(context.Background(), c, secrets, tc.msg, tc.token)
			o := x.Last(t, ch, "/messages:send")
			if o.CertificateID != 37 || o.AppID != 7 || o.Credential != "key "+testKeyID+" of sub-account "+testSubAccount+" (project "+testProject+")" || !o.AuthOK {
				t.Fatalf("credentials: %+v", o)
			}
			tc.check(t, o)
		})
	}
}

func TestReaderExplainsAMissingJWT(t *testing.T) {
	x := vendortest.ObservedSandbox(t)
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), x.Sandbox)
	clients, err := ch.connector.For(vendortest.SandboxCertificate(testCert(37)))
	if err != nil {
		t.Fatal(err)
	}
	vendortest.Post(t, clients, "https://"+pushHost+"/v3/"+testProject+"/messages:send", "application/json",
		`{"payload":{"notification":{"title":"a","body":"b"}},"target":{"token":["t1"]}}`, http.Header{"Authorization": {"Bearer opaque-oauth-token"}, "push-type": {"0"}})
	o := ch.ReadEmulatorExchange(x.Next(t))
	if o.AuthOK || o.Code != "80200001" || o.CertificateID != 0 || o.AuthProblem == "" || o.Tokens[0] != "t1" || len(o.Notifications) != 0 {
		t.Fatalf("%+v", o)
	}
}
