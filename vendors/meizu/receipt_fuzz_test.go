package meizu

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// FuzzReadReceipts posts any body to the Meizu receipt reader (form field
// cb, JSON keyed "<msgId>-<type>"): a refusal is invalid_argument, a
// batch obeys vendortest.CheckReceipts.
func FuzzReadReceipts(f *testing.F) {
	form := func(cb string) []byte {
		return []byte(url.Values{"cb": {cb}, "access_token": {"Vz2kQ8mXr1bN4tYc"}}.Encode())
	}
	for _, body := range [][]byte{
		// handlers/trace_test.go, TestReceiptEndpointsReadEachVendorsFormat,
		// and the refused body without cb.
		[]byte(url.Values{"cb": {`{"NS1-2":{"param":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","type":2,"targets":["meizu-noreceipt"]}}`}}.Encode() + "&access_token=t"),
		[]byte("access_token=t"),
		// The emulator's receipt (emulator.go sendReceipt).
		form(`{"NS20251122-1":{"param":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","targets":["meizu-pushid-1","meizu-pushid-2"],"type":1}}`),
		// A key without a type, an undocumented type, targets not a list.
		form(`{"NS3":{"type":7,"targets":["a"]},"-1":{"type":1,"targets":[]}}`),
		form(`{"NS4-1":{"targets":"a"}}`),
		// Found by the Mi Push target: every target copied the item's Raw.
		form(`{"NS5-1":{"param":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","type":1,"targets":[` + strings.Repeat(`"",`, 400) + `""]}}`),
	} {
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/receipts/meizu/1", nil)
		rs, err := new(Channel).ReadReceipts(r, body, models.Certificate{Vendor: models.VendorMeizu}, models.CertificateSecrets{})
		vendortest.CheckReceipts(t, body, 1, rs, err)
	})
}
