package clientconfig

import (
	"fmt"
	"strings"

	"github.com/pushcheck/pushcheck/models"
)

// todo is the placeholder of a value not set yet: it compiles, and a
// search for TODO finds it.
const todo = "TODO"

// value is one ID a vendor's client SDK takes.
type value struct {
	key   string // the constant's last word: APPID, APPKEY, APPSECRET
	dart  string // PushAppInfo's field; "" where the plugin has none
	field string // the certificate field that holds it
	label string
	text  string // "" when not set
	where string // where the vendor's console shows it
}

// literal is the value, or the placeholder.
func (v value) literal() string {
	if v.text == "" {
		return todo
	}
	return v.text
}

// part is one vendor's share of a config: the certificate a build reports
// and the client IDs the vendor's SDK takes.
type part struct {
	vendor models.Vendor
	cert   *models.Certificate // nil: the vendor has no certificate yet
	others []models.Certificate
	values []value
}

// androidVendors are the channels of an Android app, in the order of the
// Certificates page's menu.
func androidVendors() []models.Vendor {
	return []models.Vendor{models.VendorFCM, models.VendorHuawei, models.VendorHonor, models.VendorXiaomi, models.VendorOPPO, models.VendorVivo, models.VendorMeizu}
}

// androidParts are the Android vendors' parts, each with the certificate a
// release build reports.
func androidParts(certs []models.Certificate) []part {
	var parts []part
	for _, v := range androidVendors() {
		cert, others := choose(certs, v, releaseOrder()...)
		parts = append(parts, part{vendor: v, cert: cert, others: others, values: clientValues(v, cert)})
	}
	return parts
}

// androidWriter starts a config of the Android vendors' parts with their
// TODOs.
func androidWriter(certs []models.Certificate) (writer, []part) {
	var w writer
	parts := androidParts(certs)
	for _, p := range parts {
		p.lacks(&w)
	}
	return w, parts
}

// clientValues are what each vendor's client SDK takes besides the token,
// read from the certificate's settings (docs/vendors/<vendor>.md).
func clientValues(v models.Vendor, cert *models.Certificate) []value {
	var s models.CertificateSettings
	if cert != nil {
		s = cert.Settings
	}
	const (
		agc    = "AppGallery Connect → Project settings → General information → App"
		xiaomi = "Xiaomi open platform → 应用管理 → the app → 应用信息 (beside the AppSecret)"
		oppo   = "OPPO push platform → 配置管理 → 应用配置"
		vivo   = "vivo developer platform → 消息推送 → 应用信息"
		meizu  = "Flyme push platform → 应用管理 → the app"
	)
	switch v {
	case models.VendorHuawei:
		return []value{{key: "APPID", field: "huawei.app_id", label: "App ID", text: s.AppID, where: agc + ": App ID"}}
	case models.VendorHonor:
		return []value{{key: "APPID", field: "honor.app_id", label: "App ID", text: s.AppID, where: "Honor developer console → the app → Push service: App ID"}}
	case models.VendorXiaomi:
		return []value{
			{key: "APPID", dart: "mi_app_id", field: "xiaomi.client_app_id", label: "AppID", text: s.ClientAppID, where: xiaomi + ": AppID"},
			{key: "APPKEY", dart: "mi_app_key", field: "xiaomi.client_app_key", label: "AppKey", text: s.ClientAppKey, where: xiaomi + ": AppKey"},
		}
	case models.VendorOPPO:
		return []value{
			{key: "APPKEY", dart: "oppo_app_key", field: "oppo.app_key", label: "AppKey", text: s.AppKey, where: oppo + ": AppKey"},
			{key: "APPSECRET", dart: "oppo_app_secret", field: "oppo.client_app_secret", label: "AppSecret", text: s.ClientAppSecret, where: oppo + ": AppSecret (not the MasterSecret, which stays on the server)"},
		}
	case models.VendorVivo:
		return []value{
			{key: "APPID", field: "vivo.app_id", label: "AppID", text: s.AppID, where: vivo + ": AppID"},
			{key: "APPKEY", field: "vivo.app_key", label: "AppKey", text: s.AppKey, where: vivo + ": AppKey"},
		}
	case models.VendorMeizu:
		return []value{
			{key: "APPID", dart: "mz_app_id", field: "meizu.app_id", label: "AppID", text: s.AppID, where: meizu + ": AppID"},
			{key: "APPKEY", dart: "mz_app_key", field: "meizu.client_app_key", label: "AppKey", text: s.ClientAppKey, where: meizu + ": AppKey (not the AppSecret, which stays on the server)"},
		}
	case models.VendorHarmony:
		return []value{{key: "CLIENT_ID", field: "harmony.client_id", label: "Client ID", text: s.ClientID, where: agc + ": Client ID"}}
	}
	return nil // FCM and APNs: the app's Firebase and Xcode files carry what the SDK needs
}

// prefixes start a vendor's names: its constants, as TUIKit's
// PrivateConstants names them (HW_PUSH_BUZID, XM_PUSH_APPID, …), and its
// PushAppInfo fields (hw_buz_id, mi_app_id, …).
func prefixes(v models.Vendor) (constant, dart string) {
	switch v {
	case models.VendorHuawei:
		return "HW", "hw"
	case models.VendorXiaomi:
		return "XM", "mi"
	case models.VendorMeizu:
		return "MZ", "mz"
	case models.VendorFCM:
		return "GOOGLE_FCM", "google"
	case models.VendorAPNs:
		return "APPLE", "apple"
	}
	return strings.ToUpper(string(v)), string(v)
}

// idLiteral is the certificate ID, or 0 where there is none, as TUIKit's
// templates leave it.
func (p part) idLiteral() string {
	if p.cert == nil {
		return "0"
	}
	return fmt.Sprint(p.cert.ID)
}

// lacks records the part's TODOs.
func (p part) lacks(w *writer) {
	if p.cert == nil {
		w.lack(noCertificate(p.vendor, ""))
		return
	}
	for _, v := range p.values {
		if v.text == "" {
			w.lack(Missing{Vendor: p.vendor, CertificateID: p.cert.ID, Field: v.field, What: p.vendor.Label() + " " + v.label, Where: v.where})
		}
	}
}

// noCertificate is the TODO of a vendor without a certificate; kind names
// the environment wanted ("development") when it matters.
func noCertificate(v models.Vendor, kind string) Missing {
	what := v.Label() + " certificate"
	if kind != "" {
		what = v.Label() + " " + kind + " certificate"
	}
	return Missing{Vendor: v, Environment: kind, What: article(v) + " " + what, Where: "Certificates → Add certificate → " + v.Label() + "; its ID is what devices report"}
}

// article is "a" or "an" before the vendor's name, as it is said.
func article(v models.Vendor) string {
	switch v {
	case models.VendorAPNs, models.VendorFCM, models.VendorHonor, models.VendorOPPO:
		return "an"
	}
	return "a"
}

// describe names a certificate in a comment: #10003 "Sandbox Huawei" (sandbox).
func describe(c models.Certificate) string {
	return fmt.Sprintf("#%d \"%s\" (%s)", c.ID, note(c.Name), c.Environment)
}

// title says which certificate a vendor's part reports, in a comment.
func (p part) title() string {
	if p.cert == nil {
		return p.vendor.Label() + ": no certificate yet"
	}
	return p.vendor.Label() + ": certificate " + describe(*p.cert)
}

// heading is the comment lines above a vendor's constants.
func (p part) heading(sdk string) []string {
	lines := []string{p.title()}
	if p.cert == nil {
		lines[0] += ", so its ID is 0: add one on the Certificates page"
	}
	if len(p.others) > 0 {
		also := "other " + p.vendor.Label() + " certificates:"
		for _, o := range p.others {
			also += " " + describe(o)
		}
		lines = append(lines, also)
	}
	if sdk != "" {
		lines = append(lines, sdk)
	}
	return lines
}
