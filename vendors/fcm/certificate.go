package fcm

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/url"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// serviceAccount is the part of a Firebase service-account key file that
// sending needs (Firebase console → Project settings → Service accounts →
// Generate new private key).
type serviceAccount struct {
	Type         string `json:"type"`
	ProjectID    string `json:"project_id"`
	PrivateKeyID string `json:"private_key_id"`
	PrivateKey   string `json:"private_key"`
	ClientEmail  string `json:"client_email"`
	TokenURI     string `json:"token_uri"`
}

// PrepareCertificate checks the service-account JSON.
func (*Channel) PrepareCertificate(in models.CertificateInput, c *models.Certificate, secrets *models.CertificateSecrets, _ time.Time) error {
	if len(in.FCM.ServiceAccountJSON) > 0 {
		secrets.ServiceAccountJSON = in.FCM.ServiceAccountJSON
	}
	if len(secrets.ServiceAccountJSON) == 0 {
		return models.Invalid("fcm.service_account_json", "upload the service-account JSON from Firebase console → Project settings → Service accounts")
	}
	sa, err := parseServiceAccount(secrets.ServiceAccountJSON)
	if err != nil {
		return err
	}
	c.Settings.ProjectID, c.Settings.ClientEmail = sa.ProjectID, sa.ClientEmail
	c.Topic = sa.ProjectID
	return nil
}

func parseServiceAccount(b []byte) (serviceAccount, error) {
	const field = "fcm.service_account_json"
	var sa serviceAccount
	if err := json.Unmarshal(b, &sa); err != nil {
		return sa, models.Invalid(field, "the file is not JSON: %v", err)
	}
	switch {
	case sa.Type != "service_account":
		return sa, models.Invalid(field, "this JSON is a %q file, not a service-account key (google-services.json belongs in the app, not here)", sa.Type)
	case sa.ProjectID == "":
		return sa, models.Invalid(field, "the service account names no project_id")
	case sa.ClientEmail == "":
		return sa, models.Invalid(field, "the service account names no client_email")
	}
	if sa.TokenURI != "" {
		if u, err := url.Parse(sa.TokenURI); err != nil || u.Scheme != "https" {
			return sa, models.Invalid(field, "token_uri %q is not an https URL", sa.TokenURI)
		}
	}
	block, _ := pem.Decode([]byte(sa.PrivateKey))
	if block == nil {
		return sa, models.Invalid(field, "private_key is missing or not PEM: download a fresh key")
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return sa, models.Invalid(field, "private_key does not parse: %v", err)
	}
	if _, ok := key.(*rsa.PrivateKey); !ok {
		return sa, models.Invalid(field, "private_key is not an RSA key, as Google service accounts use")
	}
	return sa, nil
}
