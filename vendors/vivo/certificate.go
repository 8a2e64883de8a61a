package vivo

import (
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// PrepareCertificate checks the vivo AppID, AppKey and AppSecret (vivo
// developer platform → Push).
func (*Channel) PrepareCertificate(in models.CertificateInput, c *models.Certificate, secrets *models.CertificateSecrets, _ time.Time) error {
	f := vendors.Fields{Vendor: models.VendorVivo}
	v := in.Vivo
	var err error
	if c.Settings.AppID, err = f.Numeric("app_id", v.AppID, "the AppID from the vivo developer platform"); err != nil {
		return err
	}
	if c.Settings.AppKey, err = f.Required("app_key", v.AppKey, "the AppKey from the vivo developer platform"); err != nil {
		return err
	}
	secrets.AppSecret, err = f.Secret("app_secret", v.AppSecret, secrets.AppSecret, "the AppSecret from the vivo developer platform")
	return err
}
