package huawei

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// FuzzReadReceipts posts any body and X-HUAWEI-CALLBACK-ID header to the
// Push Kit receipt reader of a certificate whose callback key is key
// (none when empty): a refusal is invalid_argument or unauthenticated,
// a batch obeys vendortest.CheckReceipts.
func FuzzReadReceipts(f *testing.F) {
	const user = "pushcheck"
	signed := vendors.HMSCallbackID("k3y", "1700000000000", "n1", user)
	for _, seed := range []struct{ body, header, key string }{
		// handlers/trace_test.go, TestReceiptEndpointsReadEachVendorsFormat.
		{`{"statuses":[{"biTag":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","appid":"104000001","token":"huawei-noreceipt","status":102,"timestamp":1763800000000,"requestId":"157440"}]}`, "", ""},
		// TestHuaweiReceiptSignature: signed, and signed for someone else.
		{`{"statuses":[{"biTag":"","token":"t","status":0,"timestamp":1,"requestId":"x"}]}`, signed, "k3y"},
		{`{"statuses":[{"biTag":"","token":"t","status":0,"timestamp":1,"requestId":"x"}]}`, vendors.HMSCallbackID("k3y", "1700000000000", "n1", "someone"), "k3y"},
		{`{"statuses":[{"biTag":"","token":"t","status":0,"timestamp":1,"requestId":"x"}]}`, "", "k3y"},
		// The emulator's receipts (emulator.go sendReceipt): delivered,
		// notifications off, inactive.
		{`{"statuses":[{"appid":"104000001","biTag":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","requestId":"1763800000000123456","status":0,"timestamp":1763800000123,"token":"IQAAAACy0kYdAAB4nHYl"}]}`, signed, "k3y"},
		{`{"statuses":[{"appid":"104000001","biTag":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","requestId":"1763800000000123456","status":6,"timestamp":1763800000123,"token":"IQAAAA-notifoff"}]}`, "", ""},
		{`{"statuses":[{"appid":"104000001","biTag":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","requestId":"1763800000000123456","status":10,"timestamp":1763800000123,"token":"IQAAAA-inactive"}]}`, "", ""},
		// Huawei's v2 shape (docs/vendors/huawei.md §6), a batch, an
		// undocumented status, the refused one of the trace test.
		{`{"statuses":[{"biTag":"b1","appid":"104000001","token":"IQAAAACy0kYd","requestId":"157440","deliveryStatus":{"result":2,"timestamp":1763800000000}},{"biTag":"b2","token":"IQAAAACy0kYe","status":201,"timestamp":1763800000001}]}`, "", ""},
		{`{"statuses":[{"biTag":"b3","token":"令牌","status":999,"timestamp":-1}]}`, "", ""},
		{`{"nope":true}`, "", ""},
		{`{"statuses":[{"biTag":"x"}]}`, "", ""},
	} {
		f.Add([]byte(seed.body), seed.header, seed.key)
	}
	f.Fuzz(func(t *testing.T, body []byte, header, key string) {
		r := httptest.NewRequest(http.MethodPost, "/receipts/huawei/1", nil)
		if header != "" {
			r.Header.Set(vendors.HMSCallbackHeader, header)
		}
		cert := models.Certificate{Vendor: models.VendorHuawei, Settings: models.CertificateSettings{CallbackUser: user}}
		rs, err := new(Channel).ReadReceipts(r, body, cert, models.CertificateSecrets{CallbackKey: key})
		vendortest.CheckReceipts(t, body, 1, rs, err, models.CodeInvalid, models.CodeUnauthenticated)
		if models.ErrorCode(err) == models.CodeUnauthenticated && (key == "" || vendors.VerifyHMSCallback(header, key, user, time.Now()) == nil) {
			t.Fatalf("refused as unsigned, but the header verifies: %v", err)
		}
		if err == nil && key != "" && !strings.Contains(header, "value=") {
			t.Fatalf("a callback key is set and an unsigned receipt was read")
		}
	})
}
