package sandbox

import (
	"crypto/rand"

	"github.com/pushcheck/pushcheck/models"
)

// Demo are one well-configured sandbox certificate per vendor with the
// demo's fixed identifiers (the README's examples name them) and freshly
// generated keys and secrets. The demo and the scale seed use them.
func Demo() ([]models.CertificateInput, error) {
	p8, err := P8()
	if err != nil {
		return nil, err
	}
	sa, err := FCMServiceAccount("pushcheck-demo", "demo-key-1")
	if err != nil {
		return nil, err
	}
	harmonyKey, err := HarmonyServiceAccount("101653523863785276", "demo-harmony-key-1", "demo-sub-account-1")
	if err != nil {
		return nil, err
	}
	secret := rand.Text
	chat := &models.ClickAction{Type: "activity", Activity: "com.example.im.ChatActivity"}
	in := func(v models.Vendor, name string) models.CertificateInput {
		return models.CertificateInput{Vendor: v, Name: name, Environment: string(models.CertSandbox)}
	}
	apns := in(models.VendorAPNs, "Sandbox APNs")
	apns.APNs = &models.APNsCredentials{BundleID: "com.example.im", Auth: "token", KeyID: "DEMOKEY001", TeamID: "DEMOTEAM01", P8: p8}
	fcm := in(models.VendorFCM, "Sandbox FCM")
	fcm.FCM = &models.FCMCredentials{ServiceAccountJSON: sa}
	huawei := in(models.VendorHuawei, "Sandbox Huawei")
	huawei.Huawei = &models.HuaweiCredentials{AppID: "104000001", ClientID: "104000001", ClientSecret: secret(), BadgeClass: "com.example.im.MainActivity", PackageName: "com.example.im", Category: "IM"}
	huawei.ClickAction = chat
	honor := in(models.VendorHonor, "Sandbox Honor")
	honor.Honor = &models.HonorCredentials{AppID: "104000002", ClientID: "demo-honor-client", ClientSecret: secret(), BadgeClass: "com.example.im.MainActivity", PackageName: "com.example.im", Importance: "NORMAL"}
	xiaomi := in(models.VendorXiaomi, "Sandbox Xiaomi")
	xiaomi.Xiaomi = &models.XiaomiCredentials{PackageName: "com.example.im", AppSecret: secret(), Region: "cn", ChannelID: "im_private",
		ClientAppID: "2882303761520000001", ClientAppKey: "5102000000001"}
	oppo := in(models.VendorOPPO, "Sandbox OPPO")
	oppo.OPPO = &models.OPPOCredentials{AppKey: "demoOppoAppKey", MasterSecret: secret(), ChannelID: "im", Category: "IM", Region: "cn", ClientAppSecret: "demoOppoAppSecret"}
	oppo.ClickAction = chat
	vivo := in(models.VendorVivo, "Sandbox vivo")
	vivo.Vivo = &models.VivoCredentials{AppID: "104000003", AppKey: "demoVivoAppKey", AppSecret: secret(), Category: "IM"}
	meizu := in(models.VendorMeizu, "Sandbox Meizu")
	meizu.Meizu = &models.MeizuCredentials{AppID: "104000004", AppSecret: secret(), Region: "cn", ClientAppKey: "demoMeizuAppKey"}
	// Left without its client ID, so the demo's Client config shows a TODO.
	harmony := in(models.VendorHarmony, "Sandbox HarmonyOS NEXT")
	harmony.Harmony = &models.HarmonyCredentials{ServiceAccountJSON: harmonyKey, Category: "IM", Categories: []string{"IM", "VOIP"}, CallRight: true}
	return []models.CertificateInput{apns, fcm, huawei, honor, xiaomi, oppo, vivo, meizu, harmony}, nil
}
