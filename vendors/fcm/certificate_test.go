package fcm

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// ServiceAccountJSON builds a key file like the Firebase console's.
func serviceAccountJSON(t *testing.T, edit func(map[string]string)) []byte {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	m := map[string]string{
		"type": "service_account", "project_id": "demo-im", "private_key_id": "k1",
		"private_key":  string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})),
		"client_email": "push@demo-im.iam.gserviceaccount.com", "token_uri": "https://oauth2.googleapis.com/token",
	}
	if edit != nil {
		edit(m)
	}
	b, _ := json.Marshal(m)
	return b
}

func TestServiceAccountChecks(t *testing.T) {
	prep := func(b []byte) (models.Certificate, error) {
		var c models.Certificate
		var s models.CertificateSecrets
		in := models.CertificateInput{Vendor: models.VendorFCM, FCM: &models.FCMCredentials{ServiceAccountJSON: b}}
		return c, New(nil, nil).PrepareCertificate(in, &c, &s, time.Now())
	}
	c, err := prep(serviceAccountJSON(t, nil))
	if err != nil || c.Settings.ProjectID != "demo-im" || c.Settings.ClientEmail == "" {
		t.Fatalf("good key: %v %+v", err, c.Settings)
	}
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ecDER, _ := x509.MarshalPKCS8PrivateKey(ecKey)
	for name, edit := range map[string]func(map[string]string){
		"google-services.json": func(m map[string]string) { m["type"] = "" },
		"no project":           func(m map[string]string) { m["project_id"] = "" },
		"no email":             func(m map[string]string) { m["client_email"] = "" },
		"broken key": func(m map[string]string) {
			m["private_key"] = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
		},
		"EC key": func(m map[string]string) {
			m["private_key"] = string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: ecDER}))
		},
		"http token uri": func(m map[string]string) { m["token_uri"] = "http://evil.example/token" },
	} {
		if _, err := prep(serviceAccountJSON(t, edit)); models.ErrorCode(err) != models.CodeInvalid {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := prep([]byte("{not json")); models.ErrorCode(err) != models.CodeInvalid {
		t.Errorf("not JSON: %v", err)
	}
	if _, err := prep(nil); models.ErrorCode(err) != models.CodeInvalid {
		t.Errorf("missing: %v", err)
	}
}
