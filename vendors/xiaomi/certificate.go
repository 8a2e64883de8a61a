package xiaomi

import (
	"regexp"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Mi Push hosts exist per region (vendor-facts §5): cn, global (Singapore),
// ru, in and eu.

func regions() []string { return []string{"cn", "global", "ru", "in", "eu"} }

var packageName = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_]*(\.[a-zA-Z][a-zA-Z0-9_]*)+$`)

// PrepareCertificate checks the Mi Push AppSecret and package.
func (*Channel) PrepareCertificate(in models.CertificateInput, c *models.Certificate, secrets *models.CertificateSecrets, _ time.Time) error {
	f := vendors.Fields{Vendor: models.VendorXiaomi}
	x := in.Xiaomi
	var err error
	if err := f.Set(
		vendors.RequiredField(&c.Settings.PackageName, "package_name", x.PackageName, "the app's package name registered with Mi Push"),
	); err != nil {
		return err
	}
	if !packageName.MatchString(c.Settings.PackageName) {
		return models.Invalid("xiaomi.package_name", "%q is not an Android package name like com.example.im", c.Settings.PackageName)
	}
	if err := f.Set(
		vendors.SecretField(&secrets.AppSecret, "app_secret", x.AppSecret, "the AppSecret from the Xiaomi open platform"),
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
