package all_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/all"
)

func registry(t *testing.T) *vendors.Registry {
	t.Helper()
	r, err := all.Registry(vendors.NewClientFactory(vendors.ClientConfig{}), nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// noon and night in Beijing, for vivo's operation-message window.
var (
	noon  = time.Date(2026, 11, 21, 4, 0, 0, 0, time.UTC)
	night = time.Date(2026, 11, 21, 15, 40, 0, 0, time.UTC)
)

// well is a certificate of each vendor set up the way an IM app should be:
// lint on a plain message finds nothing.
func well(v models.Vendor) models.Certificate {
	c := models.Certificate{ID: 10001, Vendor: v, Environment: models.CertSandbox, Settings: models.CertificateSettings{
		BundleID: "com.example.im", PackageName: "com.example.im", AppID: "1", ClientID: "1", BadgeClass: "com.example.im.Main",
	}}
	switch v {
	case models.VendorHuawei, models.VendorOPPO, models.VendorVivo:
		c.Settings.Category = "IM"
	case models.VendorHarmony:
		c.Settings.Category, c.Settings.Categories, c.Settings.CallRight = "IM", []string{"IM"}, true
	case models.VendorHonor:
		c.Settings.Importance = "NORMAL"
	case models.VendorMeizu:
		c.Settings.Private = true
	}
	if v == models.VendorOPPO || v == models.VendorXiaomi {
		c.Settings.ChannelID = "im"
	}
	return c
}

func plain() vendors.Message {
	return vendors.Message{Title: "Bob", Desc: "Are we still on for lunch?", Ext: `{"conversationID":"c2c_bob"}`, DeliveryID: "dlv_xxxxxxxxxxxxxxxxxxxxxxxxxx"}
}

func codes(ws []models.Warning) []string {
	out := []string{}
	for _, w := range ws {
		out = append(out, w.Code+"/"+w.Level)
	}
	return out
}

func TestLintPassesAWellSetUpMessage(t *testing.T) {
	r := registry(t)
	for _, v := range models.AllVendors() {
		ch, _ := r.Channel(v)
		if ws := ch.Lint(plain(), well(v), noon); len(ws) != 0 {
			t.Errorf("%s: %v", v, ws)
		}
	}
}

func TestLintFlagsEachVendorRule(t *testing.T) {
	r := registry(t)
	badge := 3
	long := func(n int) string { return strings.Repeat("字", n) }
	cases := []struct {
		name   string
		vendor models.Vendor
		edit   func(*vendors.Message, *models.Certificate)
		want   string // code/level
		at     time.Time
	}{
		{"APNs payload over 4096 bytes", models.VendorAPNs, func(m *vendors.Message, _ *models.Certificate) { m.Ext = `"` + strings.Repeat("x", 4100) + `"` }, "payload_too_large/blocker", noon},
		{"APNs VoIP allows 5120", models.VendorAPNs, func(m *vendors.Message, _ *models.Certificate) {
			m.Ext, m.APNs.PushType = `"`+strings.Repeat("x", 6000)+`"`, "voip"
		}, "payload_too_large/blocker", noon},
		{"APNs collapse ID over 64 bytes", models.VendorAPNs, func(m *vendors.Message, _ *models.Certificate) { m.APNs.CollapseID = strings.Repeat("c", 65) }, "collapse_id_too_long/blocker", noon},
		{"FCM payload over 4096 bytes", models.VendorFCM, func(m *vendors.Message, _ *models.Certificate) { m.Desc = strings.Repeat("x", 4200) }, "payload_too_large/blocker", noon},
		{"FCM reserved data keys in ext", models.VendorFCM, func(m *vendors.Message, _ *models.Certificate) { m.Ext = `{"from":"bob","google.c":"1"}` }, "reserved_data_key/warning", noon},
		{"FCM TTL over 4 weeks", models.VendorFCM, func(m *vendors.Message, _ *models.Certificate) { ttl := 2419201; m.FCM.TTLSeconds = &ttl }, "ttl_too_long/blocker", noon},
		{"Huawei body over 4096 bytes", models.VendorHuawei, func(m *vendors.Message, _ *models.Certificate) { m.Desc = strings.Repeat("x", 4100) }, "payload_too_large/blocker", noon},
		{"Huawei sound only on channel creation", models.VendorHuawei, func(m *vendors.Message, _ *models.Certificate) { m.Sound = "ring.mp3" }, "sound_channel/warning", noon},
		{"Huawei badge without class", models.VendorHuawei, func(m *vendors.Message, c *models.Certificate) { m.Badge, c.Settings.BadgeClass = &badge, "" }, "badge_no_class/warning", noon},
		{"Huawei without category", models.VendorHuawei, func(_ *vendors.Message, c *models.Certificate) { c.Settings.Category = "" }, "category_missing/warning", noon},
		{"HarmonyOS NEXT body over 4096 bytes", models.VendorHarmony, func(m *vendors.Message, _ *models.Certificate) { m.Desc = strings.Repeat("x", 4100) }, "payload_too_large/blocker", noon},
		{"HarmonyOS NEXT category without its right", models.VendorHarmony, func(_ *vendors.Message, c *models.Certificate) { c.Settings.Categories = nil }, "category_not_granted/warning", noon},
		{"HarmonyOS NEXT call without the call right", models.VendorHarmony, func(m *vendors.Message, c *models.Certificate) {
			m.Call, c.Settings.CallRight = &models.CallInvitation{}, false
		}, "call_no_right/blocker", noon},
		{"Honor without importance", models.VendorHonor, func(_ *vendors.Message, c *models.Certificate) { c.Settings.Importance = "" }, "importance_missing/warning", noon},
		{"Honor badge without class", models.VendorHonor, func(m *vendors.Message, c *models.Certificate) { m.Badge, c.Settings.BadgeClass = &badge, "" }, "badge_no_class/warning", noon},
		{"Xiaomi title of 50 characters", models.VendorXiaomi, func(m *vendors.Message, _ *models.Certificate) { m.Title = long(50) }, "title_too_long/blocker", noon},
		{"Xiaomi desc of 128 characters", models.VendorXiaomi, func(m *vendors.Message, _ *models.Certificate) { m.Desc = long(128) }, "desc_too_long/blocker", noon},
		{"Xiaomi without channel", models.VendorXiaomi, func(_ *vendors.Message, c *models.Certificate) { c.Settings.ChannelID = "" }, "channel_missing/warning", noon},
		{"Xiaomi has no badge", models.VendorXiaomi, func(m *vendors.Message, _ *models.Certificate) { m.Badge = &badge }, "badge_unsupported/warning", noon},
		{"OPPO title over 50", models.VendorOPPO, func(m *vendors.Message, _ *models.Certificate) { m.Title = long(51) }, "title_too_long/blocker", noon},
		{"OPPO ext not JSON", models.VendorOPPO, func(m *vendors.Message, _ *models.Certificate) { m.Ext = "conversation=bob" }, "ext_not_json/blocker", noon},
		{"OPPO action parameters over 4000", models.VendorOPPO, func(m *vendors.Message, _ *models.Certificate) { m.Ext = `"` + strings.Repeat("x", 4000) + `"` }, "payload_too_large/blocker", noon},
		{"OPPO without channel, neither message nor certificate", models.VendorOPPO, func(_ *vendors.Message, c *models.Certificate) { c.Settings.ChannelID = "" }, "channel_missing/blocker", noon},
		{"OPPO has no custom sound", models.VendorOPPO, func(m *vendors.Message, _ *models.Certificate) { m.Sound = "ring.mp3" }, "sound_unsupported/warning", noon},
		{"OPPO marketing category", models.VendorOPPO, func(m *vendors.Message, _ *models.Certificate) { m.OPPO.Category = "MARKETING" }, "marketing_class/warning", noon},
		{"vivo title over 40", models.VendorVivo, func(m *vendors.Message, _ *models.Certificate) { m.Title = long(41) }, "title_too_long/blocker", noon},
		{"vivo desc over 100", models.VendorVivo, func(m *vendors.Message, _ *models.Certificate) { m.Desc = long(101) }, "desc_too_long/blocker", noon},
		{"vivo clientCustomMap over 1024", models.VendorVivo, func(m *vendors.Message, _ *models.Certificate) { m.Ext = `"` + strings.Repeat("x", 1024) + `"` }, "payload_too_large/blocker", noon},
		{"vivo has no custom sound", models.VendorVivo, func(m *vendors.Message, _ *models.Certificate) { m.Sound = "ring.mp3" }, "sound_unsupported/warning", noon},
		{"vivo operation message at noon", models.VendorVivo, func(_ *vendors.Message, c *models.Certificate) { c.Settings.Category = "" }, "marketing_class/warning", noon},
		{"vivo operation message at 23:40", models.VendorVivo, func(_ *vendors.Message, c *models.Certificate) { c.Settings.Category = "" }, "operation_window/blocker", night},
		{"vivo unpublished app: test push", models.VendorVivo, func(_ *vendors.Message, c *models.Certificate) { c.Settings.Unpublished = true }, "test_push/warning", noon},
		{"Meizu title over 32", models.VendorMeizu, func(m *vendors.Message, _ *models.Certificate) { m.Title = long(33) }, "title_too_long/blocker", noon},
		{"Meizu public message", models.VendorMeizu, func(_ *vendors.Message, c *models.Certificate) { c.Settings.Private = false }, "marketing_class/warning", noon},
		{"Meizu sound is on or off", models.VendorMeizu, func(m *vendors.Message, _ *models.Certificate) { m.Sound = "ring.mp3" }, "sound_unsupported/warning", noon},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			msg, cert := plain(), well(c.vendor)
			c.edit(&msg, &cert)
			ch, _ := r.Channel(c.vendor)
			got := ch.Lint(msg, cert, c.at)
			if !slices.Contains(codes(got), c.want) {
				t.Fatalf("lint = %v, want %s", codes(got), c.want)
			}
			for _, w := range got {
				if w.Message == "" || !strings.Contains(w.Message, c.vendor.Label()) && !strings.Contains(strings.ToLower(w.Message), "ext") && !strings.Contains(w.Message, "background") {
					t.Errorf("%s: message does not name the vendor: %q", w.Code, w.Message)
				}
			}
		})
	}
}

func TestLintLengthsCountCharactersNotBytes(t *testing.T) {
	ch, _ := registry(t).Channel(models.VendorMeizu)
	msg := plain()
	msg.Title = strings.Repeat("字", 32) // 96 bytes, 32 characters
	if ws := ch.Lint(msg, well(models.VendorMeizu), noon); len(ws) != 0 {
		t.Fatalf("32 CJK characters flagged: %v", codes(ws))
	}
}

func TestClassesDecideCaps(t *testing.T) {
	r := registry(t)
	one := 1
	cases := []struct {
		vendor models.Vendor
		edit   func(*vendors.Message, *models.Certificate)
		want   models.MessageClass
	}{
		{models.VendorAPNs, func(*vendors.Message, *models.Certificate) {}, models.ClassStandard},
		{models.VendorHuawei, func(*vendors.Message, *models.Certificate) {}, models.ClassService},
		{models.VendorHuawei, func(_ *vendors.Message, c *models.Certificate) { c.Settings.Category = "" }, models.ClassMarketing},
		{models.VendorHuawei, func(m *vendors.Message, _ *models.Certificate) { m.Huawei.Test = true }, models.ClassTest},
		{models.VendorHarmony, func(*vendors.Message, *models.Certificate) {}, models.ClassService},
		{models.VendorHarmony, func(_ *vendors.Message, c *models.Certificate) { c.Settings.Categories = nil }, models.ClassMarketing},
		{models.VendorHarmony, func(m *vendors.Message, _ *models.Certificate) { m.Harmony.Test = true }, models.ClassTest},
		{models.VendorHonor, func(m *vendors.Message, _ *models.Certificate) { m.Honor.Importance = "LOW" }, models.ClassMarketing},
		{models.VendorXiaomi, func(_ *vendors.Message, c *models.Certificate) { c.Settings.ChannelID = "" }, models.ClassDefault},
		{models.VendorOPPO, func(m *vendors.Message, _ *models.Certificate) { m.OPPO.Category = "NEWS" }, models.ClassMarketing},
		{models.VendorVivo, func(m *vendors.Message, _ *models.Certificate) { zero := 0; m.Vivo.Classification = &zero }, models.ClassMarketing},
		{models.VendorVivo, func(_ *vendors.Message, c *models.Certificate) { c.Settings.Unpublished = true }, models.ClassTest},
		{models.VendorMeizu, func(m *vendors.Message, _ *models.Certificate) { zero := 0; m.Meizu.NoticeMsgType = &zero }, models.ClassMarketing},
		{models.VendorMeizu, func(m *vendors.Message, c *models.Certificate) {
			c.Settings.Private = false
			m.Meizu.NoticeMsgType = &one
		}, models.ClassService},
	}
	for _, c := range cases {
		msg, cert := plain(), well(c.vendor)
		c.edit(&msg, &cert)
		ch, _ := r.Channel(c.vendor)
		if got := ch.Class(msg, cert); got != c.want {
			t.Errorf("%s %+v: class %s, want %s", c.vendor, cert.Settings, got, c.want)
		}
	}
}

func TestEveryVendorDocumentsItsLimits(t *testing.T) {
	r := registry(t)
	for _, v := range models.AllVendors() {
		ch, _ := r.Channel(v)
		limits := ch.Limits()
		if len(limits) < 3 {
			t.Errorf("%s: %d limits", v, len(limits))
		}
		for _, l := range limits {
			if l.Item == "" || l.Value == "" || l.Effect == "" || l.Source == "" || l.AsOf == "" ||
				!slices.Contains([]string{models.Solid, models.SecondHand, models.Unverified}, l.Confidence) {
				t.Errorf("%s: incomplete %+v", v, l)
			}
		}
	}
}
