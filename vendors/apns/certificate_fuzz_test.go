package apns

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"testing"
	"time"
	"unicode/utf8"

	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"github.com/pushcheck/pushcheck/models"
)

// requireInvalidIn fails unless err is invalid_argument on one of fields,
// with a readable message.
func requireInvalidIn(t *testing.T, err error, fields ...string) {
	t.Helper()
	e, ok := models.AsError(err)
	switch {
	case !ok:
		t.Fatalf("untyped error %T: %v", err, err)
	case e.Code != models.CodeInvalid:
		t.Fatalf("error code %s: %v", e.Code, err)
	case !utf8.ValidString(e.Message):
		t.Fatalf("error is not valid UTF-8: %q", e.Message)
	}
	for _, f := range fields {
		if e.Field == f {
			return
		}
	}
	t.Fatalf("error on %q, want one of %v: %v", e.Field, fields, err)
}

// FuzzLoadP12 opens any file with any password, as uploading a .p12 does.
// Seeds are Apple Push certificates exported as Keychain Access does, old
// (RC2/3DES) and new (AES, SHA-256 MAC). A refusal is invalid_argument on
// apns.p12 or apns.password; an opened file has a private key and a leaf
// heading the chain, and checking it as a push certificate either refuses
// it the same way or gives a topic and warnings in valid UTF-8.
func FuzzLoadP12(f *testing.F) {
	notAfter := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	key, prod := pushCertificate(f, "com.example.im", false, true, notAfter)
	_, universal := pushCertificate(f, "com.example.im.voip", true, true, notAfter)
	trust, err := pkcs12.Modern2023.EncodeTrustStore([]*x509.Certificate{prod}, "s3cret")
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []struct {
		p12      []byte
		password string
	}{
		{p12(f, pkcs12.Modern2023, key, prod, "s3cret"), "s3cret"},
		{p12(f, pkcs12.LegacyRC2, key, prod, "s3cret"), "s3cret"},
		{p12(f, pkcs12.LegacyRC2, key, universal, ""), ""},
		{p12(f, pkcs12.Modern2023, key, universal, "s3cret"), "wrong"},
		{trust, "s3cret"},
		{[]byte("hello"), ""},
	} {
		f.Add(seed.p12, seed.password)
	}
	now := time.Date(2025, 11, 22, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, file []byte, password string) {
		cert, err := LoadP12(file, password)
		if err != nil {
			requireInvalidIn(t, err, "apns.p12", "apns.password")
			return
		}
		if cert.PrivateKey == nil || cert.Leaf == nil || len(cert.Certificate) == 0 || !bytes.Equal(cert.Certificate[0], cert.Leaf.Raw) {
			t.Fatalf("opened without a key or a leaf: %+v", cert)
		}
		in := models.CertificateInput{Vendor: models.VendorAPNs, Name: "iOS", Environment: "production",
			APNs: &models.APNsCredentials{P12: file, Password: &password}}
		var c models.Certificate
		var secrets models.CertificateSecrets
		if err := in.ApplyCommon(&c); err != nil {
			t.Fatal(err)
		}
		if err := new(Channel).PrepareCertificate(in, &c, &secrets, now); err != nil {
			requireInvalidIn(t, err, "apns.p12", "apns.password", "apns.bundle_id", "environment")
			return
		}
		if c.Topic == "" || !utf8.ValidString(c.Topic) || !utf8.ValidString(c.Settings.BundleID) {
			t.Fatalf("accepted with topic %q, bundle ID %q", c.Topic, c.Settings.BundleID)
		}
		for _, w := range c.Warnings {
			if !utf8.ValidString(w) {
				t.Fatalf("warning %q", w)
			}
		}
	})
}

// FuzzCheckP8 checks any file as a .p8 signing key. Seeds are keys as
// Apple issues them (PKCS#8 EC P-256 in PEM) and the near misses. A
// refusal is invalid_argument on apns.p8; an accepted key is P-256, and
// the same key written out again is accepted too.
func FuzzCheckP8(f *testing.F) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		f.Fatal(err)
	}
	rsaDER, _ := x509.MarshalPKCS8PrivateKey(rsaKey)
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	sec1, _ := x509.MarshalECPrivateKey(ecKey)
	for _, seed := range [][]byte{
		p8(f, elliptic.P256()),
		p8(f, elliptic.P384()),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: rsaDER}),
		pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: sec1}),
		[]byte("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
		[]byte("hello"),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, file []byte) {
		if err := checkP8(file); err != nil {
			requireInvalidIn(t, err, "apns.p8")
			return
		}
		block, _ := pem.Decode(file)
		key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			t.Fatalf("accepted, but not PKCS#8: %v", err)
		}
		ec, ok := key.(*ecdsa.PrivateKey)
		if !ok || ec.Curve != elliptic.P256() {
			t.Fatalf("accepted a %T", key)
		}
		der, err := x509.MarshalPKCS8PrivateKey(ec)
		if err != nil {
			t.Fatal(err)
		}
		if err := checkP8(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})); err != nil {
			t.Fatalf("the accepted key written out again: %v", err)
		}
	})
}
