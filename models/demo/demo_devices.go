package demo

import (
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// cast is the demo's cast: a dozen users whose devices between them
// show every state a support engineer meets. certs maps each vendor to its
// sandbox certificate ID.
func cast(certs CertificateIDs) []scriptedDevice {
	on, off := true, false
	cert := func(v models.Vendor) *int64 { id := certs.ByVendor[v]; return &id }
	unknown := int64(unknownCertificate)
	apnsToken := func(seed string) string { return strings.Repeat(seed, 64/len(seed))[:64] }
	android := func(user string, v models.Vendor, token, model, osv, rom string) models.Registration {
		return models.Registration{UserID: user, Platform: models.PlatformAndroid, Vendor: v, Token: token, CertificateID: cert(v),
			Model: model, OSVersion: osv, ROM: rom, AppVersion: "6.2.0", SDKVersion: "8.1.6", NotificationsEnabled: &on, Locale: "zh-CN"}
	}
	ios := func(user, token string, env models.Environment, model, osv string) models.Registration {
		return models.Registration{UserID: user, Platform: models.PlatformIOS, Vendor: models.VendorAPNs, Token: token, CertificateID: cert(models.VendorAPNs),
			Environment: env, Model: model, OSVersion: osv, AppVersion: "6.2.0", SDKVersion: "8.1.6", NotificationsEnabled: &on, Locale: "en-US"}
	}
	bg := func(ago time.Duration, unread int) scriptedReport {
		return scriptedReport{ago: ago, state: models.StateBackground, unread: unread}
	}
	fg := func(ago time.Duration) scriptedReport { return scriptedReport{ago: ago, state: models.StateForeground} }

	alicePixel := android("alice", models.VendorFCM, "dX3kP9fQ:APA91bH-alice-pixel-8-token-k9", "Pixel 8", "15", "")
	alicePixel.NotificationsEnabled = &off
	erinPhone := ios("erin", apnsToken("e1d0"), models.EnvDevelopment, "iPhone 13", "17.6")
	frankMi := android("frank", models.VendorXiaomi, "mi:frank/Redmi-Note-13-token", "Redmi Note 13", "14", "HyperOS 1.0")
	frankMi.CertificateID = &unknown
	judyHonor := android("judy", models.VendorHonor, "honor-judy-magic6-token", "Magic6", "14", "MagicOS 8.0")
	judyHonor.CertificateID = nil
	heidiOPPO := android("heidi", models.VendorOPPO, "CN_heidi0000findx7ultra", "Find X7 Ultra", "14", "ColorOS 14")
	heidiOPPO.CertificateID = &certs.OPPONoChannel
	kateMi := android("kate", models.VendorXiaomi, "mi:kate/Redmi-Note-14-regid", "Redmi Note 14", "15", "HyperOS 2.0")
	kateMi.CertificateID = &certs.XiaomiNoChannel
	kateVivo := android("kate", models.VendorVivo, "vivo-kate-s19-regid", "S19", "15", "OriginOS 5")
	kateVivo.CertificateID = &certs.VivoUnpublished
	harmony := func(user string, v models.Vendor, token, model, osv string) models.Registration {
		return models.Registration{UserID: user, Platform: models.PlatformHarmony, Vendor: v, Token: token, CertificateID: cert(v),
			Model: model, OSVersion: osv, ROM: "HarmonyOS " + osv, AppVersion: "6.2.0", SDKVersion: "8.1.6", NotificationsEnabled: &on, Locale: "zh-CN"}
	}
	// qa-iphone also reports its PushKit token, so call invitations ring it.
	qaIPhone := ios("qa-eight", apnsToken("9a8b"), models.EnvProduction, "iPhone 15 Pro", "18.2")
	qaIPhone.VoIPToken = apnsToken("c411")
	ivanWeb := models.Registration{UserID: "ivan", Platform: models.PlatformWeb, Vendor: models.VendorFCM, Token: "fcm-web:ivan-chrome-token", CertificateID: cert(models.VendorFCM), Model: "Chrome 131", AppVersion: "web 6.2.0", NotificationsEnabled: &on}

	return []scriptedDevice{
		{id: "alice-iphone", reg: ios("alice", apnsToken("4f2a9c1e"), models.EnvProduction, "iPhone 15", "18.2"), ago: 25 * 24 * time.Hour,
			reports: []scriptedReport{bg(2*time.Hour, 2), fg(time.Hour), bg(3*time.Minute, 5)}},
		{id: "alice-oppo", reg: android("alice", models.VendorOPPO, "CN_8d3f1a2b4c5d6e7f8091a2b3c4d5e602", "PHB110", "14", "ColorOS 14"), ago: 10 * 24 * time.Hour,
			reports: []scriptedReport{bg(time.Hour, 1)}},
		{id: "alice-pixel", reg: alicePixel, ago: 3 * 24 * time.Hour, reports: []scriptedReport{fg(25 * time.Minute)}},
		{id: "bob-mate", reg: android("bob", models.VendorHuawei, "IQAAAACy0bob-mate60-huawei-token", "Mate 60", "12", "HarmonyOS 4.2"), ago: 21 * 24 * time.Hour,
			reports: []scriptedReport{bg(6*time.Hour, 12)}},
		{id: "bob-honor", reg: android("bob", models.VendorHonor, "honor-bob-magic5-token", "Magic5 Pro", "14", "MagicOS 8.0"), ago: 5 * 24 * time.Hour,
			reports: []scriptedReport{fg(2 * time.Minute)}},
		{id: "carol-mi", reg: android("carol", models.VendorXiaomi, "mi:carol/Xiaomi-14-regid", "Xiaomi 14", "14", "HyperOS 1.0"), ago: 20 * 24 * time.Hour,
			reports: []scriptedReport{bg(40*time.Minute, 3)}},
		{id: "carol-vivo", reg: android("carol", models.VendorVivo, "vivo-carol-x100-regid", "X100", "14", "OriginOS 4"), ago: 20 * 24 * time.Hour,
			reports: []scriptedReport{bg(5*time.Hour, 0), {ago: 4 * time.Hour, state: models.StateLoggedOut}}},
		{id: "dave-meizu", reg: android("dave", models.VendorMeizu, "meizu-dave-21-pushid", "Meizu 21", "14", "Flyme 11"), ago: 9 * 24 * time.Hour,
			reports: []scriptedReport{bg(26*time.Hour, 4), {ago: 25 * time.Hour, state: models.StateKicked}}},
		{id: "erin-iphone", reg: erinPhone, ago: 2 * 24 * time.Hour, reports: []scriptedReport{bg(10*time.Minute, 1)}},
		{id: "frank-redmi", reg: frankMi, ago: 4 * 24 * time.Hour, reports: []scriptedReport{bg(15*time.Minute, 2)}},
		{id: "grace-dead-oppo", reg: android("grace", models.VendorOPPO, "CN_dead0000grace0000reno11", "Reno11", "14", "ColorOS 14"), ago: 28 * 24 * time.Hour,
			reports: []scriptedReport{bg(3*time.Hour, 7)}, deadToken: "Unregistered: the app was uninstalled or the token rotated"},
		{id: "heidi-oppo", reg: heidiOPPO, ago: 7 * 24 * time.Hour,
			reports: []scriptedReport{bg(20*time.Minute, 1)}},
		{id: "ivan-chrome", reg: ivanWeb, ago: 24 * time.Hour, reports: []scriptedReport{bg(5*time.Minute, 0)}},
		{id: "judy-honor", reg: judyHonor, ago: 12 * time.Hour, reports: []scriptedReport{bg(30*time.Minute, 2)}},
		{id: "u1024-ipad", reg: ios("u-1024", apnsToken("0a1b2c3d"), models.EnvProduction, "iPad Air", "18.1"), ago: 14 * 24 * time.Hour,
			reports: []scriptedReport{bg(50*time.Minute, 9)}},
		{id: "u1024-vivo", reg: android("u-1024", models.VendorVivo, "vivo-u1024-iqoo12-regid", "iQOO 12", "14", "OriginOS 4"), ago: 14 * 24 * time.Hour,
			reports: []scriptedReport{fg(time.Minute)}},
		// dana: one device that receives, one whose token the vendor
		// answers is dead (the sandbox's scripted "unregistered").
		{id: "dana-iphone", reg: ios("dana", apnsToken("da4a"), models.EnvProduction, "iPhone 16", "18.3"), ago: 6 * 24 * time.Hour,
			reports: []scriptedReport{bg(30*time.Minute, 1)}},
		{id: "dana-pixel", reg: android("dana", models.VendorFCM, "fcm:dana-unregistered-pixel7", "Pixel 7", "14", ""), ago: 6 * 24 * time.Hour,
			reports: []scriptedReport{bg(30*time.Minute, 1)}},
		// qa-eight: QA's test user, one phone per vendor (the eight of the
		// Android and iOS world, and a HarmonyOS NEXT phone on Push Kit
		// v3), all in the background. One push shows nine answers; the
		// Meizu token is scripted to hit the public-message daily cap.
		{id: "qa-iphone", reg: qaIPhone, ago: 2 * 24 * time.Hour, reports: []scriptedReport{bg(8*time.Minute, 0)}},
		{id: "qa-pixel", reg: android("qa-eight", models.VendorFCM, "eQaP8:APA91bG-qa-pixel-9-token", "Pixel 9", "15", ""), ago: 2 * 24 * time.Hour, reports: []scriptedReport{bg(8*time.Minute, 0)}},
		{id: "qa-mate", reg: android("qa-eight", models.VendorHuawei, "IQAAAACy0qa-mate-x5-huawei-token", "Mate X5", "12", "HarmonyOS 4.2"), ago: 2 * 24 * time.Hour, reports: []scriptedReport{bg(8*time.Minute, 0)}},
		{id: "qa-honor", reg: android("qa-eight", models.VendorHonor, "honor-qa-magic7-token", "Magic7 Pro", "15", "MagicOS 9.0"), ago: 2 * 24 * time.Hour, reports: []scriptedReport{bg(8*time.Minute, 0)}},
		{id: "qa-mi", reg: android("qa-eight", models.VendorXiaomi, "mi:qa/Xiaomi-15-regid", "Xiaomi 15", "15", "HyperOS 2.0"), ago: 2 * 24 * time.Hour, reports: []scriptedReport{bg(8*time.Minute, 0)}},
		{id: "qa-oppo", reg: android("qa-eight", models.VendorOPPO, "CN_qa00findx8regid", "Find X8", "15", "ColorOS 15"), ago: 2 * 24 * time.Hour, reports: []scriptedReport{bg(8*time.Minute, 0)}},
		{id: "qa-vivo", reg: android("qa-eight", models.VendorVivo, "16000000qa0x200regid", "X200", "15", "OriginOS 5"), ago: 2 * 24 * time.Hour, reports: []scriptedReport{bg(8*time.Minute, 0)}},
		{id: "qa-mate70", reg: harmony("qa-eight", models.VendorHarmony, "MAAALgE4G98BAAAAqa-mate70-next-token", "Mate 70", "5.0.1"), ago: 2 * 24 * time.Hour, reports: []scriptedReport{bg(8*time.Minute, 0)}},
		{id: "qa-meizu", reg: android("qa-eight", models.VendorMeizu, "UCI-qa-meizu21-quota-pushid", "Meizu 21 Pro", "14", "Flyme 11"), ago: 2 * 24 * time.Hour, reports: []scriptedReport{bg(8*time.Minute, 0)}},
		// kate: a Xiaomi phone on a certificate without a channel ID (the
		// default channel's one message a day) and a vivo phone of an app
		// not yet on the vivo store (test devices only).
		{id: "kate-redmi", reg: kateMi, ago: 3 * 24 * time.Hour, reports: []scriptedReport{bg(12*time.Minute, 2)}},
		{id: "kate-vivo", reg: kateVivo, ago: 3 * 24 * time.Hour, reports: []scriptedReport{bg(12*time.Minute, 2)}},
		// leo: a Pura 70 upgraded to HarmonyOS NEXT whose app still
		// reports its old Push Kit v1 binding: v1 cannot reach it.
		{id: "leo-pura70", reg: harmony("leo", models.VendorHuawei, "IQAAAACy0leo-pura70-old-hms-token", "Pura 70", "5.0.1"), ago: 4 * 24 * time.Hour,
			reports: []scriptedReport{bg(45*time.Minute, 3)}},
		{id: "mallory-shared-mi", reg: android("mallory", models.VendorXiaomi, "mi:shared/Redmi-K70-regid", "Redmi K70", "14", "HyperOS 1.0"), ago: 8 * 24 * time.Hour,
			reports: []scriptedReport{bg(3*24*time.Hour, 1), {ago: 2 * 24 * time.Hour, moveTo: "trent"}, bg(2*24*time.Hour-time.Minute, 0)}},
	}
}
