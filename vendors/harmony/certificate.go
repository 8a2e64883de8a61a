package harmony

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"slices"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

const keyField = "harmony.service_account_json"

// serviceAccount is a Push Kit service-account key file as the API
// Console hands it out (Credentials → Service account key): its project,
// the key's ID (the JWT's kid), the sub-account (the JWT's iss) and a
// PKCS#8 RSA private key. Huawei keeps no copy of the private key.
type serviceAccount struct {
	ProjectID  string `json:"project_id"`
	KeyID      string `json:"key_id"`
	SubAccount string `json:"sub_account"`
	PrivateKey string `json:"private_key"`
	// Type tells a Firebase key apart; Huawei's file has none.
	Type string `json:"type"`
}

// PrepareCertificate checks the service-account key and the rights the
// app holds. The key file is a secret; an update without one keeps it.
func (*Channel) PrepareCertificate(in models.CertificateInput, c *models.Certificate, secrets *models.CertificateSecrets, _ time.Time) error {
	h := in.Harmony
	if len(h.ServiceAccountJSON) > 0 {
		secrets.ServiceAccountJSON = h.ServiceAccountJSON
	}
	if len(secrets.ServiceAccountJSON) == 0 {
		return models.Invalid(keyField, "upload the service-account key file (JSON) from the API Console of HUAWEI Developers → Credentials → Service account key, in the project of the HarmonyOS app")
	}
	sa, _, err := parseServiceAccount(secrets.ServiceAccountJSON)
	if err != nil {
		return err
	}
	c.Settings.ProjectID, c.Settings.KeyID, c.Settings.SubAccount = sa.ProjectID, sa.KeyID, sa.SubAccount
	if err := prepareRights(h, c); err != nil {
		return err
	}
	client := vendors.ClientField(&c.Settings.ClientID, "client_id", h.ClientID, "the app's Client ID (AppGallery Connect → Project settings → App), for module.json5 in the client config", true, nil)
	if err := (vendors.Fields{Vendor: models.VendorHarmony}).Set(client); err != nil {
		return err
	}
	c.Settings.ReceiptID, c.Settings.CallbackUser = strings.TrimSpace(h.ReceiptID), strings.TrimSpace(h.CallbackUser)
	if h.CallbackKey != "" {
		secrets.CallbackKey = h.CallbackKey
	}
	if secrets.CallbackKey != "" && c.Settings.CallbackUser == "" {
		return models.Invalid("harmony.callback_user", "a receipt callback key needs the callback user name it signs with")
	}
	if t := c.ClickAction.Type; t == "activity" || t == "intent" {
		c.Warnings = append(c.Warnings, "HarmonyOS has no activities or intents: a tap opens a custom page only by its skills action or URI, which a message sets (harmony.click_action); with this default, taps open the app's home page")
	}
	return nil
}

// prepareRights checks the default category and the granted categories,
// and warns where messages would travel as MARKETING.
func prepareRights(h *models.HarmonyCredentials, c *models.Certificate) error {
	var rights []string
	for _, cat := range h.Categories {
		cat = strings.ToUpper(strings.TrimSpace(cat))
		switch {
		case cat == "":
		case !slices.Contains(categories(), cat):
			return models.Invalid("harmony.categories", "%q is not a HarmonyOS notification category: they are %s", cat, strings.Join(categories(), ", "))
		case cat != "MARKETING" && !slices.Contains(rights, cat):
			rights = append(rights, cat) // MARKETING needs no right
		}
	}
	slices.SortFunc(rights, func(a, b string) int { return slices.Index(categories(), a) - slices.Index(categories(), b) })
	c.Settings.Categories, c.Settings.CallRight = rights, h.CallRight
	cat := strings.ToUpper(strings.TrimSpace(h.Category))
	c.Settings.Category = cat
	switch {
	case cat == "":
		c.Warnings = append(c.Warnings, "no default category: messages that name none are sent as MARKETING, which is silent and shown at most 2 a day per device; with the IM right, set IM")
	case !slices.Contains(categories(), cat):
		return models.Invalid("harmony.category", "HarmonyOS notification categories are %s", strings.Join(categories(), ", "))
	case cat == "MARKETING":
		c.Warnings = append(c.Warnings, "default category MARKETING: silent, at most 2 a day per device")
	case !slices.Contains(rights, cat):
		c.Warnings = append(c.Warnings, "default category "+cat+" is not among the granted categories: Huawei sends it as MARKETING (silent, at most 2 a day per device) until the right is granted in AppGallery Connect → Push Kit → self-classification rights; tick it here once it is")
	}
	return nil
}

// parseServiceAccount reads a key file and its RSA key, naming the field
// that is wrong.
func parseServiceAccount(b []byte) (serviceAccount, *rsa.PrivateKey, error) {
	var sa serviceAccount
	if err := json.Unmarshal(b, &sa); err != nil {
		return sa, nil, models.Invalid(keyField, "the file is not JSON: %v", err)
	}
	if sa.Type == "service_account" {
		return sa, nil, models.Invalid(keyField, "this is a Google (Firebase) service account; HarmonyOS needs Huawei's key file from the API Console of HUAWEI Developers")
	}
	for _, f := range []struct{ name, value string }{
		{"project_id", sa.ProjectID}, {"key_id", sa.KeyID}, {"sub_account", sa.SubAccount}, {"private_key", sa.PrivateKey},
	} {
		if strings.TrimSpace(f.value) == "" {
			return sa, nil, models.Invalid(keyField, "the key file has no %s: upload the service-account key file exactly as downloaded (agconnect-services.json is a different file)", f.name)
		}
	}
	key, err := parsePrivateKey(sa.PrivateKey)
	return sa, key, err
}

// parsePrivateKey insists on the PKCS#8 RSA key Huawei's files hold:
// PS256 is an RSA signature, and Huawei's samples read PKCS#8 only.
func parsePrivateKey(text string) (*rsa.PrivateKey, error) {
	block, _ := pem.Decode([]byte(text))
	switch {
	case block == nil:
		return nil, models.Invalid(keyField, "private_key is not a PEM key (-----BEGIN PRIVATE KEY-----): download the key file again")
	case block.Type == "RSA PRIVATE KEY":
		return nil, models.Invalid(keyField, "private_key is a PKCS#1 key (BEGIN RSA PRIVATE KEY); Huawei's key files hold PKCS#8 (BEGIN PRIVATE KEY): upload the file as downloaded, or convert it with openssl pkcs8 -topk8 -nocrypt")
	case block.Type != "PRIVATE KEY":
		return nil, models.Invalid(keyField, "private_key is a %q PEM block, not a PKCS#8 private key (BEGIN PRIVATE KEY)", block.Type)
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, models.Invalid(keyField, "private_key does not parse as PKCS#8: %v", err)
	}
	rsaKey, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, models.Invalid(keyField, "private_key is not an RSA key: Push Kit signs its JWTs with PS256, an RSA signature, and Huawei's key files hold RSA keys")
	}
	return rsaKey, nil
}
