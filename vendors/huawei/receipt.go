package huawei

import (
	"net/http"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// ReadReceipts reads a Push Kit receipt batch (§3.5), checking the
// X-HUAWEI-CALLBACK-ID signature when the certificate has a callback key.
func (*Channel) ReadReceipts(r *http.Request, body []byte, c models.Certificate, s models.CertificateSecrets) ([]vendors.Receipt, error) {
	if err := vendors.VerifyHMSCallback(r.Header.Get(vendors.HMSCallbackHeader), s.CallbackKey, c.Settings.CallbackUser); err != nil {
		return nil, err
	}
	return vendors.ReadHMSReceipts(body, models.VendorHuawei)
}

// ReceiptReply is Huawei's expected answer.
func (*Channel) ReceiptReply() (string, []byte) { return vendors.HMSReceiptReply() }

// ReceiptsPerMessage: the receipt URL is configured in AppGallery Connect.
func (*Channel) ReceiptsPerMessage() bool { return false }
