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
	"unicode/utf8"

	"github.com/pushcheck/pushcheck/models"
)

// FuzzParseServiceAccount reads any upload as a Firebase service-account
// key file. Seeds are key files as the Firebase console generates them
// (web/demo.go's, with client_id and auth_uri) and the near misses the
// certificate tests refuse. A refusal is invalid_argument on
// fcm.service_account_json; an accepted file is a service account naming
// its project and client, with an RSA key, and its fields written out
// again read back the same.
func FuzzParseServiceAccount(f *testing.F) {
	// One RSA key for all seeds: every fuzzing worker builds them anew.
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		f.Fatal(err)
	}
	rsaDER, _ := x509.MarshalPKCS8PrivateKey(rsaKey)
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ecDER, _ := x509.MarshalPKCS8PrivateKey(ecKey)
	for _, edit := range []func(map[string]string){
		nil,
		func(m map[string]string) {
			m["project_id"], m["client_email"], m["private_key_id"] = "pushcheck-demo", "firebase-adminsdk@pushcheck-demo.iam.gserviceaccount.com", "demo-key-1"
			m["client_id"], m["auth_uri"] = "100000000000000000001", "https://accounts.google.com/o/oauth2/auth"
		},
		func(m map[string]string) { m["type"] = "" },
		func(m map[string]string) { m["project_id"] = "" },
		func(m map[string]string) { m["client_email"] = "" },
		func(m map[string]string) {
			m["private_key"] = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
		},
		func(m map[string]string) {
			m["private_key"] = string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: ecDER}))
		},
		func(m map[string]string) { m["token_uri"] = "http://evil.example/token" },
		func(m map[string]string) { m["token_uri"] = "" },
	} {
		// The shape serviceAccountJSON (certificate_test.go) builds.
		m := map[string]string{
			"type": "service_account", "project_id": "demo-im", "private_key_id": "k1",
			"private_key":  string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: rsaDER})),
			"client_email": "push@demo-im.iam.gserviceaccount.com", "token_uri": "https://oauth2.googleapis.com/token",
		}
		if edit != nil {
			edit(m)
		}
		b, _ := json.Marshal(m)
		f.Add(b)
	}
	f.Add([]byte(`{"project_info":{"project_number":"1","project_id":"demo-im"},"client":[]}`)) // google-services.json
	f.Add([]byte(`not json`))
	f.Fuzz(func(t *testing.T, file []byte) {
		sa, err := parseServiceAccount(file)
		if err != nil {
			e, ok := models.AsError(err)
			if !ok || e.Code != models.CodeInvalid || e.Field != "fcm.service_account_json" || !utf8.ValidString(e.Message) {
				t.Fatalf("refusal %T: %v", err, err)
			}
			return
		}
		if sa.Type != "service_account" || sa.ProjectID == "" || sa.ClientEmail == "" {
			t.Fatalf("accepted %+v", sa)
		}
		for _, s := range []string{sa.Type, sa.ProjectID, sa.PrivateKeyID, sa.PrivateKey, sa.ClientEmail, sa.TokenURI} {
			if !utf8.ValidString(s) {
				t.Fatalf("accepted with invalid UTF-8 %q", s)
			}
		}
		b, err := json.Marshal(map[string]string{"type": sa.Type, "project_id": sa.ProjectID, "private_key_id": sa.PrivateKeyID,
			"private_key": sa.PrivateKey, "client_email": sa.ClientEmail, "token_uri": sa.TokenURI})
		if err != nil {
			t.Fatal(err)
		}
		if back, err := parseServiceAccount(b); err != nil || back != sa {
			t.Fatalf("written out again: %v\n%+v\n%+v", err, sa, back)
		}
	})
}
