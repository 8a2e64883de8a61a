package storage_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

func newCertificate(t *testing.T, s *storage.Store, appID int64, v models.Vendor) models.Certificate {
	t.Helper()
	c, err := s.CreateCertificate(context.Background(), models.Certificate{AppID: appID, Vendor: v, Name: string(v), Environment: models.CertSandbox})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Concurrent sends on several connections (PostgreSQL runs this with 20)
// must count every message: the upsert increments in place.
func TestQuotaCountsConcurrentSendsExactly(t *testing.T) {
	s := storagetest.Open(t)
	ctx := context.Background()
	app := newApp(t, s)
	oppo := newCertificate(t, s, app.ID, models.VendorOPPO)
	now := time.Now()
	day := models.QuotaDay(models.VendorOPPO, now)

	const senders, each = 16, 25
	var wg sync.WaitGroup
	errs := make(chan error, senders*each)
	for range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				errs <- s.CountAccepted(ctx, oppo.ID, day, models.ClassMarketing)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	limit := 500
	if err := s.SetQuotaLimits(ctx, app.ID, oppo.ID, map[models.MessageClass]*int{models.ClassMarketing: &limit}, "admin@example.com", now); err != nil {
		t.Fatal(err)
	}
	q, err := s.QuotasToday(ctx, []models.Certificate{oppo}, now)
	if err != nil {
		t.Fatal(err)
	}
	u := q[oppo.ID].Of(models.ClassMarketing)
	if u.Sent != senders*each || u.Limit == nil || *u.Limit != 500 || u.Percent() != 80 || u.Level() != "warn" {
		t.Fatalf("usage = %+v (limit %v), want %d sent of 500 at 80%%", u, u.Limit, senders*each)
	}
	if other := q[oppo.ID].Of(models.ClassService); other.Sent != 0 {
		t.Fatalf("service class counted: %+v", other)
	}
}

func TestOverQuotaKeepsTheFirstAnswerOfTheDay(t *testing.T) {
	s := storagetest.Open(t)
	ctx := context.Background()
	app := newApp(t, s)
	meizu := newCertificate(t, s, app.ID, models.VendorMeizu)
	first := time.Date(2026, 11, 21, 6, 2, 0, 0, time.UTC) // 14:02 in Beijing
	day := models.QuotaDay(models.VendorMeizu, first)
	if err := s.MarkOverQuota(ctx, meizu.ID, day, models.ClassMarketing, "110011", first); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkOverQuota(ctx, meizu.ID, day, models.ClassMarketing, "110019", first.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.CountAccepted(ctx, meizu.ID, day, models.ClassMarketing); err != nil {
		t.Fatal(err)
	}
	q, err := s.QuotasToday(ctx, []models.Certificate{meizu}, first.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	u := q[meizu.ID].Of(models.ClassMarketing)
	if u.ExhaustedAt == nil || !u.ExhaustedAt.Equal(first) || u.ExhaustedCode != "110011" || u.Sent != 1 || u.Level() != "full" {
		t.Fatalf("usage = %+v", u)
	}
	// The next Beijing day starts clean.
	q, err = s.QuotasToday(ctx, []models.Certificate{meizu}, first.Add(18*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(q[meizu.ID].Classes) != 0 {
		t.Fatalf("yesterday's counters shown today: %+v", q[meizu.ID])
	}
}

func TestQuotaDaysFollowTheVendorsZone(t *testing.T) {
	at := time.Date(2026, 11, 21, 17, 30, 0, 0, time.UTC) // 01:30 on the 22nd in Beijing
	if got := models.QuotaDay(models.VendorOPPO, at); got != "2026-11-22" {
		t.Errorf("OPPO day = %s", got)
	}
	if got := models.QuotaDay(models.VendorAPNs, at); got != "2026-11-21" {
		t.Errorf("APNs day = %s", got)
	}
}

func TestQuotaLimitsAreCheckedBeforeAnyIsStored(t *testing.T) {
	s := storagetest.Open(t)
	ctx := context.Background()
	app := newApp(t, s)
	c := newCertificate(t, s, app.ID, models.VendorOPPO)
	good, bad := 100, 0
	err := s.SetQuotaLimits(ctx, app.ID, c.ID, map[models.MessageClass]*int{models.ClassService: &good, models.ClassMarketing: &bad}, "a", time.Now())
	if models.ErrorCode(err) != models.CodeInvalid {
		t.Fatalf("zero quota: %v", err)
	}
	q, err := s.QuotasToday(ctx, []models.Certificate{c}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(q[c.ID].Classes) != 0 {
		t.Fatalf("half-written quotas: %+v", q[c.ID])
	}
	other := newApp(t, s)
	if err := s.SetQuotaLimits(ctx, other.ID, c.ID, map[models.MessageClass]*int{models.ClassService: &good}, "a", time.Now()); !models.IsNotFound(err) {
		t.Fatalf("another app's certificate: %v", err)
	}
}
