// Package receipts is where the vendors' receipt callbacks are taken:
// verified and parsed by the vendor's channel, put on the trace of the
// delivery they match, or kept as unmatched.
package receipts

import (
	"context"
	"net/http"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/secrets"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/vendors"
)

// Recorder takes the vendors' receipt callbacks: it finds the
// certificate the URL names, lets its vendor verify and parse the body,
// puts each item on its delivery's trace (or keeps it as unmatched), and
// marks tokens the vendor calls dead.
type Recorder struct {
	store    *storage.Store
	registry *vendors.Registry
	sealer   *secrets.Sealer
}

// NewRecorder builds the recorder.
func NewRecorder(store *storage.Store, registry *vendors.Registry, sealer *secrets.Sealer) *Recorder {
	return &Recorder{store: store, registry: registry, sealer: sealer}
}

// Recorded is what one callback came to.
type Recorded struct {
	Matched, Unmatched int
	ContentType        string
	Reply              []byte
}

// Take handles one callback for vendor's certificate certID.
func (d *Recorder) Take(ctx context.Context, vendor models.Vendor, certID int64, r *http.Request, body []byte) (Recorded, error) {
	ch, err := d.registry.Channel(vendor)
	if err != nil {
		return Recorded{}, models.NotFound("unknown vendor %q", vendor)
	}
	reader, ok := ch.(vendors.ReceiptReader)
	if !ok {
		return Recorded{}, models.NotFound("%s sends no receipt callbacks", vendor.Label())
	}
	cert, err := d.store.CertificateForReceipt(ctx, certID)
	if err != nil {
		return Recorded{}, err
	}
	if cert.Vendor != vendor {
		return Recorded{}, models.NotFound("certificate #%d is not a %s certificate", certID, vendor.Label())
	}
	secrets, err := d.sealer.OpenCertificateSecrets(cert)
	if err != nil {
		return Recorded{}, err
	}
	receipts, err := reader.ReadReceipts(r, body, cert, secrets)
	if err != nil {
		return Recorded{}, err
	}
	now := time.Now().UTC()
	var t Recorded
	for _, rc := range receipts {
		matched, err := d.record(ctx, cert, rc, now)
		if err != nil {
			return t, err
		}
		if matched {
			t.Matched++
		} else {
			t.Unmatched++
		}
	}
	t.ContentType, t.Reply = reader.ReceiptReply()
	return t, nil
}

func (d *Recorder) record(ctx context.Context, cert models.Certificate, rc vendors.Receipt, now time.Time) (bool, error) {
	at := rc.At
	if at.IsZero() || at.After(now.Add(time.Minute)) {
		at = now // a vendor clock ahead of ours would reorder the trace
	}
	ev := models.DeliveryEvent{AppID: cert.AppID, Vendor: cert.Vendor, CertificateID: &cert.ID, Stage: rc.Stage, Code: rc.Code,
		Explanation: rc.Explanation, VendorMessageID: rc.MessageID, Token: models.MaskToken(rc.Token), Raw: rc.Raw, At: at.UTC(), ReceivedAt: now}
	dl, err := d.store.DeliveryForReceipt(ctx, cert, rc.DeliveryID, rc.MessageID)
	switch {
	case models.IsNotFound(err):
	case err != nil:
		return false, err
	default:
		ev.DeliveryID = &dl.ID
	}
	if rc.TokenDead {
		// By token where the receipt names it: the device may have
		// registered a new token since, which this receipt is not about.
		reason := cert.Vendor.Label() + " receipt " + rc.Code + ": " + rc.Explanation
		switch {
		case rc.Token != "":
			if _, err := d.store.MarkTokenDeadByToken(ctx, cert.AppID, cert.Vendor, rc.Token, reason, at); err != nil {
				return false, err
			}
		case ev.Matched():
			if err := d.store.MarkTokenDead(ctx, cert.AppID, dl.DeviceID, reason, at); err != nil && !models.IsNotFound(err) {
				return true, err
			}
		}
	}
	// Recorded last: whoever sees the receipt's stage also sees the dead
	// token it implies.
	if err := d.store.RecordReceipt(ctx, ev); err != nil {
		return false, err
	}
	return ev.Matched(), nil
}
