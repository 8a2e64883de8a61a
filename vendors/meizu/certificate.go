package meizu

import (
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// PrepareCertificate checks the Flyme Push AppID and AppSecret.
func (*Channel) PrepareCertificate(in models.CertificateInput, c *models.Certificate, secrets *models.CertificateSecrets, _ time.Time) error {
	f := vendors.Fields{Vendor: models.VendorMeizu}
	m := in.Meizu
	var err error
	if err := f.Set(
		vendors.NumericField(&c.Settings.AppID, "app_id", m.AppID, "the AppID from the Flyme Push platform"),
		vendors.SecretField(&secrets.AppSecret, "app_secret", m.AppSecret, "the AppSecret from the Flyme Push platform"),
		vendors.ClientField(&c.Settings.ClientAppKey, "client_app_key", m.ClientAppKey, "the AppKey (not the AppSecret) the client SDK takes, for the client config", false, &secrets.AppSecret),
	); err != nil {
		return err
	}
	if c.Settings.Region, err = f.Region(m.Region, "cn", "intl"); err != nil {
		return err
	}
	c.Settings.Private = m.Private
	if !c.Settings.Private {
		c.Warnings = append(c.Warnings, "public messages (公信) by default: Meizu shows at most 3 a day per device; with private-message (私信) rights, tick private")
	}
	return nil
}
