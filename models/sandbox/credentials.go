// Package sandbox makes sandbox certificates: credentials of each vendor's
// real shape (a .p8 with key and team IDs or a .p12, a service-account
// JSON, client IDs and secrets, app keys), which the sandbox's emulators
// accept from the console and from any other client, and the file an
// admin downloads to hand them to another server.
package sandbox

import (
	"crypto/rand"
	"strings"

	"github.com/pushcheck/pushcheck/models"
)

// Options shape a new sandbox certificate.
type Options struct {
	// Name defaults to "Sandbox <vendor>".
	Name string
	// Package is the app's bundle ID or package name; default: one of its
	// own, so that two sandbox certificates never share an app at the
	// emulator.
	Package string
	// APNsAuth is "token" (a .p8, the default) or "certificate" (a .p12).
	APNsAuth string
}

// New is a certificate input for a sandbox certificate of the vendor with
// freshly generated credentials; every identifier is new, so the
// emulators tell its traffic from every other certificate's.
func New(v models.Vendor, o Options) (models.CertificateInput, error) {
	if o.Name == "" {
		o.Name = "Sandbox " + v.Label()
	}
	if o.Package == "" {
		o.Package = "com.example.sandbox" + strings.ToLower(code(6))
	}
	in := models.CertificateInput{Vendor: v, Name: o.Name, Environment: string(models.CertSandbox)}
	secret := rand.Text
	switch v {
	case models.VendorAPNs:
		return apns(in, o)
	case models.VendorFCM:
		sa, err := FCMServiceAccount("pushcheck-sandbox-"+strings.ToLower(code(8)), strings.ToLower(code(12)))
		in.FCM = &models.FCMCredentials{ServiceAccountJSON: sa}
		return in, err
	case models.VendorHuawei:
		id := digits(9)
		in.Huawei = &models.HuaweiCredentials{AppID: id, ClientID: id, ClientSecret: secret(), PackageName: o.Package, Category: "IM"}
	case models.VendorHonor:
		in.Honor = &models.HonorCredentials{AppID: digits(9), ClientID: "sandbox-" + strings.ToLower(code(10)), ClientSecret: secret(), PackageName: o.Package, Importance: "NORMAL"}
	case models.VendorHarmony:
		key, err := HarmonyServiceAccount(digits(18), strings.ToLower(code(16)), "sandbox-"+strings.ToLower(code(10)))
		in.Harmony = &models.HarmonyCredentials{ServiceAccountJSON: key, Category: "IM", Categories: []string{"IM", "VOIP"}, CallRight: true}
		return in, err
	case models.VendorXiaomi:
		in.Xiaomi = &models.XiaomiCredentials{PackageName: o.Package, AppSecret: secret(), Region: "cn", ChannelID: "im_private"}
	case models.VendorOPPO:
		in.OPPO = &models.OPPOCredentials{AppKey: code(24), MasterSecret: secret(), ChannelID: "im", Category: "IM", Region: "cn"}
	case models.VendorVivo:
		in.Vivo = &models.VivoCredentials{AppID: digits(9), AppKey: code(24), AppSecret: secret(), Category: "IM"}
	case models.VendorMeizu:
		in.Meizu = &models.MeizuCredentials{AppID: digits(6), AppSecret: secret(), Region: "cn"}
	default:
		return in, models.Invalid("vendor", "unknown vendor %q", v)
	}
	return in, nil
}

func apns(in models.CertificateInput, o Options) (models.CertificateInput, error) {
	switch o.APNsAuth {
	case "", "token":
		p8, err := P8()
		in.APNs = &models.APNsCredentials{BundleID: o.Package, Auth: "token", KeyID: code(10), TeamID: code(10), P8: p8}
		return in, err
	case "certificate":
		password := rand.Text()
		p12, err := P12(o.Package, password)
		in.APNs = &models.APNsCredentials{BundleID: o.Package, Auth: "certificate", P12: p12, Password: &password}
		return in, err
	}
	return in, models.Invalid("apns_auth", "apns_auth must be token (a .p8 key) or certificate (a .p12 file)")
}

// code is n random capitals and digits: Apple's key and team IDs, app keys.
func code(n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	return pick(alphabet, n)
}

// digits is a random number of n digits, not starting with 0: the
// vendors' numeric app IDs.
func digits(n int) string {
	return pick("123456789", 1) + pick("0123456789", n-1)
}

// pick draws n characters of alphabet; the slight modulo bias does not
// matter for identifiers that only need to differ.
func pick(alphabet string, n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails since Go 1.24
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
