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
