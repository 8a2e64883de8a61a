package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

// The scrape reads every app's certificates, with their expiry and last
// check, and never their credentials or settings.
func TestCertificateHealthReadsNoSecrets(t *testing.T) {
	s := storagetest.Open(t)
	ctx := context.Background()
	expires := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Second)
	first, second := newApp(t, s), newApp(t, s)
	a, err := s.CreateCertificate(ctx, models.Certificate{AppID: first.ID, Vendor: models.VendorAPNs, Name: "p12", Environment: models.CertProduction,
		SealedSecrets: "sealed-credentials", Settings: models.CertificateSettings{BundleID: "com.example.im"}, ExpiresAt: &expires})
	if err != nil {
		t.Fatal(err)
	}
	b := newCertificate(t, s, second.ID, models.VendorOPPO)
	if err := s.RecordCertificateCheck(ctx, second.ID, b.ID, false, "auth refused", expires.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	certs, err := s.CertificateHealth(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(certs) != 2 || certs[0].ID != a.ID || certs[1].ID != b.ID {
		t.Fatalf("certificates: %+v", certs)
	}
	if c := certs[0]; c.SealedSecrets != "" || c.Settings.BundleID != "" || c.ExpiresAt == nil || !c.ExpiresAt.Equal(expires) || c.Vendor != models.VendorAPNs {
		t.Errorf("the .p12 certificate as read: %+v", c)
	}
	if c := certs[1]; c.CheckOK == nil || *c.CheckOK || c.CheckedAt == nil || c.ExpiresAt != nil {
		t.Errorf("the checked certificate as read: %+v", c)
	}
}
