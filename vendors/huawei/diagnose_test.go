package huawei

import (
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// A HarmonyOS NEXT phone on the v1 channel fails with the cause named; a
// HarmonyOS phone of unknown version is warned about, not condemned; an
// Android phone is not asked.
func TestDiagnoseNamesAHarmonyOSNextPhoneOnV1(t *testing.T) {
	c := models.Certificate{ID: 10003, Vendor: models.VendorHuawei, Settings: models.CertificateSettings{Category: "IM"}}
	check := func(platform models.Platform, os string) (models.Check, bool) {
		in := models.DiagnosisInput{Device: models.Device{Platform: platform, Vendor: models.VendorHuawei, OSVersion: os}, Certificate: &c, Class: models.ClassService, Now: time.Now()}
		for _, k := range new(Channel).Diagnose(in) {
			if k.ID == "harmony_next" {
				return k, true
			}
		}
		return models.Check{}, false
	}
	if k, _ := check(models.PlatformHarmony, "5.0.1"); k.Status != models.CheckFail ||
		!strings.Contains(k.Fix, "Push Kit v1/v2 cannot reach HarmonyOS NEXT: register with vendor harmony and a HarmonyOS NEXT certificate") || k.Cause == "" {
		t.Fatalf("NEXT phone: %+v", k)
	}
	if k, _ := check(models.PlatformHarmony, ""); k.Status != models.CheckWarn || !strings.Contains(k.Fix, "vendor harmony") {
		t.Fatalf("no os_version: %+v", k)
	}
	if k, _ := check(models.PlatformHarmony, "HarmonyOS 4.2.0"); k.Status != models.CheckPass {
		t.Fatalf("HarmonyOS 4.2: %+v", k)
	}
	if k, found := check(models.PlatformAndroid, "14"); found {
		t.Fatalf("an Android phone was asked its HarmonyOS version: %+v", k)
	}
}
