package vivo

import (
	"slices"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// PrepareCertificate checks the vivo AppID, AppKey and AppSecret (vivo
// developer platform → Push).
func (*Channel) PrepareCertificate(in models.CertificateInput, c *models.Certificate, secrets *models.CertificateSecrets, _ time.Time) error {
	f := vendors.Fields{Vendor: models.VendorVivo}
	v := in.Vivo
	if err := f.Set(
		vendors.NumericField(&c.Settings.AppID, "app_id", v.AppID, "the AppID from the vivo developer platform"),
		vendors.RequiredField(&c.Settings.AppKey, "app_key", v.AppKey, "the AppKey from the vivo developer platform"),
		vendors.SecretField(&secrets.AppSecret, "app_secret", v.AppSecret, "the AppSecret from the vivo developer platform"),
	); err != nil {
		return err
	}
	c.Settings.Unpublished = v.Unpublished
	if c.Settings.Unpublished {
		c.Warnings = append(c.Warnings, "unpublished app: vivo delivers only test pushes (pushMode 1) to devices registered as test devices in the vivo console")
	}
	switch c.Settings.Category = strings.TrimSpace(v.Category); {
	case c.Settings.Category == "":
		c.Warnings = append(c.Warnings, "no default category: vivo treats unclassified messages as operation messages, delivered only 07:00-23:00 and capped per user; set a system category such as IM")
	case !slices.Contains(systemCategories(), c.Settings.Category) && !slices.Contains(operationCategories(), c.Settings.Category):
		return models.Invalid("vivo.category", "vivo categories are %s (system) or %s (operation)", strings.Join(systemCategories(), ", "), strings.Join(operationCategories(), ", "))
	}
	return nil
}
