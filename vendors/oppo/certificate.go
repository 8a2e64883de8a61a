package oppo

import (
	"slices"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// PrepareCertificate checks the OPPO AppKey and MasterSecret (OPPO open
// platform → Push → configuration). The default channel ID is what the IM
// server sends when a message names none.
func (*Channel) PrepareCertificate(in models.CertificateInput, c *models.Certificate, secrets *models.CertificateSecrets, _ time.Time) error {
	f := vendors.Fields{Vendor: models.VendorOPPO}
	o := in.OPPO
	var err error
	if err := f.Set(
		vendors.RequiredField(&c.Settings.AppKey, "app_key", o.AppKey, "the AppKey from the OPPO open platform"),
		vendors.SecretField(&secrets.MasterSecret, "master_secret", o.MasterSecret, "the MasterSecret (not the AppSecret) from the OPPO open platform"),
		vendors.ClientField(&c.Settings.ClientAppSecret, "client_app_secret", o.ClientAppSecret, "the AppSecret (not the MasterSecret) the client SDK takes, for the client config", false, &secrets.MasterSecret),
	); err != nil {
		return err
	}
	if c.Settings.Region, err = f.Region(o.Region, "cn", "intl"); err != nil {
		return err
	}
	c.Settings.ChannelID = strings.TrimSpace(o.ChannelID)
	if c.Settings.ChannelID == "" {
		c.Warnings = append(c.Warnings, "no default channel ID: on Android 8+ OPPO shows nothing for messages without one; create the channel in the app and in the OPPO console, then set it here")
	}
	switch c.Settings.Category = strings.TrimSpace(o.Category); {
	case c.Settings.Category == "":
		c.Warnings = append(c.Warnings, "no default category: OPPO treats unclassified messages as content & marketing, at most 2 a day per device; with communication rights, set IM")
	case !slices.Contains(categories(), c.Settings.Category):
		return models.Invalid("oppo.category", "OPPO categories are %s", strings.Join(categories(), ", "))
	}
	return nil
}
