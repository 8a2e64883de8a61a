package diagnosis

import (
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// The quotas are read beside the certificates with the reporting devices'
// vendor; a certificate of another vendor is the one read again.
func TestQuotasAreReadAgainForAnotherVendorsCertificate(t *testing.T) {
	one, two, gone := int64(1), int64(2), int64(3)
	devices := []models.Device{
		{ID: 10, Vendor: models.VendorHuawei, CertificateID: &one},
		{ID: 11, Vendor: models.VendorHuawei, CertificateID: &one},
		{ID: 12, Vendor: models.VendorAPNs, CertificateID: &two},
		{ID: 13, Vendor: models.VendorOPPO, CertificateID: &gone},
		{ID: 14, Vendor: models.VendorFCM},
	}
	reported := reportedCertificates(devices)
	if len(reported) != 3 || reported[0].ID != 1 || reported[0].Vendor != models.VendorHuawei || reported[1].Vendor != models.VendorAPNs {
		t.Fatalf("reported: %+v", reported)
	}
	certs := map[int64]models.Certificate{
		1: {ID: 1, Vendor: models.VendorHuawei},
		2: {ID: 2, Vendor: models.VendorXiaomi}, // an iPhone reporting a Xiaomi certificate
	}
	again := otherVendors(certs, reported)
	if len(again) != 1 || again[0].ID != 2 || again[0].Vendor != models.VendorXiaomi {
		t.Fatalf("read again: %+v", again)
	}
}
