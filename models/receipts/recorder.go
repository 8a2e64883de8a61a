// Package receipts is where the vendors' receipt callbacks are taken:
// the URL's certificate and secret checked, the body verified and parsed
// by the vendor's channel, and every item recorded in one transaction on
// the trace of the delivery it matches, or kept as unmatched.
package receipts

import (
	"context"
	"net/http"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/metrics"
	"github.com/pushcheck/pushcheck/models/secrets"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/vendors"
)

// Recorder takes the vendors' receipt callbacks. The endpoints are public
// (vendors cannot sign in), so what a callback can do is bounded: the URL
// must carry the certificate's secret, the vendor's format (and signature,
// where it signs) is checked, and an item only has effects on a delivery
// the certificate sent to the token it names.
type Recorder struct {
	store    *storage.Store
	registry *vendors.Registry
	sealer   *secrets.Sealer
	metrics  *metrics.Metrics
}

// NewRecorder builds the recorder; m counts the receipts it takes (nil:
// none).
func NewRecorder(store *storage.Store, registry *vendors.Registry, sealer *secrets.Sealer, m *metrics.Metrics) *Recorder {
	return &Recorder{store: store, registry: registry, sealer: sealer, metrics: m}
}

// Recorded is what one callback came to, and the reply its vendor expects.
type Recorded struct {
	models.ReceiptTally
	ContentType string
	Reply       []byte
}

// Take handles one callback to /receipts/{vendor}/{certID}/{secret}.
func (d *Recorder) Take(ctx context.Context, vendor models.Vendor, certID int64, secret string, r *http.Request, body []byte) (Recorded, error) {
	ch, err := d.registry.Channel(vendor)
	if err != nil {
		return Recorded{}, models.NotFound("there is no receipt endpoint here")
	}
	reader, ok := ch.(vendors.ReceiptReader)
	if !ok {
		return Recorded{}, models.NotFound("there is no receipt endpoint here")
	}
	cert, err := d.store.CertificateForReceipt(ctx, vendor, certID, secret)
	if err != nil {
		return Recorded{}, err
	}
	creds, err := d.sealer.OpenCertificateSecrets(cert)
	if err != nil {
		return Recorded{}, err
	}
	receipts, err := reader.ReadReceipts(r, body, cert, creds)
	if err != nil {
		return Recorded{}, err
	}
	now := time.Now().UTC()
	batch := models.ReceiptBatch{Raw: string(body), Items: make([]models.ReceiptItem, len(receipts))}
	if signed, ok := ch.(vendors.SignedReceipts); ok {
		batch.Nonce = signed.ReceiptNonce(r, creds)
	}
	for i, rc := range receipts {
		at := rc.At
		if at.IsZero() || at.After(now.Add(time.Minute)) {
			at = now // a vendor clock ahead of ours would reorder the trace
		}
		batch.Items[i] = models.ReceiptItem{DeliveryID: rc.DeliveryID, MessageID: rc.MessageID, Token: rc.Token, Stage: rc.Stage,
			Code: rc.Code, Explanation: rc.Explanation, TokenDead: rc.TokenDead, At: at, VendorAt: rc.At}
	}
	tally, err := d.store.RecordReceiptBatch(ctx, cert, batch, now)
	if err != nil {
		return Recorded{}, err
	}
	d.metrics.ReceiptsTaken(vendor, batch.Items, tally)
	out := Recorded{ReceiptTally: tally}
	out.ContentType, out.Reply = reader.ReceiptReply()
	return out, nil
}
