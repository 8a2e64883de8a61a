package i18n_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/all"
)

// verdictInputs are devices in every state the vendor-neutral checks tell
// apart, on every vendor, so that each branch says its sentence.
func verdictInputs() []models.DiagnosisInput {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	ago := func(d time.Duration) *time.Time { t := now.Add(-d); return &t }
	in := func(d time.Duration) *time.Time { t := now.Add(d); return &t }
	yes, no := true, false
	limit, full := 100, 50
	var out []models.DiagnosisInput
	for _, v := range models.AllVendors() {
		id := int64(10001)
		cert := func(edit func(*models.Certificate)) *models.Certificate {
			c := &models.Certificate{ID: id, Name: "Production", Vendor: v, Environment: models.CertProduction, ExpiresAt: in(400 * 24 * time.Hour)}
			if edit != nil {
				edit(c)
			}
			return c
		}
		dev := func(edit func(*models.Device)) models.Device {
			d := models.Device{AppID: 7, DeviceID: "d1", Vendor: v, Token: "0123456789abcdef0123", CertificateID: &id, Environment: models.EnvProduction,
				NotificationsEnabled: &yes, State: models.StateBackground, StateSince: now.Add(-3 * time.Hour), LastSeenAt: now.Add(-3 * time.Hour), RegisteredAt: now.Add(-50 * time.Hour)}
			if edit != nil {
				edit(&d)
			}
			return d
		}
		base := models.DiagnosisInput{Device: dev(nil), Certificate: cert(nil), Now: now, StaleAfter: 10 * time.Minute,
			Quota: models.CertificateQuota{CertificateID: id, Classes: []models.QuotaUsage{{Class: models.ClassService, Sent: 3, Limit: &limit}}}}
		with := func(edit func(*models.DiagnosisInput)) models.DiagnosisInput {
			c := base
			c.Device, c.Certificate = dev(nil), cert(nil)
			edit(&c)
			return c
		}
		out = append(out, base,
			with(func(c *models.DiagnosisInput) { c.Device.Token, c.Device.CertificateID = "", nil }),
			with(func(c *models.DiagnosisInput) { c.Certificate = nil }),
			with(func(c *models.DiagnosisInput) { c.Certificate.Vendor = models.VendorHarmony }),
			with(func(c *models.DiagnosisInput) { c.Certificate.Vendor = models.VendorHuawei }),
			with(func(c *models.DiagnosisInput) { c.Certificate.ExpiresAt = nil }),
			with(func(c *models.DiagnosisInput) { c.Certificate.ExpiresAt = ago(time.Hour) }),
			with(func(c *models.DiagnosisInput) {
				c.Certificate.ExpiresAt = in(5 * 24 * time.Hour)
				c.Certificate.CheckedAt, c.Certificate.CheckOK, c.Certificate.CheckMessage = ago(2*time.Hour), &no, "401 unauthorized"
			}),
			with(func(c *models.DiagnosisInput) {
				c.Certificate.CheckedAt, c.Certificate.CheckOK = ago(time.Minute), &yes
			}),
			with(func(c *models.DiagnosisInput) { c.Device.Environment = "" }),
			with(func(c *models.DiagnosisInput) { c.Device.Environment = models.EnvDevelopment }),
			with(func(c *models.DiagnosisInput) { c.Certificate.Environment = models.CertSandbox }),
			with(func(c *models.DiagnosisInput) { c.Device.State = models.StateLoggedOut }),
			with(func(c *models.DiagnosisInput) { c.Device.State = models.StateKicked; c.Device.Unread = 4 }),
			with(func(c *models.DiagnosisInput) {
				c.Device.State, c.Device.LastSeenAt = models.StateForeground, now.Add(-time.Minute)
			}),
			with(func(c *models.DiagnosisInput) { c.Device.State = models.StateForeground }),
			with(func(c *models.DiagnosisInput) { c.Device.Unread = 12 }),
			with(func(c *models.DiagnosisInput) { c.Device.NotificationsEnabled = nil }),
			with(func(c *models.DiagnosisInput) { c.Device.NotificationsEnabled = &no }),
			with(func(c *models.DiagnosisInput) {
				c.Device.TokenDeadAt, c.Device.TokenDeadReason = ago(26*time.Hour), "80300007 invalid token"
			}),
			with(func(c *models.DiagnosisInput) {
				c.DeviceLimit = &models.Delivery{CreatedAt: now.Add(-time.Hour), Code: "rate", Explanation: "too many messages to one device"}
			}),
			with(func(c *models.DiagnosisInput) { c.Quota.Classes = nil }),
			with(func(c *models.DiagnosisInput) {
				c.Quota.Classes = []models.QuotaUsage{{Class: models.ClassService, Sent: 100, Limit: &limit}, {Class: models.ClassMarketing, Sent: 100, Limit: &limit}}
			}),
			with(func(c *models.DiagnosisInput) {
				c.Quota.Classes = []models.QuotaUsage{{Class: models.ClassService, Sent: 90, Limit: &limit}, {Class: models.ClassMarketing, Sent: 45, Limit: &full}}
			}),
			with(func(c *models.DiagnosisInput) {
				c.Quota.Classes = []models.QuotaUsage{{Class: models.ClassService, Sent: 3, ExhaustedAt: ago(time.Hour), ExhaustedCode: "over"}, {Class: models.ClassMarketing, Sent: 3, ExhaustedAt: ago(time.Hour), ExhaustedCode: "over"}}
			}),
			with(func(c *models.DiagnosisInput) { c.Message = models.MissedMessage{Type: "custom"} }),
			with(func(c *models.DiagnosisInput) { c.Message = models.MissedMessage{Type: "text", Desc: "hi"} }),
		)
		// The vendors' own settings; each vendor reads its own.
		night := time.Date(2026, 11, 30, 15, 40, 0, 0, time.UTC) // 23:40 in Beijing
		for _, s := range []models.CertificateSettings{
			{Auth: "certificate", BundleID: "com.example.im"},
			{Auth: "certificate", BundleID: "com.example.im", Topics: []string{"com.example.im"}},
			{Auth: "certificate", BundleID: "com.example.im", Topics: []string{"com.example.im", "com.example.im.voip"}},
			{Category: "IM", Categories: []string{"IM"}, CallRight: true, ReceiptID: "r1", ChannelID: "im", Importance: "NORMAL", Private: true},
			{Category: "MARKETING", Importance: "LOW"},
			{Category: "IM"},
			{Unpublished: true},
		} {
			out = append(out, with(func(c *models.DiagnosisInput) { c.Certificate.Settings = s }))
		}
		for _, os := range []string{"5.0.1", "4.2.0", ""} {
			out = append(out, with(func(c *models.DiagnosisInput) {
				c.Device.Platform, c.Device.OSVersion, c.Device.VoIPToken = models.PlatformHarmony, os, "aabbccddeeff00112233"
			}))
		}
		out = append(out,
			with(func(c *models.DiagnosisInput) {
				c.Message = models.MissedMessage{Type: "text", Desc: "hi", OPPOChannelID: "im", Ext: `{"a":1}`}
			}),
			with(func(c *models.DiagnosisInput) {
				c.Message = models.MissedMessage{Type: "text", Desc: "hi", Ext: "a=1", At: night}
			}),
			with(func(c *models.DiagnosisInput) {
				c.Message = models.MissedMessage{Type: "text", Desc: "hi", At: night}
				c.Certificate.Settings.Category = "IM"
			}),
			with(func(c *models.DiagnosisInput) {
				c.SentToday = map[models.MessageClass]int{models.ClassMarketing: 500, models.ClassDefault: 500}
			}),
		)
	}
	return out
}

// The English a check says in Go (the API's and the report's) is what
// en.toml says for its text, and every text says something in Chinese: a
// sentence changed on one side only fails here.
func TestCheckTextsSayTheEnglishOfTheCode(t *testing.T) {
	en, zh, r := englishChineseAndVendors(t)
	said := map[string]bool{}
	for _, in := range verdictInputs() {
		for _, c := range r.DiagnoseDevice(in).Checks {
			if c.Texts == nil {
				continue
			}
			said[c.Texts.Evidence.ID] = true
			sameEnglish(t, en, zh, c.ID+" evidence", &c.Texts.Evidence, c.Evidence)
			sameEnglish(t, en, zh, c.ID+" fix", c.Texts.Fix, c.Fix)
			sameEnglish(t, en, zh, c.ID+" cause", c.Texts.Cause, c.Cause)
		}
	}
	ids, err := i18n.IDs(models.LanguageEnglish)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if strings.HasPrefix(id, "verdict.") && strings.HasSuffix(id, ".evidence") && !said[id] {
			t.Errorf("no input reached %s: the inputs miss a branch", id)
		}
	}
}

// englishChineseAndVendors are the two languages' localizers and the
// vendors' registry the texts are checked with.
func englishChineseAndVendors(t *testing.T) (en, zh *i18n.Localizer, r *vendors.Registry) {
	t.Helper()
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	r, err = all.Registry(vendors.NewClientFactory(vendors.ClientConfig{}), nil)
	if err != nil {
		t.Fatal(err)
	}
	return catalog.Localizer(models.LanguageEnglish), catalog.Localizer(models.LanguageChinese), r
}

func sameEnglish(t *testing.T, en, zh *i18n.Localizer, what string, text *models.Text, english string) {
	t.Helper()
	if text == nil {
		if english != "" {
			t.Errorf("%s: %q has no text", what, english)
		}
		return
	}
	if got := en.SayText(*text); got != english {
		t.Errorf("%s: en.toml says\n\t%q\nthe code says\n\t%q", what, got, english)
	}
	if got := zh.Say(text, english); got == english || got == "" {
		t.Errorf("%s: no Chinese for %s: %q", what, text.ID, got)
	}
}
