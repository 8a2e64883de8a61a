package honor

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// FuzzReadReceipts posts any body to the Honor receipt reader (Huawei's
// batch shape): a refusal is invalid_argument, a batch obeys
// vendortest.CheckReceipts.
func FuzzReadReceipts(f *testing.F) {
	for _, body := range []string{
		// handlers/trace_test.go, TestReceiptEndpointsReadEachVendorsFormat.
		`{"statuses":[{"biTag":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","token":"honor-noreceipt","status":0,"timestamp":1763800000000,"requestId":"r1"}]}`,
		// The emulator's receipts (emulator.go sendReceipt).
		`{"statuses":[{"appid":"104000002","biTag":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","requestId":"1763800000000123456","status":0,"timestamp":1763800000123,"token":"honor-token"}]}`,
		`{"statuses":[{"appid":"104000002","biTag":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","requestId":"1763800000000123456","status":6,"timestamp":1763800000123,"token":"honor-notifoff"}]}`,
		`{"statuses":[{"biTag":"b1","token":"t","deliveryStatus":{"result":5,"timestamp":1763800000000}}]}`,
		`{"statuses":null}`,
		`{"statuses":[1]}`,
	} {
		f.Add([]byte(body))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/receipts/honor/1", nil)
		rs, err := new(Channel).ReadReceipts(r, body, models.Certificate{Vendor: models.VendorHonor}, models.CertificateSecrets{})
		vendortest.CheckReceipts(t, body, 1, rs, err)
	})
}
