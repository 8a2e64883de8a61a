package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

func startPush(t *testing.T, s *storage.Store, appID int64) models.Delivery {
	t.Helper()
	cert := int64(10001)
	_, ds, err := s.StartPush(context.Background(), models.Push{AppID: appID, OperatorEmail: "qa@example.com", Target: "devices:d1", Mode: models.ModeForce},
		[]models.Delivery{{ID: models.NewDeliveryID(), DevicePK: 1, DeviceID: "d1", UserID: "u", Vendor: models.VendorVivo, CertificateID: &cert, Status: models.DeliverySending}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ds[0]
}

// vivoCert is the certificate startPush's deliveries name.
func vivoCert(appID int64) models.Certificate {
	return models.Certificate{ID: 10001, AppID: appID, Vendor: models.VendorVivo}
}

func receipt(items ...models.ReceiptItem) models.ReceiptBatch {
	return models.ReceiptBatch{Items: items, Raw: "{}"}
}

func stageOf(t *testing.T, s *storage.Store, appID int64, d models.Delivery) (models.Stage, []models.Stage) {
	t.Helper()
	_, ds, err := s.PushByID(context.Background(), appID, d.PushID)
	if err != nil {
		t.Fatal(err)
	}
	traces, err := s.TracesOf(context.Background(), []string{d.ID})
	if err != nil {
		t.Fatal(err)
	}
	var trace []models.Stage
	for _, e := range traces[d.ID] {
		trace = append(trace, e.Stage)
	}
	return ds[0].Stage, trace
}

// A receipt can overtake the vendor's answer (the vendor delivers before
// its HTTP reply is processed); the answer must not move the stage back.
func TestStagesNeverMoveBack(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	app, err := s.CreateApp(ctx, "Trace")
	if err != nil {
		t.Fatal(err)
	}
	d := startPush(t, s, app.ID)
	if st, _ := stageOf(t, s, app.ID, d); st != models.StageQueued {
		t.Fatalf("start: %s", st)
	}
	now := time.Now()
	if err := s.MarkSent(ctx, d, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordReceiptBatch(ctx, vivoCert(app.ID), receipt(models.ReceiptItem{DeliveryID: d.ID, Stage: models.StageDelivered, At: now.Add(10 * time.Millisecond)}), now); err != nil {
		t.Fatal(err)
	}
	// The answer came before the receipt but is written after it: it keeps
	// its own time, and the trace its order.
	answered := now.Add(5 * time.Millisecond)
	d.Status, d.FinishedAt = models.DeliveryAccepted, &answered
	if err := s.FinishDelivery(ctx, d); err != nil {
		t.Fatal(err)
	}
	st, trace := stageOf(t, s, app.ID, d)
	if st != models.StageDelivered || fmt.Sprint(trace) != "[queued sent accepted delivered]" {
		t.Fatalf("after a receipt that overtook the answer: %s %v", st, trace)
	}
	if _, ds, err := s.PushByID(ctx, app.ID, d.PushID); err != nil || ds[0].FinishedAt == nil || ds[0].FinishedAt.Sub(answered).Abs() > time.Microsecond {
		t.Fatalf("the answer's time: %v (%v), want %v", ds[0].FinishedAt, err, answered)
	}
	// A note (an undocumented receipt type) joins the trace only.
	if _, err := s.RecordReceiptBatch(ctx, vivoCert(app.ID), receipt(models.ReceiptItem{DeliveryID: d.ID, Stage: models.StageNote, At: now}), now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ack(ctx, app.ID, d.ID, models.StageClicked, now.Add(time.Second), `{}`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ack(ctx, app.ID, d.ID, models.StageReceived, now.Add(500*time.Millisecond), `{}`); err != nil {
		t.Fatal(err)
	}
	if st, trace := stageOf(t, s, app.ID, d); st != models.StageClicked || len(trace) != 7 {
		t.Fatalf("after acks out of order: %s %v", st, trace)
	}
	if _, err := s.Ack(ctx, app.ID+1, d.ID, models.StageClicked, now, `{}`); !models.IsNotFound(err) {
		t.Fatalf("another app's ack: %v", err)
	}
}

func TestHistoryRetention(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	app, err := s.CreateApp(ctx, "Retention")
	if err != nil {
		t.Fatal(err)
	}
	old := startPush(t, s, app.ID)
	if _, err := s.RecordReceiptBatch(ctx, vivoCert(app.ID), receipt(models.ReceiptItem{MessageID: "foreign", Stage: models.StageDelivered, At: time.Now()}), time.Now()); err != nil {
		t.Fatal(err)
	}
	cutoff := time.Now().Add(time.Second)
	time.Sleep(1100 * time.Millisecond)
	kept := startPush(t, s, app.ID)
	pushes, receipts, err := s.DeleteHistoryBefore(ctx, cutoff)
	if err != nil || pushes != 1 || receipts != 1 {
		t.Fatalf("deleted %d pushes, %d receipts: %v", pushes, receipts, err)
	}
	if _, _, err := s.PushByID(ctx, app.ID, old.PushID); !models.IsNotFound(err) {
		t.Fatalf("old push: %v", err)
	}
	if st, trace := stageOf(t, s, app.ID, kept); st != models.StageQueued || len(trace) != 1 {
		t.Fatalf("kept push: %s %v", st, trace)
	}
	traces, err := s.TracesOf(ctx, []string{old.ID})
	if err != nil || len(traces[old.ID]) != 0 {
		t.Fatalf("old trace: %v %v", traces, err)
	}
}
