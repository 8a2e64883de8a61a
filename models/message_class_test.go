package models

import (
	"testing"
	"time"
)

// A vendor's time of day names its zone: Beijing time beside UTC for the
// Chinese vendors, never a bare "14:03" next to UTC times.
func TestVendorClockNamesTheZone(t *testing.T) {
	at := time.Date(2026, 11, 21, 6, 3, 0, 0, time.UTC)
	if got, want := VendorClock(VendorOPPO, at), "14:03 Beijing time (06:03 UTC)"; got != want {
		t.Errorf("OPPO: %q, want %q", got, want)
	}
	if got, want := VendorClock(VendorAPNs, at.In(time.FixedZone("CST", 8*3600))), "06:03 UTC"; got != want {
		t.Errorf("APNs: %q, want %q", got, want)
	}
}
