package sending

import (
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// Sandbox calls take the sandbox's slots, shared by every emulator; real
// calls take their vendor's.
func TestSandboxCallsShareTheirOwnSlots(t *testing.T) {
	l := newVendorLimits(map[models.Vendor]int{models.VendorAPNs: 3}, 2)
	sandboxed := models.Certificate{Vendor: models.VendorAPNs, Environment: models.CertSandbox}
	real := models.Certificate{Vendor: models.VendorAPNs, Environment: models.CertProduction}
	huaweiSandbox := models.Certificate{Vendor: models.VendorHuawei, Environment: models.CertSandbox}
	l.take(sandboxed)
	l.take(huaweiSandbox)
	l.take(real)
	if len(l.sandbox) != 2 || cap(l.sandbox) != 2 || len(l.vendor[models.VendorAPNs]) != 1 || cap(l.vendor[models.VendorAPNs]) != 3 {
		t.Fatalf("sandbox %d/%d, apns %d/%d", len(l.sandbox), cap(l.sandbox), len(l.vendor[models.VendorAPNs]), cap(l.vendor[models.VendorAPNs]))
	}
	if cap(l.vendor[models.VendorHuawei]) != DefaultConcurrency || cap(newVendorLimits(nil, 0).sandbox) != DefaultSandboxConcurrency {
		t.Fatal("defaults not applied")
	}
	l.give(sandboxed)
	l.give(real)
	if len(l.sandbox) != 1 || len(l.vendor[models.VendorAPNs]) != 0 {
		t.Fatal("slots not given back")
	}
}
