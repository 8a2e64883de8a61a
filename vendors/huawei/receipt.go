package huawei

import (
	"net/http"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// ReadReceipts reads a Push Kit receipt batch (docs/vendors/huawei.md §6),
// checking the X-HUAWEI-CALLBACK-ID signature and its timestamp when the
// certificate has a callback key.
func (*Channel) ReadReceipts(r *http.Request, body []byte, c models.Certificate, s models.CertificateSecrets) ([]vendors.Receipt, error) {
	if err := vendors.VerifyHMSCallback(r.Header.Get(vendors.HMSCallbackHeader), s.CallbackKey, c.Settings.CallbackUser, time.Now()); err != nil {
		return nil, err
	}
	return vendors.ReadHMSReceipts(body, models.VendorHuawei)
}

// ReceiptNonce is the signed callback's nonce, remembered against replays;
// without a callback key nothing was verified and there is none.
func (*Channel) ReceiptNonce(r *http.Request, s models.CertificateSecrets) string {
	if s.CallbackKey == "" {
		return ""
	}
	return vendors.HMSCallbackNonce(r.Header.Get(vendors.HMSCallbackHeader))
}

// ReceiptReply is Huawei's expected answer.
func (*Channel) ReceiptReply() (string, []byte) { return vendors.HMSReceiptReply() }

// ReceiptsPerMessage: the receipt URL is configured in AppGallery Connect.
func (*Channel) ReceiptsPerMessage() bool { return false }
