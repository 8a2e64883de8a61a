package harmony

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// The test project, as AppGallery Connect and the API Console name it.
const (
	testProject    = "388421841221892187"
	testKeyID      = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"
	testSubAccount = "1234567890123456789"
)

// newKey makes an RSA key; 2048 bits keeps the tests quick (Huawei's
// files hold larger ones, which sign the same way).
func newKey(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// pkcs8PEM is a key as Huawei's key files hold it.
func pkcs8PEM(t testing.TB, key any) string {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

// keyFile is a service-account key file as the API Console hands it out.
func keyFile(t testing.TB, key *rsa.PrivateKey) []byte {
	t.Helper()
	return keyFileWith(t, map[string]any{"private_key": pkcs8PEM(t, key)})
}

// keyFileWith is a key file with fields replaced (nil removes one).
func keyFileWith(t testing.TB, edit map[string]any) []byte {
	t.Helper()
	f := map[string]any{
		"project_id": testProject, "key_id": testKeyID, "sub_account": testSubAccount,
		"auth_uri": "https://oauth-login.cloud.huawei.com/oauth2/v3/authorize", "token_uri": audience,
		"auth_provider_cert_uri": "https://oauth-login.cloud.huawei.com/oauth2/v3/certs",
		"client_cert_uri":        "https://oauth-login.cloud.huawei.com/oauth2/v3/x509?client_id=",
	}
	for k, v := range edit {
		if v == nil {
			delete(f, k)
			continue
		}
		f[k] = v
	}
	raw, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// testCert is a production certificate of the test project holding the
// IM right and the call right.
func testCert(id int64) models.Certificate {
	return models.Certificate{ID: id, Vendor: models.VendorHarmony, Environment: models.CertProduction, UpdatedAt: time.Now(),
		Settings: models.CertificateSettings{ProjectID: testProject, KeyID: testKeyID, SubAccount: testSubAccount, Category: "IM", Categories: []string{"IM"}, CallRight: true}}
}

// authLog records the Authorization header of every call, in front of
// the emulator.
type authLog struct {
	next http.Handler
	mu   sync.Mutex
	jwts []string
}

func (l *authLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	l.jwts = append(l.jwts, r.Header.Get("Authorization"))
	l.mu.Unlock()
	l.next.ServeHTTP(w, r)
}

func (l *authLog) calls() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.jwts...)
}

// fakeHarmony serves the emulator as Huawei's real hostname over TLS on
// loopback, knowing the test project's key and rights; the channel reaches
// it through pinning with a production certificate.
func fakeHarmony(t *testing.T) (*Channel, *Emulator, *authLog, models.Certificate, models.CertificateSecrets) {
	t.Helper()
	em := NewEmulator()
	em.slow = 300 * time.Millisecond
	key := newKey(t)
	em.Register(testProject, testKeyID, testSubAccount, &key.PublicKey)
	em.Grant(testProject, []string{"IM"}, true)
	log := &authLog{next: em}
	ch := New(vendortest.Fake(t, log, hosts()...), nil)
	return ch, em, log, testCert(10012), models.CertificateSecrets{ServiceAccountJSON: keyFile(t, key)}
}

// signJWT signs header and claims as a client would, with PS256, RS256 or
// anything else named in header["alg"] (the emulator must refuse it).
func signJWT(t testing.TB, key *rsa.PrivateKey, header, claims map[string]any) string {
	t.Helper()
	input, err := signingInput(header, claims)
	if err != nil {
		t.Fatal(err)
	}
	digest := sha256.Sum256([]byte(input))
	var sig []byte
	if header["alg"] == "RS256" {
		sig, err = rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:])
	} else {
		sig, err = rsa.SignPSS(rand.Reader, key, crypto.SHA256, digest[:], pssOptions())
	}
	if err != nil {
		t.Fatal(err)
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig)
}

// decodeJWT reads a JWT's header and claims.
func decodeJWT(t testing.TB, jwt string) (header, claims map[string]any) {
	t.Helper()
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 || vendors.DecodeJWTSegment(parts[0], &header) != nil || vendors.DecodeJWTSegment(parts[1], &claims) != nil {
		t.Fatalf("not a JWT: %q", jwt)
	}
	return header, claims
}

func hasWarning(ws []models.Warning, code string) bool {
	for _, w := range ws {
		if w.Code == code {
			return true
		}
	}
	return false
}
