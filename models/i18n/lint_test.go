package i18n_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
	"github.com/pushcheck/pushcheck/vendors"
)

// lintCases are messages and certificates that make every vendor say
// each of its translated findings.
func lintCases() []func(*vendors.Message, *models.Certificate) {
	badge := 3
	return []func(*vendors.Message, *models.Certificate){
		func(*vendors.Message, *models.Certificate) {},
		func(m *vendors.Message, c *models.Certificate) {
			m.Sound, m.Badge, c.Settings.BadgeClass = "ring.mp3", &badge, ""
		},
		func(m *vendors.Message, _ *models.Certificate) {
			m.Huawei.Test, m.Harmony.Test, m.Honor.Test = true, true, true
		},
		func(_ *vendors.Message, c *models.Certificate) {
			c.Settings.Category, c.Settings.Importance, c.Settings.ChannelID, c.Settings.Private = "", "", "", false
		},
		func(_ *vendors.Message, c *models.Certificate) {
			c.Settings.Category, c.Settings.Importance = "MARKETING", "LOW"
		},
		func(_ *vendors.Message, c *models.Certificate) { c.Settings.Category = "NO_SUCH_CATEGORY" },
		func(_ *vendors.Message, c *models.Certificate) {
			c.Settings.Category, c.Settings.Categories = "IM", nil
		},
		func(m *vendors.Message, c *models.Certificate) {
			m.Call, c.Settings.CallRight = &models.CallInvitation{}, false
		},
		func(m *vendors.Message, _ *models.Certificate) { m.Ext = "conversation=bob" },
		func(m *vendors.Message, _ *models.Certificate) {
			m.Ext, m.Title, m.Desc = `"`+strings.Repeat("x", 4000)+`"`, strings.Repeat("字", 60), strings.Repeat("字", 300)
		},
		func(_ *vendors.Message, c *models.Certificate) { c.Settings.Unpublished = true },
		// APNs
		func(m *vendors.Message, _ *models.Certificate) {
			m.APNs.PushType, m.Image = "background", "https://example.com/a.png"
		},
		func(m *vendors.Message, _ *models.Certificate) {
			m.APNs.CollapseID, m.Image, m.APNs.InterruptionLevel = strings.Repeat("c", 65), "https://example.com/a.png", "time-sensitive"
		},
		func(m *vendors.Message, _ *models.Certificate) { m.APNs.InterruptionLevel = "critical" },
		func(m *vendors.Message, c *models.Certificate) {
			m.APNs.PushType, c.Settings.Auth = "voip", "certificate"
		},
		func(m *vendors.Message, c *models.Certificate) {
			m.APNs.PushType, c.Settings.Auth, c.Settings.Topics = "voip", "certificate", []string{"com.example.im"}
		},
		func(m *vendors.Message, _ *models.Certificate) {
			m.Call, m.APNs.PushType = &models.CallInvitation{}, "alert"
		},
		// FCM
		func(m *vendors.Message, _ *models.Certificate) {
			ttl := 2419201
			m.FCM.TTLSeconds, m.Ext = &ttl, `{"from":"bob"}`
		},
		func(m *vendors.Message, _ *models.Certificate) {
			m.Platform, m.Image = models.PlatformWeb, "https://example.com/a.png"
		},
		func(m *vendors.Message, _ *models.Certificate) {
			zero := 0
			m.Platform, m.FCM.Web = models.PlatformWeb, models.FCMWebOptions{Link: "http://example.com", Icon: "http://example.com/i.png", TTLSeconds: &zero, Urgency: "very-low"}
		},
		func(m *vendors.Message, _ *models.Certificate) {
			m.Platform, m.FCM.Web, m.Call = models.PlatformWeb, models.FCMWebOptions{Urgency: "low"}, &models.CallInvitation{}
		},
		func(m *vendors.Message, _ *models.Certificate) {
			m.Platform, m.FCM.Web, m.Call = models.PlatformIOS, models.FCMWebOptions{Urgency: "low"}, &models.CallInvitation{}
		},
		func(m *vendors.Message, _ *models.Certificate) {
			m.Platform, m.Call, m.Image = models.PlatformAndroid, &models.CallInvitation{}, "https://example.com/a.png"
		},
		// HarmonyOS NEXT
		func(m *vendors.Message, _ *models.Certificate) { m.Harmony.PushType = models.HarmonyBackground },
		func(m *vendors.Message, _ *models.Certificate) { m.Harmony.Category = "PLAY_VOICE" },
		func(m *vendors.Message, _ *models.Certificate) {
			ttl := 120
			m.Call, m.Harmony.TTLSeconds = &models.CallInvitation{}, &ttl
		},
		func(m *vendors.Message, _ *models.Certificate) {
			add, seconds := 1, 5
			m.ClickAction, m.Badge, m.Harmony.BadgeAdd, m.Harmony.SoundDuration = &models.ClickAction{Type: "activity"}, &badge, &add, &seconds
		},
		func(m *vendors.Message, c *models.Certificate) {
			m.ClickAction, c.Settings.PackageName = &models.ClickAction{Type: "activity", Activity: "com.example.im.Chat"}, ""
		},
		func(m *vendors.Message, _ *models.Certificate) { m.Image = "http://example.com/a.png" },
		func(m *vendors.Message, _ *models.Certificate) { m.Image = "https://example.com/a.webp" },
		func(m *vendors.Message, _ *models.Certificate) { m.Image = "https://example.com/a.gif" },
		func(m *vendors.Message, _ *models.Certificate) { m.Image = "example.com/a.png" },
		func(m *vendors.Message, _ *models.Certificate) {
			m.Image = "https://example.com/" + strings.Repeat("a", 1100)
		},
		func(m *vendors.Message, _ *models.Certificate) { m.Ext = `{"a":"` + strings.Repeat("x", 5000) + `"}` },
	}
}

func wellSetUp(v models.Vendor) models.Certificate {
	c := models.Certificate{ID: 10001, Vendor: v, Environment: models.CertSandbox, Settings: models.CertificateSettings{
		BundleID: "com.example.im", PackageName: "com.example.im", AppID: "1", ClientID: "1", BadgeClass: "com.example.im.Main",
		Category: "IM", Categories: []string{"IM"}, CallRight: true, Importance: "NORMAL", Private: true, ChannelID: "im",
	}}
	return c
}

// The English a lint finding says in Go (the API's) is what en.toml says
// for its text, every text has Chinese, and every translated finding is
// reached by a case.
func TestLintTextsSayTheEnglishOfTheCode(t *testing.T) {
	en, zh, r := englishChineseAndVendors(t)
	noon, night := time.Date(2026, 11, 21, 4, 0, 0, 0, time.UTC), time.Date(2026, 11, 21, 15, 40, 0, 0, time.UTC)
	said := map[string]bool{}
	for _, v := range models.AllVendors() {
		ch, err := r.Channel(v)
		if err != nil {
			t.Fatal(err)
		}
		for _, edit := range lintCases() {
			for _, at := range []time.Time{noon, night} {
				msg := vendors.Message{Title: "Bob", Desc: "Are we still on for lunch?", Ext: `{"conversationID":"c2c_bob"}`, DeliveryID: "dlv_xxxxxxxxxxxxxxxxxxxxxxxxxx"}
				cert := wellSetUp(v)
				edit(&msg, &cert)
				for _, w := range ch.Lint(msg, cert, at) {
					if w.Text == nil {
						continue
					}
					collectIDs(said, *w.Text)
					sameEnglish(t, en, zh, string(v)+" "+w.Code, w.Text, w.Message)
				}
			}
		}
	}
	ids, err := i18n.IDs(models.LanguageEnglish)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		// The vendors' findings; the message's and the quota's are the
		// dispatcher's (models/sending tests them).
		vendorFinding := strings.HasPrefix(id, "lint.image.") || strings.HasPrefix(id, "lint.effect.") || slices.Contains([]string{"lint.badge_no_class", "lint.too_long",
			"lint.too_large", "lint.badge_unsupported", "lint.sound_unsupported", "lint.call_notification", "lint.click_no_package"}, id)
		for _, v := range models.AllVendors() {
			vendorFinding = vendorFinding || strings.HasPrefix(id, "lint."+string(v)+".")
		}
		if vendorFinding && !said[id] {
			t.Errorf("no case reached %s", id)
		}
	}
}

// collectIDs notes a text's ID and its arguments' (a vendor's phrase
// inside a shared finding).
func collectIDs(said map[string]bool, t models.Text) {
	said[t.ID] = true
	for _, arg := range t.Args {
		collectIDs(said, arg)
	}
}
