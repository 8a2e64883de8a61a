package harmony

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
// V2 receipt reader of a certificate whose callback secret is key (none
// when empty): a refusal is invalid_argument or unauthenticated, a batch
// obeys vendortest.CheckReceipts.
func FuzzReadReceipts(f *testing.F) {
	const user = "pushcheck"
	signed := vendors.HMSCallbackID("k3y", "1700000000000", "n1", user)
	for _, seed := range []struct{ body, header, key string }{
		// Huawei's receipt API page and guide (V2, a widget's formStatus).
		{v2Receipt(0, "131415"), "", ""},
		{`{"statuses":[{"biTag":"bi62","pushType":1,"token":"MsDZmCSyuS+Gd","requestId":"1698","appPackageName":"com.x","formStatus":{"formId":10086,"result":0,"timestamp":1698027152082}}]}`, "", ""},
		// The emulator's receipts (emulator.go sendReceipts), signed with
		// the secret's bytes and with its Base64 decoding.
		{`{"statuses":[{"appPackageName":"com.example.sandbox","biTag":"dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa","deliveryStatus":{"result":256,"timestamp":1763800000123},"pushType":0,"requestId":"abc","token":"MAAALgE4G98"}]}`, signed, "k3y"},
		{v2Receipt(6, "b"), vendors.HMSCallbackID("k3y", "1700000000000", "n2", "someone"), "k3y"},
		{v2Receipt(2, "b"), "", "a2V5"},
		// A batch, an undocumented result, a V1 item, garbage.
		{`{"statuses":[{"biTag":"b1","token":"t1","requestId":"r","deliveryStatus":{"result":5,"timestamp":1}},{"biTag":"b2","token":"令牌","deliveryStatus":{"result":999,"timestamp":-1}}]}`, "", ""},
		{`{"statuses":[{"biTag":"b","token":"t","status":0,"timestamp":1}]}`, "", ""},
		{`{"nope":true}`, "", ""},
		{`{"statuses":[{"deliveryStatus":{}}]}`, "", ""},
	} {
		f.Add([]byte(seed.body), seed.header, seed.key)
	}
	f.Fuzz(func(t *testing.T, body []byte, header, key string) {
		r := httptest.NewRequest(http.MethodPost, "/receipts/harmony/1", nil)
		if header != "" {
			r.Header.Set(vendors.HMSCallbackHeader, header)
		}
		cert := models.Certificate{Vendor: models.VendorHarmony, Settings: models.CertificateSettings{CallbackUser: user}}
		rs, err := new(Channel).ReadReceipts(r, body, cert, models.CertificateSecrets{CallbackKey: key})
		vendortest.CheckReceipts(t, body, 1, rs, err, models.CodeInvalid, models.CodeUnauthenticated)
		verifies := key == "" || vendors.VerifyHMSCallbackKeys(header, []string{signingSecret(key), key}, user, time.Now()) == nil
		if models.ErrorCode(err) == models.CodeUnauthenticated && verifies {
			t.Fatalf("refused as unsigned, but the header verifies: %v", err)
		}
		if err == nil && key != "" && !strings.Contains(header, "value=") {
			t.Fatalf("a callback key is set and an unsigned receipt was read")
		}
	})
}
