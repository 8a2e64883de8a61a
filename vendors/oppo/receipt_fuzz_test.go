package oppo

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// FuzzReadReceipts posts any body to the OPPO receipt reader (a JSON
// array of events): a refusal is invalid_argument, a batch obeys
// vendortest.CheckReceipts.
func FuzzReadReceipts(f *testing.F) {
	for _, body := range []string{
		// handlers/trace_test.go, TestReceiptEndpointsReadEachVendorsFormat.
		`[{"messageId":"6x","appId":"k","taskId":"6x","registrationIds":"oppo-noreceipt","param":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","eventType":"push_arrive","eventTime":1763800000000}]`,
		// The emulator's receipt (emulator.go sendReceipt).
		`[{"appId":"demoOppoAppKey","eventTime":1763800000123,"eventType":"push_arrive","messageId":"OPPO-1763800000123","param":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","registrationIds":"CN_oppo-regid","taskId":"OPPO-1763800000123"}]`,
		// Undocumented events OPPO may send, several regIds, a refusal.
		`[{"taskId":"t1","registrationIds":"a, b,c","eventType":"push_click"},{"messageId":"m2","registrationIds":"x","eventType":"regid_invalid"},{"registrationIds":"","eventType":"something_else"}]`,
		`[{"messageId":"m","registrationIds":"r"}]`,
		`{"not":"an array"}`,
		`[]`,
		// Found by the Mi Push target: every regId copied the event's Raw.
		`[{"messageId":"m","param":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","eventType":"push_arrive","registrationIds":"` + strings.Repeat("r,", 600) + `"}]`,
	} {
		f.Add([]byte(body))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/receipts/oppo/1", nil)
		rs, err := new(Channel).ReadReceipts(r, body, models.Certificate{Vendor: models.VendorOPPO}, models.CertificateSecrets{})
		vendortest.CheckReceipts(t, body, 1, rs, err)
	})
}
