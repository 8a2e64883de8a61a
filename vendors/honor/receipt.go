package honor

import (
	"net/http"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// ReadReceipts reads an Honor receipt batch. Honor documents that receipts
// exist but not their shape; it kept Huawei's API everywhere else, so the
// Huawei batch is read (docs/vendors/honor.md §6, unverified).
func (*Channel) ReadReceipts(_ *http.Request, body []byte, _ models.Certificate, _ models.CertificateSecrets) ([]vendors.Receipt, error) {
	return vendors.ReadHMSReceipts(body, models.VendorHonor)
}

// ReceiptReply answers like Huawei.
func (*Channel) ReceiptReply() (string, []byte) { return vendors.HMSReceiptReply() }

// ReceiptsPerMessage: the receipt URL is configured in Honor's console.
func (*Channel) ReceiptsPerMessage() bool { return false }
