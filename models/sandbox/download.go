package sandbox

import (
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/pushcheck/pushcheck/models"
)

// Credentials are a sandbox certificate's credentials as an admin hands
// them to another server: the identifiers and secrets as fields, the key
// files as files.
type Credentials struct {
	CertificateID int64             `json:"certificate_id"`
	AppID         int64             `json:"app_id"`
	Vendor        models.Vendor     `json:"vendor"`
	Name          string            `json:"name"`
	Fields        map[string]string `json:"fields"`
	Files         []File            `json:"files"`
}

// File is one key file: PEM or JSON as text, a .p12 in base64.
type File struct {
	Name     string `json:"name"`
	Encoding string `json:"encoding"` // "text" or "base64"
	Content  string `json:"content"`
}

// Export is a sandbox certificate's credentials. Real certificates'
// credentials never leave the server: asking for them is refused.
func Export(c models.Certificate, s models.CertificateSecrets) (Credentials, error) {
	if !c.Sandboxed() {
		return Credentials{}, models.Invalid("certificate", "certificate %d is not a sandbox certificate: only sandbox credentials can be downloaded", c.ID)
	}
	out := Credentials{CertificateID: c.ID, AppID: c.AppID, Vendor: c.Vendor, Name: c.Name, Fields: map[string]string{}, Files: []File{}}
	// The settings are the certificate's identifiers (app ID, key ID,
	// package…); reading them through their JSON names keeps this list in
	// step with the certificate forms.
	b, err := json.Marshal(c.Settings)
	if err != nil {
		return out, fmt.Errorf("sandbox credentials: %w", err)
	}
	var settings map[string]any
	if err := json.Unmarshal(b, &settings); err != nil {
		return out, fmt.Errorf("sandbox credentials: %w", err)
	}
	for k, v := range settings {
		if text, ok := v.(string); ok {
			out.Fields[k] = text
		}
	}
	for k, v := range map[string]string{"client_secret": s.ClientSecret, "app_secret": s.AppSecret, "master_secret": s.MasterSecret,
		"p12_password": s.P12Password, "callback_key": s.CallbackKey} {
		if v != "" {
			out.Fields[k] = v
		}
	}
	if len(s.P8) > 0 {
		out.Files = append(out.Files, File{Name: "AuthKey_" + c.Settings.KeyID + ".p8", Encoding: "text", Content: string(s.P8)})
	}
	if len(s.P12) > 0 {
		out.Files = append(out.Files, File{Name: c.Settings.BundleID + ".p12", Encoding: "base64", Content: base64.StdEncoding.EncodeToString(s.P12)})
	}
	if len(s.ServiceAccountJSON) > 0 {
		out.Files = append(out.Files, File{Name: string(c.Vendor) + "-service-account.json", Encoding: "text", Content: string(s.ServiceAccountJSON)})
	}
	return out, nil
}
