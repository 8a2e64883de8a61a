package storage_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

func newApp(t *testing.T, s *storage.Store) models.App {
	t.Helper()
	app, err := s.CreateApp(context.Background(), "Demo IM")
	if err != nil {
		t.Fatal(err)
	}
	return app
}

func ptr[T any](v T) *T { return &v }

const apnsToken = "4f2a000000000000000000000000000000000000000000000000000000009c1e"

func iosReg(user string) models.Registration {
	return models.Registration{UserID: user, Platform: models.PlatformIOS, Vendor: models.VendorAPNs,
		Token: strings.ToUpper(apnsToken), CertificateID: ptr(int64(10001)), Environment: models.EnvProduction,
		Model: "iPhone 15", OSVersion: "18.2", NotificationsEnabled: ptr(true)}
}

func kinds(events []models.DeviceEvent) string {
	var k []string
	for i := len(events) - 1; i >= 0; i-- { // oldest first reads better in failures
		k = append(k, string(events[i].Kind))
	}
	return strings.Join(k, ",")
}

func TestRegisterRefreshMoveAndTimeline(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	app := newApp(t, s)
	t0 := time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC)

	d, err := s.RegisterDevice(ctx, app.ID, "iphone-1", iosReg("alice"), t0)
	if err != nil {
		t.Fatal(err)
	}
	if d.Token != apnsToken || d.State != models.StateForeground || !d.RegisteredAt.Equal(t0) {
		t.Fatalf("registered device = %+v", d)
	}
	// An identical refresh only moves last-seen.
	if _, err := s.RegisterDevice(ctx, app.ID, "iphone-1", iosReg("alice"), t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	// New token and certificate, then moved to bob.
	reg := iosReg("alice")
	reg.Token = strings.Repeat("ab", 32)
	reg.CertificateID = ptr(int64(10002))
	if _, err := s.RegisterDevice(ctx, app.ID, "iphone-1", reg, t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	reg.UserID = "bob"
	d, err = s.RegisterDevice(ctx, app.ID, "iphone-1", reg, t0.Add(3*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if d.UserID != "bob" || !d.LastSeenAt.Equal(t0.Add(3*time.Minute)) {
		t.Fatalf("after move: %+v", d)
	}
	events, err := s.DeviceTimeline(ctx, d.ID, 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := kinds(events), "registered,token_changed,certificate_changed,moved_away,moved_in"; got != want {
		t.Fatalf("timeline = %s, want %s", got, want)
	}
	moved, err := s.DevicesMovedAway(ctx, app.ID, "alice", 5)
	if err != nil || len(moved) != 1 || !strings.Contains(moved[0].Detail, "bob") {
		t.Fatalf("moved away from alice = %+v, %v", moved, err)
	}
	if alice, _ := s.DevicesOfUser(ctx, app.ID, "alice"); len(alice) != 0 {
		t.Fatalf("alice still has %d devices", len(alice))
	}
}

func TestStateLogoutAndDelete(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	app := newApp(t, s)
	t0 := time.Now().UTC().Truncate(time.Second)
	if _, err := s.RegisterDevice(ctx, app.ID, "d1", iosReg("alice"), t0); err != nil {
		t.Fatal(err)
	}
	steps := []models.StateReport{
		{State: models.StateBackground, Unread: ptr(3)},
		{State: models.StateBackground, Unread: ptr(4)}, // coalesced
		{State: models.StateForeground},
	}
	var d models.DeviceState
	var err error
	for i, st := range steps {
		if d, err = s.ReportState(ctx, app.ID, "d1", st, t0.Add(time.Duration(i+1)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if d.State != models.StateForeground || d.Unread != 4 || !d.StateSince.Equal(t0.Add(3*time.Minute)) {
		t.Fatalf("after reports: %+v", d)
	}
	if d, err = s.LogoutDevice(ctx, app.ID, "d1", models.LogoutReport{Reason: "kicked"}, t0.Add(4*time.Minute)); err != nil || d.State != models.StateKicked {
		t.Fatalf("kick: %+v %v", d, err)
	}
	events, _ := s.DeviceTimeline(ctx, d.ID, 0, 50)
	if got, want := kinds(events), "registered,background,foreground,kicked"; got != want {
		t.Fatalf("timeline = %s, want %s", got, want)
	}
	if !strings.Contains(events[2].Detail, "3 unread") {
		t.Fatalf("background event detail = %q", events[2].Detail)
	}
	// Registering again after a kick is a fresh binding.
	if again, err := s.RegisterDevice(ctx, app.ID, "d1", iosReg("alice"), t0.Add(5*time.Minute)); err != nil || again.State != models.StateForeground {
		t.Fatalf("re-register: %+v %v", again, err)
	}
	if _, err := s.ReportState(ctx, app.ID, "nope", steps[0], t0); !models.IsNotFound(err) {
		t.Fatalf("state of unknown device: %v", err)
	}
	if err := s.DeleteDevice(ctx, app.ID, "d1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeviceByDeviceID(ctx, app.ID, "d1"); !models.IsNotFound(err) {
		t.Fatalf("deleted device still found: %v", err)
	}
	if events, _ := s.DeviceTimeline(ctx, d.ID, 0, 50); len(events) != 0 {
		t.Fatalf("timeline survived delete: %d events", len(events))
	}
}

func TestRejectedRegistrationWritesNothing(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	app := newApp(t, s)
	cases := []struct {
		name  string
		edit  func(*models.Registration)
		field string
	}{
		{"unknown vendor", func(r *models.Registration) { r.Vendor = "nokia" }, "vendor"},
		{"apns on android", func(r *models.Registration) { r.Platform = models.PlatformAndroid }, "vendor"},
		{"apns token not hex", func(r *models.Registration) { r.Token = "<4f2a 9c1e>" }, "token"},
		{"apns token base64", func(r *models.Registration) {
			r.Token = "T2ZmbGluZVB1c2hUb2tlbkJhc2U2NEVuY29kZWRGb3JUZXN0aW5nUHVycG9zZXM="
		}, "token"},
		{"empty token", func(r *models.Registration) { r.Token = "" }, "token"},
		{"no user", func(r *models.Registration) { r.UserID = "" }, "user_id"},
		{"bad platform", func(r *models.Registration) { r.Platform = "symbian" }, "platform"},
		{"zero certificate", func(r *models.Registration) { r.CertificateID = ptr(int64(0)) }, "certificate_id"},
		{"bad environment", func(r *models.Registration) { r.Environment = "staging" }, "environment"},
		{"long model", func(r *models.Registration) { r.Model = strings.Repeat("x", 200) }, "model"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			reg := iosReg("alice")
			c.edit(&reg)
			_, err := s.RegisterDevice(ctx, app.ID, "d1", reg, time.Now())
			e, ok := models.AsError(err)
			if !ok || e.Code != models.CodeInvalid || e.Field != c.field {
				t.Fatalf("err = %v, want invalid %s", err, c.field)
			}
		})
	}
	if _, err := s.RegisterDevice(ctx, app.ID, "bad/id", iosReg("alice"), time.Now()); models.ErrorCode(err) != models.CodeInvalid {
		t.Fatalf("bad device id: %v", err)
	}
	page, err := s.ListDevices(ctx, app.ID, models.DeviceFilter{})
	if err != nil || len(page.Devices) != 0 {
		t.Fatalf("rejected registrations wrote %d devices (%v)", len(page.Devices), err)
	}
}

func TestListFiltersPaginationAndCounts(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	app := newApp(t, s)
	other := newApp(t, s)
	now := time.Now().UTC()
	window := 10 * time.Minute
	android := func(user, vendor, token string) models.Registration {
		return models.Registration{UserID: user, Platform: models.PlatformAndroid, Vendor: models.Vendor(vendor), Token: token, CertificateID: ptr(int64(15518))}
	}
	mustRegister := func(appID int64, id string, r models.Registration, at time.Time) {
		t.Helper()
		if _, err := s.RegisterDevice(ctx, appID, id, r, at); err != nil {
			t.Fatal(err)
		}
	}
	mustRegister(app.ID, "ios", iosReg("alice"), now)                                        // fresh foreground
	mustRegister(app.ID, "oppo", android("alice", "oppo", "CN_8d1234"), now.Add(-time.Hour)) // stale foreground
	mustRegister(app.ID, "mi", android("bob", "xiaomi", "mi-token-1"), now)                  // → background
	mustRegister(app.ID, "fcm", android("carol", "fcm", "dX3abc:k9"), now)                   // → logged out
	mustRegister(other.ID, "elsewhere", android("alice", "oppo", "CN_8dffff"), now)          // other app
	if _, err := s.ReportState(ctx, app.ID, "mi", models.StateReport{State: models.StateBackground}, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LogoutDevice(ctx, app.ID, "fcm", models.LogoutReport{}, now); err != nil {
		t.Fatal(err)
	}
	ids := func(f models.DeviceFilter) string {
		t.Helper()
		f.StaleBefore = now.Add(-window)
		page, err := s.ListDevices(ctx, app.ID, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range page.Devices {
			out = append(out, d.DeviceID)
		}
		return strings.Join(out, ",")
	}
	for _, c := range []struct {
		f    models.DeviceFilter
		want string
	}{
		{models.DeviceFilter{}, "fcm,mi,oppo,ios"},
		{models.DeviceFilter{Vendor: models.VendorOPPO}, "oppo"},
		{models.DeviceFilter{State: "stale"}, "oppo"},
		{models.DeviceFilter{State: "foreground"}, "ios"},
		{models.DeviceFilter{State: "logged_out"}, "fcm"},
		{models.DeviceFilter{Platform: models.PlatformIOS}, "ios"},
		{models.DeviceFilter{CertificateID: 15518}, "fcm,mi,oppo"},
		{models.DeviceFilter{Query: "alice"}, "oppo,ios"},
		{models.DeviceFilter{Query: "CN_8d"}, "oppo"},
		{models.DeviceFilter{Query: "4F2A"}, "ios"},
		{models.DeviceFilter{Query: "dX3abc:"}, "fcm"},
		{models.DeviceFilter{Query: "nobody"}, ""},
	} {
		if got := ids(c.f); got != c.want {
			t.Errorf("filter %+v = %q, want %q", c.f, got, c.want)
		}
	}
	// Keyset pages of two, then of the rest.
	page, err := s.ListDevices(ctx, app.ID, models.DeviceFilter{Limit: 2})
	if err != nil || len(page.Devices) != 2 || page.Next == 0 {
		t.Fatalf("first page = %+v, %v", page, err)
	}
	page2, err := s.ListDevices(ctx, app.ID, models.DeviceFilter{Limit: 2, Before: page.Next})
	if err != nil || len(page2.Devices) != 2 || page2.Next != 0 || page2.Devices[0].DeviceID != "oppo" {
		t.Fatalf("second page = %+v, %v", page2, err)
	}
	counts, err := s.CountDevices(ctx, app.ID, models.DeviceFilter{StaleBefore: now.Add(-window)})
	if err != nil {
		t.Fatal(err)
	}
	if counts.Total != 4 || counts.ByVendor[models.VendorOPPO] != 1 || counts.ByState["stale"] != 1 ||
		counts.ByState["foreground"] != 1 || counts.ByState["background"] != 1 || counts.ByState["logged_out"] != 1 {
		t.Fatalf("counts = %+v", counts)
	}
}

// Concurrent reports of one device each see the state the one before left:
// the timeline records every real change once, so its entries alternate
// and the last one is the state the device is in.
func TestConcurrentStateReportsRecordEachChangeOnce(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	app := newApp(t, s)
	now := time.Now().UTC()
	if _, err := s.RegisterDevice(ctx, app.ID, "d1", iosReg("alice"), now); err != nil {
		t.Fatal(err)
	}
	states := []models.State{models.StateBackground, models.StateForeground}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 15 {
				report := models.StateReport{State: states[(w+i)%2]}
				if _, err := s.ReportState(ctx, app.ID, "d1", report, now.Add(time.Duration(i)*time.Millisecond)); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	d, err := s.DeviceByDeviceID(ctx, app.ID, "d1")
	if err != nil {
		t.Fatal(err)
	}
	events, err := s.DeviceTimeline(ctx, d.ID, 0, 500)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(events); i++ {
		if events[i].Kind == events[i+1].Kind {
			t.Fatalf("two %s entries in a row: a change was recorded twice (%s)", events[i].Kind, kinds(events))
		}
	}
	if string(events[0].Kind) != string(d.State) {
		t.Fatalf("newest entry %s, but the device is %s", events[0].Kind, d.State)
	}
}

// Reports arriving together are committed together on PostgreSQL; each
// still gets its own device's answer, and an unknown device its own error.
func TestReportsArrivingTogetherEachGetTheirAnswer(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	app := newApp(t, s)
	now := time.Now().UTC().Truncate(time.Millisecond)
	const n = 40
	for i := range n {
		reg := models.Registration{UserID: fmt.Sprintf("u%d", i), Platform: models.PlatformAndroid, Vendor: models.VendorOPPO, Token: fmt.Sprintf("CN_%d", i)}
		if _, err := s.RegisterDevice(ctx, app.ID, fmt.Sprintf("d%d", i), reg, now); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for i := range n + 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("d%d", i)
			d, err := s.ReportState(ctx, app.ID, id, models.StateReport{State: models.StateBackground, Unread: ptr(i)}, now.Add(time.Second))
			if i == n {
				if !models.IsNotFound(err) {
					t.Errorf("unknown device: %v", err)
				}
				return
			}
			if err != nil || d.DeviceID != id || d.Unread != i || d.State != models.StateBackground || !d.StateSince.Equal(now.Add(time.Second)) {
				t.Errorf("%s: %+v %v", id, d, err)
			}
		}()
	}
	wg.Wait()
	users, err := s.DevicesOfUser(ctx, app.ID, "u7")
	if err != nil || len(users) != 1 || users[0].Unread != 7 || users[0].State != models.StateBackground {
		t.Fatalf("stored: %+v %v", users, err)
	}
}
