package honor

import (
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// PrepareCertificate checks the Honor Push client credentials (Honor
// developer console → app → Push service).
func (*Channel) PrepareCertificate(in models.CertificateInput, c *models.Certificate, secrets *models.CertificateSecrets, _ time.Time) error {
	f := vendors.Fields{Vendor: models.VendorHonor}
	h := in.Honor
	if err := f.Set(
		vendors.NumericField(&c.Settings.AppID, "app_id", h.AppID, "the App ID from the Honor developer console"),
		vendors.RequiredField(&c.Settings.ClientID, "client_id", h.ClientID, "the Client ID of the Push service"),
		vendors.SecretField(&secrets.ClientSecret, "client_secret", h.ClientSecret, "the Client Secret of the Push service"),
	); err != nil {
		return err
	}
	c.Settings.BadgeClass = h.BadgeClass
	pkg, err := f.PackageName(h.PackageName, false)
	if err != nil {
		return err
	}
	c.Settings.PackageName = pkg
	if c.ClickAction.Type == "activity" && pkg == "" {
		c.Warnings = append(c.Warnings, "activity click without a package name: Honor opens an activity only by an intent URI naming the app's package, so taps open the app instead; set the package name")
	}
	if c.Settings.BadgeClass == "" {
		c.Warnings = append(c.Warnings, "no badge class: Honor shows no badge number without the app's launcher activity (e.g. com.example.im.MainActivity)")
	}
	c.Settings.ReceiptID = strings.TrimSpace(h.ReceiptID)
	switch c.Settings.Importance = strings.ToUpper(strings.TrimSpace(h.Importance)); c.Settings.Importance {
	case "":
		c.Warnings = append(c.Warnings, "no default importance: Honor treats unclassified messages as information & marketing, silent and capped at 2 a day per device; with self-classification rights, set NORMAL")
	case "NORMAL", "LOW":
	default:
		return models.Invalid("honor.importance", "importance is NORMAL (service & communication) or LOW (information & marketing)")
	}
	return nil
}
