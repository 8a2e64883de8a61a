package apns

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"

	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"github.com/pushcheck/pushcheck/models"
)

// pushCertificate builds a certificate shaped like Apple's "Apple Push
// Services" ones: topic in the subject UID, environment extensions, and
// with topics, Apple's topics extension.
func pushCertificate(t testing.TB, topic string, dev, prod bool, notAfter time.Time, topics ...string) (*rsa.PrivateKey, *x509.Certificate) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject: pkix.Name{CommonName: "Apple Push Services: " + topic, ExtraNames: []pkix.AttributeTypeAndValue{
			{Type: oidUserID(), Value: topic},
		}},
		NotBefore: time.Now().Add(-24 * time.Hour), NotAfter: notAfter,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	null := []byte{0x05, 0x00}
	if dev {
		tmpl.ExtraExtensions = append(tmpl.ExtraExtensions, pkix.Extension{Id: oidDevelopment(), Value: null})
	}
	if prod {
		tmpl.ExtraExtensions = append(tmpl.ExtraExtensions, pkix.Extension{Id: oidProduction(), Value: null})
	}
	if len(topics) > 0 {
		tmpl.ExtraExtensions = append(tmpl.ExtraExtensions, pkix.Extension{Id: oidTopics(), Value: topicsExtension(t, topics)})
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return key, cert
}

// topicsExtension is Apple's topics extension: each topic as a UTF8
// string followed by the sequence of its kinds ("app", "voip", …).
func topicsExtension(t testing.TB, topics []string) []byte {
	t.Helper()
	var items []asn1.RawValue
	for _, topic := range topics {
		kind := "app"
		if strings.HasSuffix(topic, ".voip") {
			kind = "voip"
		}
		kinds, err := asn1.Marshal([]asn1.RawValue{{Tag: asn1.TagUTF8String, Bytes: []byte(kind)}})
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, asn1.RawValue{Tag: asn1.TagUTF8String, Bytes: []byte(topic)}, asn1.RawValue{FullBytes: kinds})
	}
	der, err := asn1.Marshal(items)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func p12(t testing.TB, enc *pkcs12.Encoder, key *rsa.PrivateKey, cert *x509.Certificate, password string) []byte {
	t.Helper()
	b, err := enc.Encode(key, cert, nil, password)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func prepare(t *testing.T, in models.CertificateInput, c *models.Certificate) (*models.CertificateSecrets, error) {
	t.Helper()
	var secrets models.CertificateSecrets
	if err := in.ApplyCommon(c); err != nil {
		return nil, err
	}
	return &secrets, New(nil, nil).PrepareCertificate(in, c, &secrets, time.Now())
}

func fieldOf(err error) string {
	if e, ok := models.AsError(err); ok {
		return e.Field
	}
	return "not an application error: " + err.Error()
}

func TestP12LegacyAndModernExports(t *testing.T) {
	key, cert := pushCertificate(t, "com.example.im", false, true, time.Now().Add(300*24*time.Hour))
	pw := "s3cret"
	for name, enc := range map[string]*pkcs12.Encoder{"legacy RC2/3DES": pkcs12.LegacyRC2, "OpenSSL 3 / macOS AES": pkcs12.Modern2023} {
		t.Run(name, func(t *testing.T) {
			in := models.CertificateInput{Vendor: models.VendorAPNs, Name: "iOS prod", Environment: "production",
				APNs: &models.APNsCredentials{P12: p12(t, enc, key, cert, pw), Password: &pw}}
			var c models.Certificate
			secrets, err := prepare(t, in, &c)
			if err != nil {
				t.Fatal(err)
			}
			if c.Topic != "com.example.im" || c.Settings.BundleID != "com.example.im" || c.APNsEnvironment != "production" || c.ExpiresAt == nil || c.Settings.Auth != "certificate" {
				t.Fatalf("facts: %+v", c)
			}
			if len(secrets.P12) == 0 || secrets.P12Password != pw {
				t.Fatal("secrets not kept")
			}
			wrong := "nope"
			in.APNs.Password = &wrong
			if _, err := prepare(t, in, &models.Certificate{}); fieldOf(err) != "apns.password" {
				t.Fatalf("wrong password: %v", err)
			}
		})
	}
}

// The topics a .p12 may push to are kept: Apple's topics extension when
// the certificate has one, else its subject's one topic; a .p8 key keeps
// none (it may push to every topic).
func TestCertificateTopicsAreRecorded(t *testing.T) {
	pw := "pw"
	for name, tc := range map[string]struct {
		topics []string
		want   string
	}{
		"universal with VoIP": {[]string{"com.example.im", "com.example.im.voip", "com.example.im.complication"}, "com.example.im,com.example.im.voip,com.example.im.complication"},
		"without extension":   {nil, "com.example.im"},
	} {
		t.Run(name, func(t *testing.T) {
			key, cert := pushCertificate(t, "com.example.im", true, true, time.Now().Add(300*24*time.Hour), tc.topics...)
			in := models.CertificateInput{Vendor: models.VendorAPNs, Name: "iOS", Environment: "production",
				APNs: &models.APNsCredentials{P12: p12(t, pkcs12.Modern2023, key, cert, pw), Password: &pw}}
			var c models.Certificate
			if _, err := prepare(t, in, &c); err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(c.Settings.Topics, ","); got != tc.want {
				t.Fatalf("topics %q, want %q", got, tc.want)
			}
			// Switching the same certificate to a .p8 key forgets them.
			in.APNs = &models.APNsCredentials{Auth: "token", BundleID: "com.example.im", KeyID: "ABC123DEFG", TeamID: "TEAM123456", P8: p8(t, elliptic.P256())}
			secrets := &models.CertificateSecrets{}
			if err := New(nil, nil).PrepareCertificate(in, &c, secrets, time.Now()); err != nil || c.Settings.Topics != nil {
				t.Fatalf("p8: %v, topics %v", err, c.Settings.Topics)
			}
		})
	}
}

func TestP12Refusals(t *testing.T) {
	pw := ""
	key, devOnly := pushCertificate(t, "com.example.im", true, false, time.Now().Add(300*24*time.Hour))
	in := models.CertificateInput{Vendor: models.VendorAPNs, Name: "x", Environment: "production",
		APNs: &models.APNsCredentials{P12: p12(t, pkcs12.Modern2023, key, devOnly, pw), Password: &pw}}
	if _, err := prepare(t, in, &models.Certificate{}); fieldOf(err) != "environment" {
		t.Fatalf("development certificate as production: %v", err)
	}
	in.Environment = "development"
	in.APNs.BundleID = "com.other.app"
	if _, err := prepare(t, in, &models.Certificate{}); fieldOf(err) != "apns.bundle_id" {
		t.Fatalf("bundle mismatch: %v", err)
	}

	key, expired := pushCertificate(t, "com.example.im", true, true, time.Now().Add(-time.Hour))
	in = models.CertificateInput{Vendor: models.VendorAPNs, Name: "x", Environment: "production",
		APNs: &models.APNsCredentials{P12: p12(t, pkcs12.Modern2023, key, expired, pw), Password: &pw}}
	if _, err := prepare(t, in, &models.Certificate{}); fieldOf(err) != "apns.p12" || !strings.Contains(err.Error(), "expired") {
		t.Fatalf("expired: %v", err)
	}

	key, soon := pushCertificate(t, "com.example.im", true, true, time.Now().Add(10*24*time.Hour))
	in.APNs.P12 = p12(t, pkcs12.Modern2023, key, soon, pw)
	var c models.Certificate
	if _, err := prepare(t, in, &c); err != nil || len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0], "expires") {
		t.Fatalf("expiring soon: %v %v", err, c.Warnings)
	}
	if c.APNsEnvironment != "development and production" {
		t.Fatalf("universal certificate environment: %q", c.APNsEnvironment)
	}

	// A self-signed certificate that names a topic but has none of Apple's
	// push extensions, saved as production: refused for what it is.
	key, selfSigned := pushCertificate(t, "com.example.im", false, false, time.Now().Add(300*24*time.Hour))
	in.APNs.P12 = p12(t, pkcs12.Modern2023, key, selfSigned, pw)
	if _, err := prepare(t, in, &models.Certificate{}); fieldOf(err) != "apns.p12" || !strings.Contains(err.Error(), "not an Apple Push certificate") {
		t.Fatalf("self-signed without push extensions: %v", err)
	}

	in.APNs.P12 = []byte("not a p12")
	if _, err := prepare(t, in, &models.Certificate{}); fieldOf(err) != "apns.p12" {
		t.Fatalf("garbage: %v", err)
	}
}

func p8(t testing.TB, curve elliptic.Curve) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(curve, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

func TestP8Checks(t *testing.T) {
	good := models.APNsCredentials{BundleID: "com.example.im", KeyID: "ABC123DEFG", TeamID: "TEAM123456", P8: p8(t, elliptic.P256())}
	in := models.CertificateInput{Vendor: models.VendorAPNs, Name: "token", Environment: "production", APNs: &good}
	var c models.Certificate
	secrets, err := prepare(t, in, &c)
	if err != nil || c.Settings.Auth != "token" || len(secrets.P8) == 0 {
		t.Fatalf("good p8: %v %+v", err, c.Settings)
	}
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	rsaDER, _ := x509.MarshalPKCS8PrivateKey(rsaKey)
	for name, c := range map[string]struct {
		edit  func(*models.APNsCredentials)
		field string
	}{
		"P-384 key": {func(a *models.APNsCredentials) { a.P8 = p8(t, elliptic.P384()) }, "apns.p8"},
		"RSA key": {func(a *models.APNsCredentials) {
			a.P8 = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: rsaDER})
		}, "apns.p8"},
		"not PEM":    {func(a *models.APNsCredentials) { a.P8 = []byte("hello") }, "apns.p8"},
		"short kid":  {func(a *models.APNsCredentials) { a.KeyID = "ABC" }, "apns.key_id"},
		"no team":    {func(a *models.APNsCredentials) { a.TeamID = "" }, "apns.team_id"},
		"no bundle":  {func(a *models.APNsCredentials) { a.BundleID = "" }, "apns.bundle_id"},
		"no key yet": {func(a *models.APNsCredentials) { a.P8 = nil; a.Auth = "token" }, "apns.p8"},
	} {
		a := good
		c.edit(&a)
		in := models.CertificateInput{Vendor: models.VendorAPNs, Name: "token", Environment: "production", APNs: &a}
		if _, err := prepare(t, in, &models.Certificate{}); fieldOf(err) != c.field {
			t.Errorf("%s: %v", name, err)
		}
	}
}
