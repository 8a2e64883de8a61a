package storage_test

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

func seedPlan(appID int64, now time.Time) storage.SeedPlan {
	certs := map[models.Vendor]int64{}
	for i, v := range models.AllVendors() {
		certs[v] = 10001 + int64(i)
	}
	// A small batch, so the batching and the push-ID ranges are exercised.
	return storage.SeedPlan{AppID: appID, Devices: 500, Users: 150, Events: 1100, Pushes: 40,
		Certificates: certs, OperatorID: 1, OperatorEmail: "seed@bench.local", Now: now, Batch: 120}
}

func TestSeedScaleWritesTheShapeItPromises(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	app := newApp(t, s)
	now := time.Now().UTC().Truncate(time.Second)
	plan := seedPlan(app.ID, now)
	var lines int
	counts, err := s.SeedScale(ctx, plan, func(string) { lines++ })
	if err != nil {
		t.Fatal(err)
	}
	if counts.Devices != 500 || counts.Events != 1100 || counts.Pushes != 40 {
		t.Fatalf("counts = %+v", counts)
	}
	if counts.Deliveries < 40 || counts.Deliveries > 40*4 || counts.DeliveryEvents < counts.Deliveries {
		t.Fatalf("deliveries = %d, events = %d", counts.Deliveries, counts.DeliveryEvents)
	}
	if lines < 5 {
		t.Errorf("progress called %d times, want one per batch", lines)
	}

	all, err := s.CountDevices(ctx, app.ID, models.DeviceFilter{StaleBefore: now.Add(-10 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != 500 || len(all.ByVendor) != 8 {
		t.Fatalf("counts = %+v, want 500 devices of all eight vendors", all)
	}
	for _, st := range []string{"foreground", "stale", "background", "logged_out"} {
		if all.ByState[st] == 0 {
			t.Errorf("no %s device in %v", st, all.ByState)
		}
	}

	// 500 devices over 150 users: users 1-50 have four, the rest three.
	four, err := s.DevicesOfUser(ctx, app.ID, "u000050")
	if err != nil {
		t.Fatal(err)
	}
	three, err := s.DevicesOfUser(ctx, app.ID, "u000051")
	if err != nil {
		t.Fatal(err)
	}
	if len(four) != 4 || len(three) != 3 {
		t.Fatalf("u000050 has %d devices, u000051 %d", len(four), len(three))
	}
	hex64 := regexp.MustCompile(`^[0-9a-f]{64}$`)
	for _, d := range append(four, three...) {
		checkSeededDevice(t, d, plan, hex64, now)
	}

	d, err := s.DeviceByDeviceID(ctx, app.ID, "d0000007")
	if err != nil {
		t.Fatal(err)
	}
	timeline, err := s.DeviceTimeline(ctx, d.ID, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	// 1100 events over 500 devices: the first 100 devices have three.
	if len(timeline) != 3 || timeline[2].Kind != models.EventRegistered || timeline[0].CreatedAt.Before(timeline[2].CreatedAt) {
		t.Fatalf("timeline of d0000007 = %+v", timeline)
	}

	history, err := s.PushHistory(ctx, app.ID, models.PushFilter{Limit: 100}, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(history) != 40 {
		t.Fatalf("history has %d pushes", len(history))
	}
	var deliveries int
	for _, h := range history {
		_, ds, err := s.PushByID(ctx, app.ID, h.Push.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) < 1 || len(ds) > 5 {
			t.Fatalf("push %d has %d deliveries", h.Push.ID, len(ds))
		}
		for _, dl := range ds {
			if "user:"+dl.UserID != h.Push.Target || dl.CertificateID == nil || *dl.CertificateID != plan.Certificates[dl.Vendor] || dl.StageRank != dl.Stage.Rank() {
				t.Fatalf("delivery %+v of push %+v", dl, h.Push)
			}
		}
		deliveries += len(ds)
	}
	if int64(deliveries) != counts.Deliveries {
		t.Fatalf("pushes list %d deliveries, seed counted %d", deliveries, counts.Deliveries)
	}

	if _, err := s.SeedScale(ctx, plan, func(string) {}); models.ErrorCode(err) != models.CodeConflict {
		t.Fatalf("seeding the same app twice: err = %v, want a conflict", err)
	}
}

func checkSeededDevice(t *testing.T, d models.Device, plan storage.SeedPlan, hex64 *regexp.Regexp, now time.Time) {
	t.Helper()
	wantPlatform := models.PlatformAndroid
	if d.Vendor == models.VendorAPNs {
		wantPlatform = models.PlatformIOS
		if !hex64.MatchString(d.Token) {
			t.Errorf("APNs token %q of %s", d.Token, d.DeviceID)
		}
	}
	if d.Platform != wantPlatform || d.CertificateID == nil || *d.CertificateID != plan.Certificates[d.Vendor] {
		t.Errorf("device %s: platform %s certificate %v for %s", d.DeviceID, d.Platform, d.CertificateID, d.Vendor)
	}
	age := now.Sub(d.LastSeenAt)
	if age < 0 || age > 30*24*time.Hour || d.RegisteredAt.After(d.LastSeenAt) {
		t.Errorf("device %s: registered %v, last seen %v (now %v)", d.DeviceID, d.RegisteredAt, d.LastSeenAt, now)
	}
}
