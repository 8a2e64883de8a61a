package views

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// Chinese pages name the vendors as Chinese users do; English pages keep
// models.Vendor.Label, which the API says too.
func TestVendorLabelInThePagesLanguage(t *testing.T) {
	zh, en := languageContext(t, models.LanguageChinese), languageContext(t, models.LanguageEnglish)
	want := map[models.Vendor]string{
		models.VendorHuawei: "华为", models.VendorHonor: "荣耀", models.VendorXiaomi: "小米",
		models.VendorMeizu: "魅族", models.VendorOPPO: "OPPO", models.VendorVivo: "vivo",
		models.VendorAPNs: "APNs", models.VendorFCM: "FCM", models.VendorHarmony: "鸿蒙 HarmonyOS NEXT",
	}
	for _, v := range models.AllVendors() {
		if got := VendorLabel(zh, v); got != want[v] {
			t.Errorf("%s in Chinese: %q, want %q", v, got, want[v])
		}
		if got := VendorLabel(en, v); got != v.Label() {
			t.Errorf("%s in English: %q, want %q", v, got, v.Label())
		}
	}
	var b bytes.Buffer
	if err := vendorBadge(models.VendorXiaomi).Render(zh, &b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), ">小米<") {
		t.Errorf("badge in Chinese: %s", b.String())
	}
}

// A check that names the vendor names it in the page's language too.
func TestCheckNamesTheVendorInThePagesLanguage(t *testing.T) {
	zh := languageContext(t, models.LanguageChinese)
	in := models.DiagnosisInput{Device: models.Device{Vendor: models.VendorHuawei}}
	for _, c := range models.DeviceChecks(in) {
		if c.ID != "token" {
			continue
		}
		if got := CheckEvidence(zh, c); !strings.Contains(got, "华为") || strings.Contains(got, "Huawei") {
			t.Errorf("token check in Chinese: %q", got)
		}
		return
	}
	t.Fatal("no token check")
}

// A verdict's device, named in English when it was stored, is named with
// the vendor in the page's language; a name without a vendor stays.
func TestVerdictDeviceNameInThePagesLanguage(t *testing.T) {
	zh, en := languageContext(t, models.LanguageChinese), languageContext(t, models.LanguageEnglish)
	for name, want := range map[string]string{"Huawei Mate60": "华为 Mate60", "HarmonyOS NEXT Mate70": "鸿蒙 HarmonyOS NEXT Mate70", "Huaweiphone": "Huaweiphone", "my phone": "my phone"} {
		if got := VerdictDeviceName(zh, name); got != want {
			t.Errorf("%q in Chinese: %q, want %q", name, got, want)
		}
		if got := VerdictDeviceName(en, name); got != name {
			t.Errorf("%q in English: %q", name, got)
		}
	}
}
