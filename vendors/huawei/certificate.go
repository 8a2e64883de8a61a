package huawei

import (
	"slices"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// PrepareCertificate checks the Push Kit OAuth client (AppGallery Connect →
// Project settings → App information).
func (*Channel) PrepareCertificate(in models.CertificateInput, c *models.Certificate, secrets *models.CertificateSecrets, _ time.Time) error {
	f := vendors.Fields{Vendor: models.VendorHuawei}
	h := in.Huawei
	if err := f.Set(
		vendors.NumericField(&c.Settings.AppID, "app_id", h.AppID, "the App ID from AppGallery Connect"),
		vendors.RequiredField(&c.Settings.ClientID, "client_id", h.ClientID, "the OAuth 2.0 client ID (often equal to the App ID)"),
		vendors.SecretField(&secrets.ClientSecret, "client_secret", h.ClientSecret, "the OAuth 2.0 client secret (App secret)"),
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
		c.Warnings = append(c.Warnings, "activity click without a package name: Huawei opens an activity only by an intent URI naming the app's package, so taps open the app instead; set the package name")
	}
	if c.Settings.BadgeClass == "" {
		c.Warnings = append(c.Warnings, "no badge class: Huawei shows no badge number without the app's launcher activity (e.g. com.example.im.MainActivity)")
	}
	c.Settings.ReceiptID, c.Settings.CallbackUser = strings.TrimSpace(h.ReceiptID), strings.TrimSpace(h.CallbackUser)
	if h.CallbackKey != "" {
		secrets.CallbackKey = h.CallbackKey
	}
	if secrets.CallbackKey != "" && c.Settings.CallbackUser == "" {
		return models.Invalid("huawei.callback_user", "a receipt callback key needs the callback user name it signs with")
	}
	c.Settings.Category = strings.TrimSpace(h.Category)
	switch {
	case c.Settings.Category == "":
		c.Warnings = append(c.Warnings, "no default category: Huawei's classifier decides each message's class, and information & marketing messages are silent and capped at 2 a day per device; with self-classification rights, set IM")
	case !slices.Contains(categories(), c.Settings.Category):
		return models.Invalid("huawei.category", "Huawei categories are %s", strings.Join(categories(), ", "))
	}
	return nil
}
