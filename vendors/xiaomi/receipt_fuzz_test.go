package xiaomi

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// FuzzReadReceipts posts any body to the Mi Push receipt reader (form
// field data, JSON keyed by message ID): a refusal is invalid_argument, a
// batch obeys vendortest.CheckReceipts. One target can yield a receipt
// per type bit, six at most.
func FuzzReadReceipts(f *testing.F) {
	form := func(data string) []byte { return []byte(url.Values{"data": {data}}.Encode()) }
	for _, body := range [][]byte{
		// handlers/trace_test.go, TestReceiptEndpointsReadEachVendorsFormat.
		form(`{"scm01":{"param":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","type":3,"targets":"xiaomi-noreceipt","jobkey":"","barStatus":"Enable","timeStamp":1763800000000}}`),
		// The emulator's receipts (emulator.go sendReceipt): delivered,
		// notifications off, invalid regId.
		form(`{"scm0176380000012345":{"barStatus":"Enable","jobkey":"","param":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","targets":"mi-regid","timeStamp":1763800000123,"type":1}}`),
		form(`{"scm0176380000012345":{"barStatus":"Disable","jobkey":"","param":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","targets":"mi-notifoff","timeStamp":1763800000123,"type":1}}`),
		form(`{"scm0176380000012345":{"barStatus":"Enable","jobkey":"","param":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","targets":"mi-inactive","timeStamp":1763800000123,"type":16}}`),
		// Every bit at once, several targets, an undocumented type, the
		// refused bodies of the trace test.
		form(`{"scm01":{"param":"p","type":243,"targets":"a,b, c,,","extra":{"k":"v"}},"scm02":{"type":4}}`),
		[]byte("data=not-json"),
		[]byte("data=%7B%22m%22%3A%7B%22targets%22%3A%22%E4%BB%A4%E7%89%8C%22%7D%7D&other=1"),
		[]byte("data=%zz"),
		// Found by this target: 600 targets in one item made 600 copies
		// of the item's Raw JSON, quadratic in the body (a 1 MiB body
		// would ask for hundreds of GiB).
		form(`{"m":{"param":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","type":1,"targets":"` + strings.Repeat("a,", 600) + `"}}`),
	} {
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/receipts/xiaomi/1", nil)
		rs, err := new(Channel).ReadReceipts(r, body, models.Certificate{Vendor: models.VendorXiaomi}, models.CertificateSecrets{})
		vendortest.CheckReceipts(t, body, 6, rs, err)
	})
}
