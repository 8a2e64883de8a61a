package sandbox

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"time"

	pkcs12 "software.sslmate.com/src/go-pkcs12"
)

// P8 is a fresh APNs signing key, a PKCS#8 EC P-256 key as Apple's
// AuthKey_<Key ID>.p8 holds it.
func P8() ([]byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	return pkcs8PEM(key)
}

// pkcs8PEM is a private key as the vendors' key files hold it.
func pkcs8PEM(key any) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// rsaKey is a fresh RSA key in PKCS#8 PEM, for the service-account files
// of FCM and HarmonyOS NEXT.
func rsaKey() (string, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return "", err
	}
	p, err := pkcs8PEM(key)
	return string(p), err
}

// FCMServiceAccount is a Firebase service-account key file of the shape
// the Firebase console downloads.
func FCMServiceAccount(projectID, keyID string) ([]byte, error) {
	key, err := rsaKey()
	if err != nil {
		return nil, err
	}
	return json.Marshal(map[string]string{
		"type": "service_account", "project_id": projectID, "private_key_id": keyID,
		"private_key":  key,
		"client_email": "firebase-adminsdk@" + projectID + ".iam.gserviceaccount.com",
		"client_id":    "100000000000000000001",
		"auth_uri":     "https://accounts.google.com/o/oauth2/auth",
		"token_uri":    "https://oauth2.googleapis.com/token",
	})
}

// HarmonyServiceAccount is a Push Kit v3 service-account key file of the
// shape AppGallery Connect's API Console downloads.
func HarmonyServiceAccount(projectID, keyID, subAccount string) ([]byte, error) {
	key, err := rsaKey()
	if err != nil {
		return nil, err
	}
	return json.Marshal(map[string]string{
		"project_id": projectID, "key_id": keyID,
		"private_key":            key,
		"sub_account":            subAccount,
		"auth_uri":               "https://oauth-login.cloud.huawei.com/oauth2/v3/authorize",
		"token_uri":              "https://oauth-login.cloud.huawei.com/oauth2/v3/token",
		"auth_provider_cert_uri": "https://oauth-login.cloud.huawei.com/oauth2/v3/certs",
		"client_cert_uri":        "https://oauth-login.cloud.huawei.com/oauth2/v3/x509?client_id=" + subAccount,
	})
}

// appleOID is one of Apple's push certificate markers (Apple PKI):
// 6.3.1 development, 6.3.2 production, 6.3.6 topics.
func appleOID(last int) asn1.ObjectIdentifier {
	return asn1.ObjectIdentifier{1, 2, 840, 113635, 100, 6, 3, last}
}

// oidUserID is the subject attribute that names a push certificate's topic.
func oidUserID() asn1.ObjectIdentifier { return asn1.ObjectIdentifier{0, 9, 2342, 19200300, 100, 1, 1} }

// P12 is an "Apple Push Services" certificate for the bundle ID (both
// environments; topics: the app, its VoIP and complication topics) with its
// key, exported as Keychain Access does, opened by password.
func P12(bundleID, password string) ([]byte, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	topics, err := topicsExtension(bundleID, bundleID+".voip", bundleID+".complication")
	if err != nil {
		return nil, err
	}
	null := []byte{0x05, 0x00}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject: pkix.Name{CommonName: "Apple Push Services: " + bundleID, OrganizationalUnit: []string{"SANDBOX001"},
			ExtraNames: []pkix.AttributeTypeAndValue{{Type: oidUserID(), Value: bundleID}}},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().AddDate(1, 0, 0),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
		ExtraExtensions: []pkix.Extension{{Id: appleOID(1), Value: null}, {Id: appleOID(2), Value: null}, {Id: appleOID(6), Value: topics}},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return pkcs12.Modern2023.Encode(key, cert, nil, password)
}

// topicsExtension is Apple's topics extension: each topic as a UTF8
// string followed by the sequence of its kinds.
func topicsExtension(topics ...string) ([]byte, error) {
	var items []asn1.RawValue
	for i, topic := range topics {
		kind := []string{"app", "voip", "complication"}[min(i, 2)]
		kinds, err := asn1.Marshal([]asn1.RawValue{{Tag: asn1.TagUTF8String, Bytes: []byte(kind)}})
		if err != nil {
			return nil, err
		}
		items = append(items, asn1.RawValue{Tag: asn1.TagUTF8String, Bytes: []byte(topic)}, asn1.RawValue{FullBytes: kinds})
	}
	return asn1.Marshal(items)
}
