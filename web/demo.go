package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/demo"
	"github.com/pushcheck/pushcheck/models/secrets"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/vendors"
)

// demoCertificates creates one sandbox certificate per vendor, with freshly
// generated credentials of each vendor's real shape, through the same
// checks as the certificate forms.
func demoCertificates(store *storage.Store, registry *vendors.Registry, sealer *secrets.Sealer) demo.Certificates {
	return func(ctx context.Context, appID int64) (demo.CertificateIDs, error) {
		ids := demo.CertificateIDs{ByVendor: map[models.Vendor]int64{}}
		inputs, err := demoCertificateInputs()
		if err != nil {
			return ids, err
		}
		now := time.Now().UTC()
		for _, in := range inputs {
			cert, err := store.SaveCertificate(ctx, sealer, appID, 0, func(c *models.Certificate, s *models.CertificateSecrets) error {
				return registry.PrepareCertificate(in, c, s, now)
			})
			if err != nil {
				return ids, fmt.Errorf("%s: %w", in.Name, err)
			}
			switch in.Name {
			case demoOPPONoChannel:
				ids.OPPONoChannel = cert.ID
			case demoXiaomiNoChannel:
				ids.XiaomiNoChannel = cert.ID
			case demoVivoUnpublished:
				ids.VivoUnpublished = cert.ID
			default:
				ids.ByVendor[cert.Vendor] = cert.ID
			}
		}
		return ids, nil
	}
}

// The demo's extra certificates, each set up wrong in one way a support
// engineer meets.
const (
	demoOPPONoChannel   = "Sandbox OPPO without channel"
	demoXiaomiNoChannel = "Sandbox Xiaomi without channel"
	demoVivoUnpublished = "Sandbox vivo, app not yet published"
)

func demoCertificateInputs() ([]models.CertificateInput, error) {
	inputs, err := sandboxCertificateInputs()
	if err != nil {
		return nil, err
	}
	secret := rand.Text
	in := func(v models.Vendor, name string) models.CertificateInput {
		return models.CertificateInput{Vendor: v, Name: name, Environment: string(models.CertSandbox)}
	}
	oppoNoChannel := in(models.VendorOPPO, demoOPPONoChannel)
	oppoNoChannel.OPPO = &models.OPPOCredentials{AppKey: "demoOppoAppKey2", MasterSecret: secret(), Category: "IM", Region: "cn"}
	xiaomiNoChannel := in(models.VendorXiaomi, demoXiaomiNoChannel)
	xiaomiNoChannel.Xiaomi = &models.XiaomiCredentials{PackageName: "com.example.im", AppSecret: secret(), Region: "cn"}
	vivoUnpublished := in(models.VendorVivo, demoVivoUnpublished)
	vivoUnpublished.Vivo = &models.VivoCredentials{AppID: "104000005", AppKey: "demoVivoAppKey2", AppSecret: secret(), Category: "IM", Unpublished: true}
	// HarmonyOS NEXT came after the demo's first certificates: it keeps
	// the last ID, so the IDs the README names stay as they were.
	last := len(inputs) - 1
	return append(inputs[:last:last], oppoNoChannel, xiaomiNoChannel, vivoUnpublished, inputs[last]), nil
}

// sandboxCertificateInputs are one well-configured sandbox certificate per
// vendor, with freshly generated credentials of each vendor's real shape:
// sends through them reach the emulators. The demo and the scale seed use
// them.
func sandboxCertificateInputs() ([]models.CertificateInput, error) {
	p8, err := demoP8()
	if err != nil {
		return nil, err
	}
	sa, err := demoServiceAccount()
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
	harmonyKey, err := demoHarmonyServiceAccount()
	if err != nil {
		return nil, err
	}
	// Left without its client ID, so the demo's Client config shows a TODO.
	harmony := in(models.VendorHarmony, "Sandbox HarmonyOS NEXT")
	harmony.Harmony = &models.HarmonyCredentials{ServiceAccountJSON: harmonyKey, Category: "IM", Categories: []string{"IM", "VOIP"}, CallRight: true}
	return []models.CertificateInput{apns, fcm, huawei, honor, xiaomi, oppo, vivo, meizu, harmony}, nil
}

func demoP8() ([]byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	return pkcs8PEM(key)
}

// pkcs8PEM is a private key as the vendors' key files hold it.
func pkcs8PEM(key any) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// demoRSAKey is a fresh RSA key in PKCS#8 PEM, for the service-account
// files of FCM and HarmonyOS NEXT.
func demoRSAKey() (string, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return "", err
	}
	p, err := pkcs8PEM(key)
	return string(p), err
}

// demoHarmonyServiceAccount is a Push Kit v3 service-account key file of
// the shape AppGallery Connect's API Console downloads.
func demoHarmonyServiceAccount() ([]byte, error) {
	key, err := demoRSAKey()
	if err != nil {
		return nil, err
	}
	return json.Marshal(map[string]string{
		"project_id": "101653523863785276", "key_id": "demo-harmony-key-1",
		"private_key":            key,
		"sub_account":            "demo-sub-account-1",
		"auth_uri":               "https://oauth-login.cloud.huawei.com/oauth2/v3/authorize",
		"token_uri":              "https://oauth-login.cloud.huawei.com/oauth2/v3/token",
		"auth_provider_cert_uri": "https://oauth-login.cloud.huawei.com/oauth2/v3/certs",
		"client_cert_uri":        "https://oauth-login.cloud.huawei.com/oauth2/v3/x509?client_id=demo-sub-account-1",
	})
}

func demoServiceAccount() ([]byte, error) {
	key, err := demoRSAKey()
	if err != nil {
		return nil, err
	}
	return json.Marshal(map[string]string{
		"type": "service_account", "project_id": "pushcheck-demo", "private_key_id": "demo-key-1",
		"private_key":  key,
		"client_email": "firebase-adminsdk@pushcheck-demo.iam.gserviceaccount.com",
		"client_id":    "100000000000000000001",
		"auth_uri":     "https://accounts.google.com/o/oauth2/auth",
		"token_uri":    "https://oauth2.googleapis.com/token",
	})
}
