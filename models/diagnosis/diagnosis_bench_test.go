package diagnosis_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/diagnosis"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/all"
)

// The verdict must stay instant among many devices and deliveries: four
// indexed reads whatever the table sizes. Run with
//
//	go test -run '^$' -bench Diagnose ./models/diagnosis/
//
// (and PUSHCHECK_TEST_DATABASE_URL set for PostgreSQL).
func BenchmarkDiagnose(b *testing.B) {
	ctx := context.Background()
	s := storagetest.Open(b)
	app, err := s.CreateApp(ctx, "bench")
	if err != nil {
		b.Fatal(err)
	}
	registry, err := all.Registry(vendors.NewClientFactory(vendors.ClientConfig{}), nil)
	if err != nil {
		b.Fatal(err)
	}
	var certs []int64
	for _, v := range models.AllVendors() {
		c, err := s.CreateCertificate(ctx, models.Certificate{AppID: app.ID, Vendor: v, Name: string(v), Environment: models.CertSandbox,
			Settings: models.CertificateSettings{Category: "IM", ChannelID: "im"}})
		if err != nil {
			b.Fatal(err)
		}
		certs = append(certs, c.ID)
	}
	now := time.Now().UTC()
	const users = 2000 // three devices each: 6000 devices
	for i := 0; i < users*3; i++ {
		v := models.AllVendors()[2+i%6]
		reg := models.Registration{UserID: fmt.Sprintf("u%d", i/3), Platform: models.PlatformAndroid, Vendor: v, Token: fmt.Sprintf("tok-%d", i),
			CertificateID: &certs[2+i%6]}
		if _, err := s.RegisterDevice(ctx, app.ID, fmt.Sprintf("d%d", i), reg, now); err != nil {
			b.Fatal(err)
		}
	}
	day := models.QuotaDay(models.VendorOPPO, now)
	for _, id := range certs {
		if err := s.CountAccepted(ctx, id, day, models.ClassService); err != nil {
			b.Fatal(err)
		}
	}
	d := diagnosis.NewDiagnoser(s, registry, 10*time.Minute)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v, err := d.Diagnose(ctx, app.ID, fmt.Sprintf("u%d", i%users), models.MissedMessage{}, now)
		if err != nil || len(v.Devices) != 3 {
			b.Fatalf("%v %+v", err, v)
		}
	}
}
