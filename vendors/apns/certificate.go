package apns

import (
	"crypto/elliptic"
	"crypto/tls"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/sideshow/apns2/token"
	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"github.com/pushcheck/pushcheck/models"
)

// Apple's certificate extensions and subject attribute (Apple PKI, "Apple
// Push Notification service SSL certificates"): which APNs environments a
// push certificate may connect to, and its topic.
func oidDevelopment() asn1.ObjectIdentifier {
	return asn1.ObjectIdentifier{1, 2, 840, 113635, 100, 6, 3, 1}
}
func oidProduction() asn1.ObjectIdentifier {
	return asn1.ObjectIdentifier{1, 2, 840, 113635, 100, 6, 3, 2}
}
func oidTopics() asn1.ObjectIdentifier { return asn1.ObjectIdentifier{1, 2, 840, 113635, 100, 6, 3, 6} }
func oidUserID() asn1.ObjectIdentifier { return asn1.ObjectIdentifier{0, 9, 2342, 19200300, 100, 1, 1} }

// expiryWarning is how early an expiring certificate is flagged.
const expiryWarning = 30 * 24 * time.Hour

// appleID() is a Key ID or Team ID: ten capitals and digits.
func appleID() *regexp.Regexp { return regexp.MustCompile(`^[A-Z0-9]{10}$`) }

// PrepareCertificate checks a .p8 signing key or a .p12 certificate.
func (*Channel) PrepareCertificate(in models.CertificateInput, c *models.Certificate, secrets *models.CertificateSecrets, now time.Time) error {
	a := in.APNs
	auth := a.Auth
	switch {
	case auth != "":
	case len(a.P8) > 0:
		auth = "token"
	case len(a.P12) > 0:
		auth = "certificate"
	default:
		auth = c.Settings.Auth
	}
	c.Settings.BundleID = strings.TrimSpace(a.BundleID)
	switch auth {
	case "token":
		return prepareToken(a, c, secrets)
	case "certificate":
		return prepareP12(a, c, secrets, now)
	}
	return models.Invalid("apns.auth", "auth must be token (a .p8 key) or certificate (a .p12 file)")
}

func prepareToken(a *models.APNsCredentials, c *models.Certificate, secrets *models.CertificateSecrets) error {
	c.Settings.Auth = "token"
	c.Settings.KeyID, c.Settings.TeamID = strings.TrimSpace(a.KeyID), strings.TrimSpace(a.TeamID)
	if !appleID().MatchString(c.Settings.KeyID) {
		return models.Invalid("apns.key_id", "the Key ID is the 10 characters shown beside the key in Certificates, Identifiers & Profiles → Keys")
	}
	if !appleID().MatchString(c.Settings.TeamID) {
		return models.Invalid("apns.team_id", "the Team ID is the 10 characters shown under Membership in the Apple developer account")
	}
	if c.Settings.BundleID == "" {
		return models.Invalid("apns.bundle_id", "the bundle ID is the APNs topic, e.g. com.example.im")
	}
	if len(a.P8) > 0 {
		secrets.P8 = a.P8
	}
	if len(secrets.P8) == 0 {
		return models.Invalid("apns.p8", "upload the .p8 key file downloaded when the key was created")
	}
	if err := checkP8(secrets.P8); err != nil {
		return err
	}
	secrets.P12, secrets.P12Password = nil, ""
	// A signing key may push to every topic of the team's apps.
	c.Settings.Topics = nil
	c.Topic, c.APNsEnvironment, c.ExpiresAt = c.Settings.BundleID, "development and production", nil
	return nil
}

// checkP8 insists on what Apple issues: a PKCS#8 EC key on P-256.
func checkP8(p8 []byte) error {
	key, err := token.AuthKeyFromBytes(p8)
	switch {
	case errors.Is(err, token.ErrAuthKeyNotPem):
		return models.Invalid("apns.p8", "the .p8 file is not PEM text (it starts with -----BEGIN PRIVATE KEY-----)")
	case errors.Is(err, token.ErrAuthKeyNotECDSA):
		return models.Invalid("apns.p8", "the .p8 file holds a key that is not an EC key; APNs keys are EC P-256")
	case err != nil:
		return models.Invalid("apns.p8", "the .p8 file is not a PKCS#8 private key: %v", err)
	case key.Curve != elliptic.P256():
		return models.Invalid("apns.p8", "the key is on %s; APNs signing keys are EC P-256", key.Curve.Params().Name)
	}
	return nil
}

func prepareP12(a *models.APNsCredentials, c *models.Certificate, secrets *models.CertificateSecrets, now time.Time) error {
	c.Settings.Auth, c.Settings.KeyID, c.Settings.TeamID = "certificate", "", ""
	if len(a.P12) > 0 {
		secrets.P12 = a.P12
		secrets.P12Password = ""
	}
	if a.Password != nil {
		secrets.P12Password = *a.Password
	}
	if len(secrets.P12) == 0 {
		return models.Invalid("apns.p12", "upload the .p12 exported from Keychain Access (certificate and private key)")
	}
	cert, err := LoadP12(secrets.P12, secrets.P12Password)
	if err != nil {
		return err
	}
	leaf := cert.Leaf
	facts := readFacts(leaf)
	switch {
	case now.After(leaf.NotAfter):
		return models.Invalid("apns.p12", "this certificate expired on %s: create a new Apple Push certificate and export it again", leaf.NotAfter.Format("2006-01-02"))
	case !facts.development && !facts.production:
		return models.Invalid("apns.p12", "this is not an Apple Push certificate: it has neither of Apple's push extensions (development 1.2.840.113635.100.6.3.1, production 1.2.840.113635.100.6.3.2). Export the \"Apple Push Services\" (or \"Apple Development IOS Push Services\") certificate from Keychain Access")
	case facts.topic == "":
		return models.Invalid("apns.p12", "this is not an Apple Push certificate (it names no topic): export the \"Apple Push Services\" certificate")
	case c.Environment == models.CertProduction && !facts.production:
		return models.Invalid("environment", "this certificate only works with the development (sandbox) APNs host: choose development, or export the production certificate")
	case c.Environment == models.CertDevelopment && !facts.development:
		return models.Invalid("environment", "this certificate only works with the production APNs host: choose production, or export the development certificate")
	}
	if c.Settings.BundleID == "" {
		c.Settings.BundleID = facts.topic
	}
	if c.Settings.BundleID != facts.topic && !slices.Contains(facts.topics, c.Settings.BundleID) {
		return models.Invalid("apns.bundle_id", "the certificate is for %s, not %s", facts.topic, c.Settings.BundleID)
	}
	expires := leaf.NotAfter.UTC()
	c.Topic, c.APNsEnvironment, c.ExpiresAt = facts.topic, facts.environment(), &expires
	c.Settings.Topics = facts.pushTopics()
	if leaf.NotAfter.Before(now.Add(expiryWarning)) {
		c.Warnings = append(c.Warnings, fmt.Sprintf("the certificate expires on %s, in %s: renew it now", expires.Format("2006-01-02"), models.HumanDuration(leaf.NotAfter.Sub(now))))
	}
	return nil
}

// LoadP12 opens a .p12 with go-pkcs12, which reads both the legacy exports
// (RC2/3DES) and those of OpenSSL 3 and recent macOS (AES, SHA-256 MACs).
// apns2's own loader is not used: it sits on the frozen x/crypto/pkcs12.
func LoadP12(p12 []byte, password string) (tls.Certificate, error) {
	key, leaf, chain, err := pkcs12.DecodeChain(p12, password)
	if errors.Is(err, pkcs12.ErrIncorrectPassword) {
		return tls.Certificate{}, models.Invalid("apns.password", "the password does not open this .p12 (use the password chosen when exporting from Keychain Access)")
	}
	if err != nil {
		return tls.Certificate{}, models.Invalid("apns.p12", "the file is not a readable .p12: %v", err)
	}
	if key == nil {
		return tls.Certificate{}, models.Invalid("apns.p12", "the .p12 holds no private key: export the certificate together with its key")
	}
	raw := [][]byte{leaf.Raw}
	for _, ca := range chain {
		raw = append(raw, ca.Raw)
	}
	return tls.Certificate{Certificate: raw, PrivateKey: key, Leaf: leaf}, nil
}

type certFacts struct {
	topic                   string
	topics                  []string
	development, production bool
}

// pushTopics are the topics the certificate may push to: those of
// Apple's topics extension (1.2.840.113635.100.6.3.6, on the certificates
// Apple issues since 2015: the bundle ID, bundle ID + ".voip",
// + ".complication", …), else the one topic of its subject.
func (f certFacts) pushTopics() []string {
	if len(f.topics) > 0 {
		return f.topics
	}
	return []string{f.topic}
}

func (f certFacts) environment() string {
	switch {
	case f.development && f.production:
		return "development and production"
	case f.production:
		return "production"
	}
	return "development"
}

func readFacts(leaf *x509.Certificate) certFacts {
	var f certFacts
	for _, name := range leaf.Subject.Names {
		if name.Type.Equal(oidUserID()) {
			f.topic, _ = name.Value.(string)
		}
	}
	for _, ext := range leaf.Extensions {
		switch {
		case ext.Id.Equal(oidDevelopment()):
			f.development = true
		case ext.Id.Equal(oidProduction()):
			f.production = true
		case ext.Id.Equal(oidTopics()):
			f.topics = parseTopics(ext.Value)
		}
	}
	// Every Apple Push certificate Apple issues carries one or both
	// environment extensions; one without is not Apple's (prepareP12 refuses
	// it), however its common name reads.
	return f
}

// parseTopics reads the topics extension: a sequence of UTF8 strings, each
// followed by a sequence of its types. Unreadable content yields nothing.
func parseTopics(der []byte) []string {
	var raw []asn1.RawValue
	if _, err := asn1.Unmarshal(der, &raw); err != nil {
		return nil
	}
	var topics []string
	for _, v := range raw {
		if v.Tag == asn1.TagUTF8String {
			topics = append(topics, string(v.Bytes))
		}
	}
	return topics
}
