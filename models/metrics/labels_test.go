package metrics

import (
	"strconv"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// The code label stays bounded whatever the vendors answer.
func TestCodeLabelsStayBounded(t *testing.T) {
	c := newCodeLabels()
	for _, tc := range []struct {
		kind       models.AnswerKind
		code, want string
	}{
		{models.AnswerDeadToken, "Unregistered", "Unregistered"},
		{models.AnswerDailyQuota, "33", "33"},
		{models.AnswerAccepted, "", "none"},
		{models.AnswerUnknown, "99999", other},
		{models.AnswerUnknown, "", other},
		{models.AnswerBadRequest, strings.Repeat("x", maxCodeLength+1), other},
		{models.AnswerBadRequest, "\xff\xfe", other},
	} {
		if got := c.label(models.VendorOPPO, tc.kind, tc.code); got != tc.want {
			t.Errorf("%s %q → %q, want %q", tc.kind, tc.code, got, tc.want)
		}
	}
	// Past the cap a new code is "other"; codes already seen keep theirs,
	// and each vendor has its own cap.
	for i := 0; len(c.seen[models.VendorOPPO]) < maxCodesPerVendor; i++ {
		c.label(models.VendorOPPO, models.AnswerTransient, "code-"+strconv.Itoa(i))
	}
	if got := c.label(models.VendorOPPO, models.AnswerTransient, "one-too-many"); got != other {
		t.Errorf("past the cap: %q", got)
	}
	if got := c.label(models.VendorOPPO, models.AnswerDeadToken, "Unregistered"); got != "Unregistered" {
		t.Errorf("a code seen before the cap: %q", got)
	}
	if got := c.label(models.VendorVivo, models.AnswerTransient, "one-too-many"); got != "one-too-many" {
		t.Errorf("another vendor's first code: %q", got)
	}
}

func TestVendorAndStageLabels(t *testing.T) {
	if vendorLabel("xiaomi") != "xiaomi" || vendorLabel("nokia") != other || vendorLabel("") != other {
		t.Error("vendor labels")
	}
	if stageLabel(models.StageDelivered) != "delivered" || stageLabel(models.StageNote) != "note" || stageLabel("teleported") != other {
		t.Error("stage labels")
	}
}

// A nil *Metrics counts nothing and does not panic: services built without
// metrics pass nil.
func TestNilMetricsCountNothing(t *testing.T) {
	var m *Metrics
	m.PushSent(true)
	m.DeliveriesFinished([]models.Delivery{{Vendor: models.VendorAPNs, Status: models.DeliveryAccepted}})
	m.VendorCall(models.VendorAPNs, 1)
	m.ReceiptCallback("xiaomi", "ok")
	m.ReceiptsTaken("xiaomi", []models.ReceiptItem{{Stage: models.StageDelivered}}, models.ReceiptTally{Matched: 1})
	m.Acked(models.VendorAPNs, models.StageClicked)
	m.DeviceReport("register", "ok")
	m.RateLimited("device", "key")
}
