package storage_test

import (
	"context"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

// historyPush records a push of the deliveries, each named by device ID.
func historyPush(t *testing.T, s *storage.Store, appID int64, operator string, groupID *int64, ds ...models.Delivery) (models.Push, []models.Delivery) {
	t.Helper()
	for i := range ds {
		ds[i].ID = models.NewDeliveryID()
		if ds[i].Status == "" {
			ds[i].Status = models.DeliverySending
		}
	}
	p, out, err := s.StartPush(context.Background(), models.Push{AppID: appID, OperatorEmail: operator, GroupID: groupID, Target: "devices", Mode: models.ModeForce}, ds, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p, out
}

func delivery(device, user string, vendor models.Vendor, cert int64) models.Delivery {
	return models.Delivery{DeviceID: device, UserID: user, Vendor: vendor, CertificateID: &cert}
}

// checkSummary compares a push's summary and progress, read from the
// counters, with its deliveries.
func checkSummary(t *testing.T, s *storage.Store, appID, pushID int64, now time.Time, step string) models.PushSummary {
	t.Helper()
	ctx := context.Background()
	p, ds, err := s.PushByID(ctx, appID, pushID)
	if err != nil {
		t.Fatal(err)
	}
	want, done := map[models.Stage]int{}, 0
	for _, d := range ds {
		st := d.ShownStage(now)
		if st == models.StageSent {
			st = models.StageQueued // the counters count a call in flight as queued
		}
		want[st]++
		if d.Stage.Rank() >= models.StageAccepted.Rank() {
			done++
		}
	}
	sums, err := s.PushHistory(ctx, appID, models.PushFilter{Before: pushID + 1, Limit: 1}, now)
	if err != nil || len(sums) != 1 || sums[0].ID != p.ID {
		t.Fatalf("%s: history = %+v, %v", step, sums, err)
	}
	if !maps.Equal(sums[0].Stages, want) || sums[0].Total != len(ds) {
		t.Fatalf("%s: counters say %v (%d), deliveries say %v (%d)", step, sums[0].Stages, sums[0].Total, want, len(ds))
	}
	progress, err := s.PushProgress(ctx, pushID)
	if err != nil || progress != (models.PushProgress{Done: done, Total: len(ds)}) {
		t.Fatalf("%s: progress = %+v, %v; want %d of %d", step, progress, err, done, len(ds))
	}
	return sums[0]
}

func TestPushStageCountersFollowEveryMove(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	app := newApp(t, s)
	skipped := delivery("d4", "dave", models.VendorVivo, 10001)
	skipped.Status, skipped.Explanation = models.DeliverySkipped, "foreground"
	p, ds := historyPush(t, s, app.ID, "qa@example.com", nil,
		delivery("d1", "alice", models.VendorVivo, 10001), delivery("d2", "bob", models.VendorVivo, 10001),
		delivery("d3", "carol", models.VendorVivo, 10001), skipped)
	now := time.Now()
	if sum := checkSummary(t, s, app.ID, p.ID, now, "started"); sum.Stages[models.StageQueued] != 3 || sum.Stages[models.StageSkipped] != 1 {
		t.Fatalf("started: %+v", sum.Stages)
	}

	if err := s.MarkSent(ctx, ds[0], now); err != nil {
		t.Fatal(err)
	}
	checkSummary(t, s, app.ID, p.ID, now, "sent")
	ds[0].Status = models.DeliveryAccepted
	if err := s.FinishDelivery(ctx, ds[0]); err != nil {
		t.Fatal(err)
	}
	ds[1].Status = models.DeliveryRejected
	if err := s.FinishDelivery(ctx, ds[1]); err != nil {
		t.Fatal(err)
	}
	checkSummary(t, s, app.ID, p.ID, now, "answered")
	// A receipt, an ack, and an ack that comes late (lower than the
	// stage): only real moves count.
	if _, err := s.RecordReceiptBatch(ctx, vivoCert(app.ID), receipt(models.ReceiptItem{DeliveryID: ds[0].ID, Stage: models.StageDelivered, At: now}), now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ack(ctx, app.ID, ds[0].ID, models.StageClicked, now, "{}"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ack(ctx, app.ID, ds[0].ID, models.StageReceived, now, "{}"); err != nil {
		t.Fatal(err)
	}
	sum := checkSummary(t, s, app.ID, p.ID, now, "receipt and acks")
	if sum.Stages[models.StageClicked] != 1 || sum.Stages[models.StageRejected] != 1 || sum.Stages[models.StageQueued] != 1 {
		t.Fatalf("after acks: %+v", sum.Stages)
	}
	// Long after, the unanswered delivery shows as interrupted.
	later := now.Add(models.InterruptedAfter + time.Minute)
	if sum := checkSummary(t, s, app.ID, p.ID, later, "later"); sum.Stages[models.StageInterrupted] != 1 || sum.Stages[models.StageQueued] != 0 {
		t.Fatalf("interrupted: %+v", sum.Stages)
	}

	// Pruned with its push, the counters go too.
	if _, _, err := s.DeleteHistoryBefore(ctx, later); err != nil {
		t.Fatal(err)
	}
	if progress, err := s.PushProgress(ctx, p.ID); err != nil || progress.Total != 0 || progress.Done != 0 {
		t.Fatalf("progress of a pruned push = %+v, %v", progress, err)
	}
}

func TestHistoryFilters(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	app := newApp(t, s)
	other := newApp(t, s)
	if _, err := s.RegisterDevice(ctx, app.ID, "d1", iosReg("alice"), time.Now()); err != nil {
		t.Fatal(err)
	}
	g, err := s.CreateGroup(ctx, app.ID, "matrix", "qa@example.com", []string{"d1"})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	first, ds := historyPush(t, s, app.ID, "qa@example.com", nil, delivery("d1", "alice", models.VendorAPNs, 10001), delivery("d2", "bob", models.VendorHuawei, 15518))
	time.Sleep(5 * time.Millisecond)
	middle := time.Now()
	second, _ := historyPush(t, s, app.ID, "ops@example.com", &g.ID, delivery("d3", "bob", models.VendorHuawei, 15518))
	historyPush(t, s, other.ID, "qa@example.com", nil, delivery("d1", "alice", models.VendorAPNs, 10001))
	ds[0].Status = models.DeliveryAccepted
	if err := s.FinishDelivery(ctx, ds[0]); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	later := now.Add(models.InterruptedAfter + time.Minute)
	for _, c := range []struct {
		name string
		f    models.PushFilter
		now  time.Time
		want []int64
	}{
		{"all", models.PushFilter{}, now, []int64{second.ID, first.ID}},
		{"next page", models.PushFilter{Before: second.ID}, now, []int64{first.ID}},
		{"user", models.PushFilter{UserID: "alice"}, now, []int64{first.ID}},
		{"device", models.PushFilter{DeviceID: "d3"}, now, []int64{second.ID}},
		{"vendor", models.PushFilter{Vendor: models.VendorHuawei}, now, []int64{second.ID, first.ID}},
		{"certificate", models.PushFilter{CertificateID: 10001}, now, []int64{first.ID}},
		{"stage", models.PushFilter{Stage: models.StageAccepted}, now, []int64{first.ID}},
		{"user and stage", models.PushFilter{UserID: "bob", Stage: models.StageAccepted}, now, nil},
		{"not yet interrupted", models.PushFilter{Stage: models.StageInterrupted}, now, nil},
		{"interrupted", models.PushFilter{Stage: models.StageInterrupted}, later, []int64{second.ID, first.ID}},
		{"interrupted of alice", models.PushFilter{Stage: models.StageInterrupted, UserID: "alice"}, later, nil},
		{"operator", models.PushFilter{Operator: "ops@example.com"}, now, []int64{second.ID}},
		{"from", models.PushFilter{From: middle}, now, []int64{second.ID}},
		{"to", models.PushFilter{From: start.Add(-time.Second), To: middle}, now, []int64{first.ID}},
		{"range", models.PushFilter{From: start.Add(-time.Second), To: now.Add(time.Second)}, now, []int64{second.ID, first.ID}},
		{"range, next page", models.PushFilter{From: start.Add(-time.Second), Before: second.ID}, now, []int64{first.ID}},
		{"group", models.PushFilter{GroupID: g.ID}, now, []int64{second.ID}},
	} {
		sums, err := s.PushHistory(ctx, app.ID, c.f, c.now)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, p := range sums {
			got = append(got, p.ID)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: pushes %v, want %v", c.name, got, c.want)
		}
	}
}
