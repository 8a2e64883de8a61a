package harmony

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

func prepare(in models.HarmonyCredentials, stored models.CertificateSecrets) (models.Certificate, models.CertificateSecrets, error) {
	c := models.Certificate{Vendor: models.VendorHarmony, ClickAction: models.ClickAction{Type: "open_app"}}
	err := new(Channel).PrepareCertificate(models.CertificateInput{Vendor: models.VendorHarmony, Harmony: &in}, &c, &stored, time.Now())
	return c, stored, err
}

func TestCertificateTakesHuaweisKeyFileAndRights(t *testing.T) {
	file := keyFile(t, newKey(t))
	c, s, err := prepare(models.HarmonyCredentials{ServiceAccountJSON: file, Category: "im", Categories: []string{"VOIP", " IM", "MARKETING", "IM"}, CallRight: true,
		ReceiptID: " RCP1 ", CallbackUser: "pushcheck", CallbackKey: "c2VjcmV0"}, models.CertificateSecrets{})
	if err != nil {
		t.Fatal(err)
	}
	st := c.Settings
	if st.ProjectID != testProject || st.KeyID != testKeyID || st.SubAccount != testSubAccount || st.Category != "IM" || strings.Join(st.Categories, ",") != "IM,VOIP" ||
		!st.CallRight || st.ReceiptID != "RCP1" || st.CallbackUser != "pushcheck" || len(c.Warnings) != 0 {
		t.Fatalf("settings %+v, warnings %v", st, c.Warnings)
	}
	if string(s.ServiceAccountJSON) != string(file) || s.CallbackKey != "c2VjcmV0" {
		t.Fatalf("secrets: %+v", s)
	}
	// An update without the file keeps the stored key.
	c2, s2, err := prepare(models.HarmonyCredentials{Category: "IM", Categories: []string{"IM"}, CallbackUser: "pushcheck"}, s)
	if err != nil || string(s2.ServiceAccountJSON) != string(file) || c2.Settings.KeyID != testKeyID || s2.CallbackKey != "c2VjcmV0" {
		t.Fatalf("update without the file: %v %+v", err, c2.Settings)
	}
}

func TestCertificateRefusesBadKeyFiles(t *testing.T) {
	key := newKey(t)
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pkcs1 := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}))
	for _, tc := range []struct {
		name string
		file []byte
		want string
	}{
		{"no file", nil, "upload the service-account key file"},
		{"not JSON", []byte("-----BEGIN PRIVATE KEY-----"), "not JSON"},
		{"no project_id", keyFileWith(t, map[string]any{"project_id": nil, "private_key": pkcs8PEM(t, key)}), "no project_id"},
		{"no key_id", keyFileWith(t, map[string]any{"key_id": "", "private_key": pkcs8PEM(t, key)}), "no key_id"},
		{"no sub_account", keyFileWith(t, map[string]any{"sub_account": nil, "private_key": pkcs8PEM(t, key)}), "no sub_account"},
		{"no private_key", keyFileWith(t, nil), "no private_key"},
		{"agconnect-services.json", []byte(`{"agcgw":{"url":"connect-drcn.hispace.hicloud.com"},"client":{"app_id":"104123456","project_id":"388421841221892187"}}`), "agconnect-services.json"},
		{"a Firebase service account", []byte(`{"type":"service_account","project_id":"p","private_key_id":"k","private_key":"x","client_email":"a@p.iam.gserviceaccount.com"}`), "Google"},
		{"private_key not PEM", keyFileWith(t, map[string]any{"private_key": "MIIJQgIBADANBgkqhkiG9w0BAQEFAASC"}), "not a PEM key"},
		{"a PKCS#1 key", keyFileWith(t, map[string]any{"private_key": pkcs1}), "PKCS#1"},
		{"an EC key", keyFileWith(t, map[string]any{"private_key": pkcs8PEM(t, ec)}), "not an RSA key"},
		{"a certificate, not a key", keyFileWith(t, map[string]any{"private_key": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"}), "CERTIFICATE"},
		{"PKCS#8 that does not parse", keyFileWith(t, map[string]any{"private_key": "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n"}), "does not parse"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := prepare(models.HarmonyCredentials{ServiceAccountJSON: tc.file, Category: "IM", Categories: []string{"IM"}}, models.CertificateSecrets{})
			e, ok := models.AsError(err)
			if !ok || e.Code != models.CodeInvalid || e.Field != "harmony.service_account_json" || !strings.Contains(e.Message, tc.want) {
				t.Fatalf("error %v, want %q on harmony.service_account_json", err, tc.want)
			}
		})
	}
}

func TestCertificateChecksRights(t *testing.T) {
	file := keyFile(t, newKey(t))
	for _, tc := range []struct {
		name       string
		in         models.HarmonyCredentials
		field      string // refused on this field
		warn       string // else warned with this text ("" none)
		categories string
	}{
		{"IM granted", models.HarmonyCredentials{Category: "IM", Categories: []string{"IM"}}, "", "", "IM"},
		{"no default category", models.HarmonyCredentials{Categories: []string{"IM"}}, "", "sent as MARKETING", "IM"},
		{"MARKETING", models.HarmonyCredentials{Category: "MARKETING"}, "", "2 a day", ""},
		{"IM not granted", models.HarmonyCredentials{Category: "IM", Categories: []string{"VOIP"}}, "", "sends it as MARKETING", "VOIP"},
		{"Android's SYSTEM_REMINDER", models.HarmonyCredentials{Category: "SYSTEM_REMINDER"}, "harmony.category", "", ""},
		{"a granted category of Android only", models.HarmonyCredentials{Category: "IM", Categories: []string{"IM", "PLAY_VOICE"}}, "harmony.categories", "", ""},
		{"a callback key without its user", models.HarmonyCredentials{Category: "IM", Categories: []string{"IM"}, CallbackKey: "k"}, "harmony.callback_user", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.ServiceAccountJSON = file
			c, _, err := prepare(tc.in, models.CertificateSecrets{})
			if tc.field != "" {
				if e, ok := models.AsError(err); !ok || e.Field != tc.field {
					t.Fatalf("error %v, want one on %s", err, tc.field)
				}
				return
			}
			if err != nil || strings.Join(c.Settings.Categories, ",") != tc.categories {
				t.Fatalf("%v %+v", err, c.Settings)
			}
			if got := strings.Join(c.Warnings, " | "); (tc.warn == "") != (got == "") || !strings.Contains(got, tc.warn) {
				t.Fatalf("warnings %q, want %q", got, tc.warn)
			}
		})
	}
	// An activity click has no HarmonyOS form: the certificate says so.
	c := models.Certificate{Vendor: models.VendorHarmony, ClickAction: models.ClickAction{Type: "activity", Activity: "com.example.im.Chat"}}
	in := models.HarmonyCredentials{ServiceAccountJSON: file, Category: "IM", Categories: []string{"IM"}}
	if err := new(Channel).PrepareCertificate(models.CertificateInput{Vendor: models.VendorHarmony, Harmony: &in}, &c, &models.CertificateSecrets{}, time.Now()); err != nil ||
		len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0], "skills") {
		t.Fatalf("activity click: %v %v", err, c.Warnings)
	}
}
