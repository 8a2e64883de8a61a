package xiaomi

import (
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Mi Push hosts exist per region (docs/vendors/xiaomi.md): cn, global (Singapore),
// ru, in and eu.

func regions() []string { return []string{"cn", "global", "ru", "in", "eu"} }

// PrepareCertificate checks the Mi Push AppSecret and package.
func (*Channel) PrepareCertificate(in models.CertificateInput, c *models.Certificate, secrets *models.CertificateSecrets, _ time.Time) error {
	f := vendors.Fields{Vendor: models.VendorXiaomi}
	x := in.Xiaomi
	var err error
	if c.Settings.PackageName, err = f.PackageName(x.PackageName, true); err != nil {
		return err
	}
	if err := f.Set(
		vendors.SecretField(&secrets.AppSecret, "app_secret", x.AppSecret, "the AppSecret from the Xiaomi open platform"),
		vendors.ClientField(&c.Settings.ClientAppID, "client_app_id", x.ClientAppID, "the AppID beside the AppSecret, for the client config", true, &secrets.AppSecret),
		vendors.ClientField(&c.Settings.ClientAppKey, "client_app_key", x.ClientAppKey, "the AppKey beside the AppSecret, for the client config", false, &secrets.AppSecret),
	); err != nil {
		return err
	}
	if c.Settings.Region, err = f.Region(x.Region, regions()...); err != nil {
		return err
	}
	c.Settings.ChannelID = strings.TrimSpace(x.ChannelID)
	if c.Settings.ChannelID == "" {
		c.Warnings = append(c.Warnings, "no default channel ID: Xiaomi puts messages without one in its default channel, 1 a day per device; apply for a private (私信) channel in the Xiaomi console and set its ID here")
	}
	return nil
}
