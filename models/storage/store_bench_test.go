package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

// The device state report is the hot path: an IM app reports foreground and
// background many times per user per day. Run with
//
//	go test -run '^$' -bench . ./models/
//
// (and PUSHCHECK_TEST_DATABASE_URL set for PostgreSQL).
func BenchmarkReportState(b *testing.B) {
	ctx := context.Background()
	s := storagetest.Open(b)
	app, err := s.CreateApp(ctx, "bench")
	if err != nil {
		b.Fatal(err)
	}
	const devices = 1000
	now := time.Now().UTC()
	for i := 0; i < devices; i++ {
		reg := models.Registration{UserID: fmt.Sprintf("u%d", i), Platform: models.PlatformAndroid, Vendor: models.VendorOPPO, Token: fmt.Sprintf("CN_%d", i)}
		if _, err := s.RegisterDevice(ctx, app.ID, fmt.Sprintf("d%d", i), reg, now); err != nil {
			b.Fatal(err)
		}
	}
	states := []models.State{models.StateBackground, models.StateForeground}
	// Many HTTP clients report at once; model a few per core.
	b.SetParallelism(4)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			unread := i % 7
			report := models.StateReport{State: states[(i/devices)%2], Unread: &unread}
			if _, err := s.ReportState(ctx, app.ID, fmt.Sprintf("d%d", i%devices), report, now); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
}

// BenchmarkDevicesOfUser is the push-check page's main query.
func BenchmarkDevicesOfUser(b *testing.B) {
	ctx := context.Background()
	s := storagetest.Open(b)
	app, err := s.CreateApp(ctx, "bench")
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now().UTC()
	for i := 0; i < 5000; i++ {
		reg := models.Registration{UserID: fmt.Sprintf("u%d", i/3), Platform: models.PlatformAndroid, Vendor: models.VendorXiaomi, Token: fmt.Sprintf("mi-%d", i)}
		if _, err := s.RegisterDevice(ctx, app.ID, fmt.Sprintf("d%d", i), reg, now); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		devices, err := s.DevicesOfUser(ctx, app.ID, fmt.Sprintf("u%d", i%1600))
		if err != nil || len(devices) != 3 {
			b.Fatalf("%d devices, %v", len(devices), err)
		}
	}
}
