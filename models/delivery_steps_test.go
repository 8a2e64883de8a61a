package models_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

func stages(trace []models.DeliveryEvent) string {
	var out []string
	for _, e := range trace {
		out = append(out, string(e.Stage))
	}
	return strings.Join(out, ",")
}

// A receipt stamped by the vendor's clock to the millisecond can read a
// little earlier than the answer pushcheck timed; it still follows the
// answer it reports on. An answer pushcheck gives itself long after
// (interrupted) does not hold a receipt back.
func TestAReceiptNeverGoesBeforeTheVendorsAnswer(t *testing.T) {
	created := time.Date(2026, 12, 2, 10, 37, 21, 0, time.UTC)
	sent := created.Add(5 * time.Millisecond)
	answered := sent.Add(8*time.Millisecond + 400*time.Microsecond)
	d := models.Delivery{ID: "d1", Status: models.DeliveryAccepted, CreatedAt: created, SentAt: &sent, FinishedAt: &answered}
	receipt := models.DeliveryEvent{DeliveryID: &d.ID, Stage: models.StageDelivered, Source: models.SourceReceipt,
		At: answered.Truncate(time.Millisecond)}
	ack := models.DeliveryEvent{DeliveryID: &d.ID, Stage: models.StageClicked, Source: models.SourceDevice, At: answered.Add(time.Second)}
	if got := stages(models.InOrder(append(d.OwnSteps(), receipt, ack))); got != "queued,sent,accepted,delivered,clicked" {
		t.Fatalf("trace = %s", got)
	}

	d.Status = models.DeliveryInterrupted
	later := answered.Add(15 * time.Minute)
	d.FinishedAt = &later
	if got := stages(models.InOrder(append(d.OwnSteps(), receipt))); got != "queued,sent,delivered,interrupted" {
		t.Fatalf("interrupted trace = %s", got)
	}
}
