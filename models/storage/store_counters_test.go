package storage_test

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

// countedByHand counts the app's devices row by row, as CountDevices did
// before counters: the truth the counters are checked against.
func countedByHand(t *testing.T, s *storage.Store, appID int64, f models.DeviceFilter) models.DeviceCounts {
	t.Helper()
	f.Vendor, f.State, f.Limit, f.Before = "", "", 1<<20, 0
	page, err := s.ListDevices(context.Background(), appID, f)
	if err != nil {
		t.Fatal(err)
	}
	c := models.DeviceCounts{ByVendor: map[models.Vendor]int64{}, ByState: map[string]int64{}}
	for _, d := range page.Devices {
		state := string(d.State)
		if d.State == models.StateForeground && d.LastSeenAt.Before(f.StaleBefore) {
			state = models.StateFilterStale
		}
		c.Total++
		c.ByVendor[d.Vendor]++
		c.ByState[state]++
	}
	return c
}

// checkCounts compares CountDevices with the rows, for the whole app and
// within each platform and certificate.
func checkCounts(t *testing.T, s *storage.Store, appID int64, staleBefore time.Time, step string) {
	t.Helper()
	filters := []models.DeviceFilter{{}}
	for _, p := range models.AllPlatforms() {
		filters = append(filters, models.DeviceFilter{Platform: p})
	}
	for _, cert := range []int64{10001, 10002, 15518} {
		filters = append(filters, models.DeviceFilter{CertificateID: cert}, models.DeviceFilter{CertificateID: cert, Platform: models.PlatformAndroid})
	}
	for _, f := range filters {
		f.StaleBefore = staleBefore
		got, err := s.CountDevices(context.Background(), appID, f)
		if err != nil {
			t.Fatal(err)
		}
		want := countedByHand(t, s, appID, f)
		if got.Total != want.Total || !maps.Equal(nonZero(got.ByVendor), want.ByVendor) || !maps.Equal(nonZero(got.ByState), want.ByState) {
			t.Fatalf("%s, filter %+v: counters say %d %v %v, rows say %d %v %v", step, f,
				got.Total, got.ByVendor, got.ByState, want.Total, want.ByVendor, want.ByState)
		}
		if got.TotalAtLeast || got.VendorAtLeast || len(nonZero(got.StateAtLeast)) > 0 {
			t.Fatalf("%s: a handful of devices counted as lower bounds: %+v", step, got)
		}
	}
}

func nonZero[K comparable, V comparable](m map[K]V) map[K]V {
	var zero V
	out := map[K]V{}
	for k, v := range m {
		if v != zero {
			out[k] = v
		}
	}
	return out
}

func androidReg(user string, vendor models.Vendor, cert int64, token string) models.Registration {
	return models.Registration{UserID: user, Platform: models.PlatformAndroid, Vendor: vendor, Token: token,
		CertificateID: &cert, Model: "Pixel", OSVersion: "14"}
}

func TestDeviceCountersStayExact(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	app := newApp(t, s)
	other := newApp(t, s) // its devices never show in the first app's counts
	t0 := time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC)
	window := 10 * time.Minute
	must := func(_ models.Device, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	mustState := func(_ models.DeviceState, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.RegisterDevice(ctx, app.ID, "iphone", iosReg("alice"), t0))
	must(s.RegisterDevice(ctx, app.ID, "pixel", androidReg("alice", models.VendorFCM, 10002, "dX3abc:1"), t0))
	must(s.RegisterDevice(ctx, app.ID, "mate", androidReg("bob", models.VendorHuawei, 15518, "IQAAAA1"), t0))
	must(s.RegisterDevice(ctx, other.ID, "iphone", iosReg("alice"), t0))
	noCert := androidReg("carol", models.VendorXiaomi, 0, "mi-1")
	noCert.CertificateID = nil
	must(s.RegisterDevice(ctx, app.ID, "redmi", noCert, t0))
	checkCounts(t, s, app.ID, t0.Add(-window), "registered")
	checkCounts(t, s, app.ID, t0.Add(time.Minute), "registered, all stale")

	// The same device re-registers with another vendor and certificate (a
	// ROM update moves it from FCM to Honor), then only refreshes.
	must(s.RegisterDevice(ctx, app.ID, "pixel", androidReg("alice", models.VendorHonor, 15518, "honor-1"), t0.Add(time.Minute)))
	checkCounts(t, s, app.ID, t0, "re-registered with another vendor")
	must(s.RegisterDevice(ctx, app.ID, "pixel", androidReg("alice", models.VendorHonor, 15518, "honor-1"), t0.Add(2*time.Minute)))
	must(s.RegisterDevice(ctx, app.ID, "redmi", androidReg("carol", models.VendorXiaomi, 10002, "mi-1"), t0.Add(2*time.Minute)))
	checkCounts(t, s, app.ID, t0, "refreshed, certificate added")

	unread := 3
	mustState(s.ReportState(ctx, app.ID, "iphone", models.StateReport{State: models.StateBackground, Unread: &unread}, t0.Add(3*time.Minute)))
	mustState(s.ReportState(ctx, app.ID, "mate", models.StateReport{State: models.StateBackground}, t0.Add(3*time.Minute)))
	mustState(s.ReportState(ctx, app.ID, "mate", models.StateReport{State: models.StateForeground}, t0.Add(4*time.Minute)))
	mustState(s.ReportState(ctx, app.ID, "mate", models.StateReport{State: models.StateForeground}, t0.Add(5*time.Minute)))
	checkCounts(t, s, app.ID, t0.Add(4*time.Minute+30*time.Second), "state changes")

	mustState(s.LogoutDevice(ctx, app.ID, "iphone", models.LogoutReport{}, t0.Add(6*time.Minute)))
	mustState(s.LogoutDevice(ctx, app.ID, "redmi", models.LogoutReport{Reason: "kicked"}, t0.Add(6*time.Minute)))
	checkCounts(t, s, app.ID, t0.Add(time.Hour), "logout and kick")
	// Logged out, a device comes back with a registration.
	must(s.RegisterDevice(ctx, app.ID, "iphone", iosReg("bob"), t0.Add(7*time.Minute)))
	checkCounts(t, s, app.ID, t0, "back after logout")

	if err := s.DeleteDevice(ctx, app.ID, "mate"); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkTokenDead(ctx, app.ID, "pixel", "Unregistered", t0.Add(8*time.Minute)); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, s, app.ID, t0.Add(5*time.Minute), "deleted")
	checkCounts(t, s, other.ID, t0.Add(5*time.Minute), "the other app")
}

// Concurrent reports (alternating foreground and background on the same
// counter keys) neither lose an update nor wait on each other forever.
func TestDeviceCountersUnderConcurrentReports(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	app := newApp(t, s)
	t0 := time.Now().UTC().Add(-time.Hour)
	const devices, reports = 16, 12
	for i := range devices {
		if _, err := s.RegisterDevice(ctx, app.ID, fmt.Sprintf("d%d", i), iosReg(fmt.Sprintf("u%d", i)), t0); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, devices)
	for i := range devices {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range reports {
				state := models.StateBackground
				if (i+r)%2 == 1 {
					state = models.StateForeground
				}
				if _, err := s.ReportState(ctx, app.ID, fmt.Sprintf("d%d", i), models.StateReport{State: state}, t0.Add(time.Duration(r)*time.Second)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	checkCounts(t, s, app.ID, t0, "after concurrent reports")
}

// cloneDevices copies a registered device n times in one statement, so
// that a test reaches the counting cap without ten thousand registrations;
// the counter triggers fire for every row.
func cloneDevices(t *testing.T, s *storage.Store, appID int64, template, prefix string, n int) {
	t.Helper()
	sql := fmt.Sprintf(`WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < %d)
		INSERT INTO devices (app_id, device_id, user_id, platform, vendor, token, certificate_id, state, state_since, registered_at, last_seen_at, created_at)
		SELECT app_id, '%s' || i, user_id, platform, vendor, token || i, certificate_id, state, state_since, registered_at, last_seen_at, created_at
		FROM devices, seq WHERE app_id = %d AND device_id = '%s'`, n, prefix, appID, template)
	if err := s.Exec(context.Background(), sql); err != nil {
		t.Fatal(err)
	}
}

func TestDeviceCountsStopAtTheCap(t *testing.T) {
	if testing.Short() {
		t.Skip("inserts thousands of devices")
	}
	// Each batch of clones passes both caps, and numbers 2200-2299 for the
	// narrow search below.
	const clones = 2300
	if clones <= models.DeviceCountCap || clones <= models.SearchCountCap {
		t.Fatalf("the clone batches (%d) must pass the caps", clones)
	}
	ctx := context.Background()
	s := storagetest.Open(t)
	app := newApp(t, s)
	now := time.Now().UTC()
	staleBefore := now.Add(-10 * time.Minute)
	if _, err := s.RegisterDevice(ctx, app.ID, "stale", iosReg("crowd"), now.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RegisterDevice(ctx, app.ID, "fresh", iosReg("crowd"), now); err != nil {
		t.Fatal(err)
	}
	cloneDevices(t, s, app.ID, "stale", "stale-", clones)
	cloneDevices(t, s, app.ID, "fresh", "fresh-", 20)

	// Stale devices pass the cap; fresh ones do not, and give stale's
	// exact number by difference from the counters' foreground total.
	c, err := s.CountDevices(ctx, app.ID, models.DeviceFilter{StaleBefore: staleBefore})
	if err != nil {
		t.Fatal(err)
	}
	total := int64(clones + 22)
	if c.Total != total || c.ByState["stale"] != clones+1 || c.ByState["foreground"] != 21 ||
		c.TotalAtLeast || len(nonZero(c.StateAtLeast)) > 0 {
		t.Fatalf("stale past the cap: %+v", c)
	}

	// Fresh past the cap too: both are lower bounds; totals stay exact.
	cloneDevices(t, s, app.ID, "fresh", "more-fresh-", clones)
	c, err = s.CountDevices(ctx, app.ID, models.DeviceFilter{StaleBefore: staleBefore})
	if err != nil {
		t.Fatal(err)
	}
	total += clones
	if c.Total != total || c.ByVendor[models.VendorAPNs] != total || c.TotalAtLeast || c.VendorAtLeast ||
		c.ByState["stale"] != models.DeviceCountCap || !c.StateAtLeast["stale"] ||
		c.ByState["foreground"] != models.DeviceCountCap || !c.StateAtLeast["foreground"] {
		t.Fatalf("both past the cap: %+v", c)
	}

	// A search matching more than the cap: every number a lower bound.
	c, err = s.CountDevices(ctx, app.ID, models.DeviceFilter{Query: "crowd", StaleBefore: staleBefore})
	if err != nil {
		t.Fatal(err)
	}
	if c.Total != models.SearchCountCap || !c.TotalAtLeast || !c.VendorAtLeast || c.ByVendor[models.VendorAPNs] != models.SearchCountCap {
		t.Fatalf("search past the cap: %+v", c)
	}
	// A search matching fewer is exact: the clones numbered 22, 220-229
	// and 2200-2299 of the stale batch and of the second fresh one.
	c, err = s.CountDevices(ctx, app.ID, models.DeviceFilter{Query: strings.ToUpper(apnsToken) + "22", StaleBefore: staleBefore})
	if err != nil {
		t.Fatal(err)
	}
	if c.TotalAtLeast || c.Total != 222 || c.ByState["stale"] != 111 || c.ByState["foreground"] != 111 || len(nonZero(c.StateAtLeast)) > 0 {
		t.Fatalf("narrow search: %+v", c)
	}
}

// Migration 8 counts the devices and deliveries an older release wrote.
func TestCountersAreBackfilled(t *testing.T) {
	ctx := context.Background()
	s := openUnmigrated(t)
	if err := s.MigrateTo(ctx, 7); err != nil {
		t.Fatal(err)
	}
	app := newApp(t, s)
	t0 := time.Now().UTC().Add(-time.Hour)
	// Today's registrations and state reports write later columns: the
	// devices are written as v7 did.
	for i, reg := range []models.Registration{iosReg("alice"), iosReg("bob"), androidReg("bob", models.VendorHuawei, 15518, "IQAAAA1")} {
		state := "foreground"
		if i == 1 {
			state = "background"
		}
		at := t0.Format("2006-01-02 15:04:05")
		if err := s.Exec(ctx, fmt.Sprintf(`INSERT INTO devices (app_id, device_id, user_id, platform, vendor, token, certificate_id, state, state_since, registered_at, last_seen_at, created_at)
			VALUES (%d, 'd%d', '%s', '%s', '%s', '%s', %d, '%s', '%s', '%s', '%s', '%s')`,
			app.ID, i, reg.UserID, reg.Platform, reg.Vendor, reg.Token, *reg.CertificateID, state, at, at, at, at)); err != nil {
			t.Fatal(err)
		}
	}
	// And a push as v7 wrote it: one delivery answered, one queued.
	at := t0.Format("2006-01-02 15:04:05")
	if err := s.Exec(ctx, fmt.Sprintf(`INSERT INTO pushes (app_id, operator_id, operator_email, target, mode, dry_run, message, created_at)
		VALUES (%d, 0, 'qa@example.com', 'devices', 'force', FALSE, '{}', '%s')`, app.ID, at)); err != nil {
		t.Fatal(err)
	}
	for i, st := range []struct{ status, stage string }{{"accepted", "accepted"}, {"sending", "queued"}} {
		if err := s.Exec(ctx, fmt.Sprintf(`INSERT INTO deliveries (id, push_id, app_id, device_pk, device_id, user_id, vendor, certificate_id, status, created_at, stage, stage_rank, stage_at)
			VALUES ('dlv_%[1]d', (SELECT MAX(id) FROM pushes WHERE app_id = %[2]d), %[2]d, %[3]d, 'd%[1]d', 'u', 'vivo', 10001, '%[4]s', '%[5]s', '%[6]s', %[7]d, '%[8]s')`,
			i, app.ID, i+1, st.status, at, st.stage, models.Stage(st.stage).Rank(), at)); err != nil {
			t.Fatal(err)
		}
	}

	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	pushes, err := s.PushHistory(ctx, app.ID, models.PushFilter{Limit: 1}, time.Now())
	if err != nil || len(pushes) != 1 {
		t.Fatalf("%+v %v", pushes, err)
	}
	p := pushes[0]
	checkCounts(t, s, app.ID, t0.Add(time.Minute), "backfilled")
	if sum := checkSummary(t, s, app.ID, p.ID, time.Now(), "backfilled"); sum.Total != 2 {
		t.Fatalf("backfilled push: %+v", sum)
	}
}
