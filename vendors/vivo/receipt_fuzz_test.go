package vivo

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// FuzzReadReceipts posts any body to the vivo receipt reader (a JSON
// object keyed by taskId): a refusal is invalid_argument, a batch obeys
// vendortest.CheckReceipts.
func FuzzReadReceipts(f *testing.F) {
	for _, body := range []string{
		// handlers/trace_test.go, TestReceiptEndpointsReadEachVendorsFormat,
		// the unmatched receipt and a refusal.
		`{"task1":{"param":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","targets":"vivo-noreceipt"}}`,
		`{"foreign-task":{"param":"","targets":"someone-else"}}`,
		`{}`,
		// The emulator's receipt (emulator.go sendReceipt).
		`{"1763800000123456":{"param":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","targets":"vivo-regid"}}`,
		// Several tasks and regIds, a task naming none.
		`{"t2":{"param":"p","targets":"a,b, c"},"t1":{"targets":"d"}}`,
		`{"t":{"param":"p"}}`,
		// Found by the Mi Push target: every regId copied the task's Raw.
		`{"t":{"param":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","targets":"` + strings.Repeat("r,", 600) + `"}}`,
	} {
		f.Add([]byte(body))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/receipts/vivo/1", nil)
		rs, err := new(Channel).ReadReceipts(r, body, models.Certificate{Vendor: models.VendorVivo}, models.CertificateSecrets{})
		vendortest.CheckReceipts(t, body, 1, rs, err)
	})
}
