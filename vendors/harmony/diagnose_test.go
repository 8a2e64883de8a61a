package harmony

import (
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

func diagnose(dev models.Device, c models.Certificate) map[string]models.Check {
	ch := new(Channel)
	in := models.DiagnosisInput{Device: dev, Certificate: &c, Now: time.Now()}
	in.Class = ch.Class(vendors.Message{}, c)
	out := map[string]models.Check{}
	for _, k := range ch.Diagnose(in) {
		out[k.ID] = k
	}
	return out
}

func TestDiagnoseChecksVersionRightsAndReceipts(t *testing.T) {
	dev := models.Device{Platform: models.PlatformHarmony, Vendor: models.VendorHarmony, OSVersion: "5.0.1"}
	c := testCert(7)
	c.Settings.ReceiptID = "RCP1"
	ok := diagnose(dev, c)
	for _, id := range []string{"harmony_next", "message_class", "call_right", "receipts", "device_cap"} {
		if ok[id].Status != models.CheckPass {
			t.Errorf("%s on a well set-up NEXT phone: %+v", id, ok[id])
		}
	}
	for _, tc := range []struct {
		name   string
		os     string
		edit   func(*models.Certificate)
		id     string
		status models.CheckStatus
		text   string
	}{
		{"HarmonyOS 4.2", "HarmonyOS 4.2.0", nil, "harmony_next", models.CheckFail, "vendor huawei"},
		{"no os_version", "", nil, "harmony_next", models.CheckWarn, "os_version"},
		{"IM not granted", "5.0.1", func(c *models.Certificate) { c.Settings.Categories = []string{"VOIP"} }, "message_class", models.CheckWarn, "MARKETING"},
		{"no default category", "5.0.1", func(c *models.Certificate) { c.Settings.Category = "" }, "message_class", models.CheckWarn, "MARKETING"},
		// Without the call right, only calls fail: the missed call's
		// verdict is in TestDiagnoseFailsAMissedCallWithoutTheCallRight.
		{"no call right", "5.0.1", func(c *models.Certificate) { c.Settings.CallRight = false }, "call_right", models.CheckPass, "noPushTypeRight"},
		{"no receipt configuration", "5.0.1", func(c *models.Certificate) { c.Settings.ReceiptID = "" }, "receipts", models.CheckWarn, "V2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, cert := dev, c
			d.OSVersion = tc.os
			if tc.edit != nil {
				tc.edit(&cert)
			}
			k := diagnose(d, cert)[tc.id]
			if k.Status != tc.status || !strings.Contains(k.Evidence+" "+k.Fix, tc.text) || k.Fix == "" {
				t.Fatalf("%+v", k)
			}
		})
	}
}

func TestDiagnoseFailsAMissedCallWithoutTheCallRight(t *testing.T) {
	c := testCert(7)
	c.Settings.CallRight = false
	dev := models.Device{Platform: models.PlatformHarmony, Vendor: models.VendorHarmony, OSVersion: "5.0.1"}
	checks := (&Channel{}).Diagnose(models.DiagnosisInput{Device: dev, Certificate: &c, Message: models.MissedMessage{Type: "call"}})
	for _, k := range checks {
		if k.ID == "call_right" {
			if k.Status != models.CheckFail || !strings.Contains(k.Fix, "call right") {
				t.Fatalf("%+v", k)
			}
			return
		}
	}
	t.Fatal("no call_right check")
}
