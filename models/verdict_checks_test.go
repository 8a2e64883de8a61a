package models

import (
	"strings"
	"testing"
	"time"
)

// A Huawei certificate with a HarmonyOS NEXT token (or the reverse) fails
// like any other mismatch, and says which Push Kit each one speaks.
func TestCertificateMismatchBetweenPushKitVersionsSaysWhich(t *testing.T) {
	id := int64(10003)
	for _, tc := range []struct {
		cert, device Vendor
		hint         bool
	}{
		{VendorHuawei, VendorHarmony, true},
		{VendorHarmony, VendorHuawei, true},
		{VendorHuawei, VendorXiaomi, false},
	} {
		in := DiagnosisInput{Device: Device{Vendor: tc.device, CertificateID: &id}, Certificate: &Certificate{ID: id, Vendor: tc.cert}, Now: time.Now()}
		k := certificateCheck(in)
		if k.Status != CheckFail || strings.Contains(k.Fix, "Push Kit v1/v2") != tc.hint {
			t.Errorf("%s certificate, %s token: %+v", tc.cert, tc.device, k)
		}
	}
}

// The fixes that send the engineer to the certificate IDs link to the
// Client config, on the tab of the device's platform.
func TestCertificateIDFixesLinkToTheClientConfig(t *testing.T) {
	unknown := int64(99999)
	for _, tc := range []struct {
		device Device
		tab    string
	}{
		{Device{AppID: 7, Platform: PlatformAndroid, Vendor: VendorOPPO, CertificateID: &unknown}, "android"},
		{Device{AppID: 7, Platform: PlatformIOS, Vendor: VendorAPNs, CertificateID: &unknown}, "ios"},
		{Device{AppID: 7, Platform: PlatformHarmony, Vendor: VendorHarmony}, "harmony"},
		{Device{AppID: 7, Platform: PlatformHarmony, Vendor: VendorHuawei}, "android"},
	} {
		in := DiagnosisInput{Device: tc.device, Now: time.Now()}
		k := certificateIDCheck(in)
		if tc.device.CertificateID != nil {
			k = certificateCheck(in)
		}
		want := "/apps/7/client-config?platform=" + tc.tab
		if k.Status != CheckFail || k.FixLink == nil || k.FixLink.Path != want || k.FixLink.Label != "Client config" || !strings.Contains(k.Fix, "Client config page") {
			t.Errorf("%s on %s: %+v", tc.device.Vendor, tc.device.Platform, k)
		}
	}
	id := int64(10003)
	known := DiagnosisInput{Device: Device{AppID: 7, Vendor: VendorHuawei, CertificateID: &id}, Certificate: &Certificate{ID: id, Vendor: VendorHuawei}, Now: time.Now()}
	if k := certificateCheck(known); k.FixLink != nil {
		t.Errorf("a passing check links somewhere: %+v", k)
	}
}
