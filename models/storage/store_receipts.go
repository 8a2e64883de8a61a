package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/pushcheck/pushcheck/models"
)

// receiptNonceWindow is how long a signed callback's nonce is remembered:
// the signature's own window (±5 minutes) on both sides.
const receiptNonceWindow = 10 * time.Minute

// receiptNonce is a signed callback seen, per certificate.
type receiptNonce struct {
	CertificateID int64
	Nonce         string
	SeenAt        time.Time
}

func (receiptNonce) TableName() string { return "receipt_nonces" }

// RecordReceiptBatch records one receipt callback in one transaction:
// each item once (a vendor's retry adds nothing), on the trace of the
// delivery it matches, or else kept as unmatched (at most
// MaxUnmatchedReceipts per certificate). An item has effects — moving a
// stage, marking a token dead — only when it matches a delivery that this
// certificate sent to the token it names; and the token is marked dead only
// while the device still has it. A replayed signed callback (a nonce seen
// before) is refused whole.
func (s *Store) RecordReceiptBatch(ctx context.Context, cert models.Certificate, batch models.ReceiptBatch, now time.Time) (models.ReceiptTally, error) {
	var tally models.ReceiptTally
	if len(batch.Items) > models.MaxReceiptItems {
		return tally, models.Invalid("body", "the callback holds %d receipts; %s sends at most %d at once", len(batch.Items), cert.Vendor.Label(), models.MaxReceiptItems)
	}
	now = now.UTC()
	err := s.tx(ctx, func(tx *gorm.DB) error {
		tally = models.ReceiptTally{}
		if batch.Nonce != "" {
			res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&receiptNonce{CertificateID: cert.ID, Nonce: batch.Nonce, SeenAt: now})
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected == 0 {
				return models.Errorf(models.CodeUnauthenticated, "this signed callback was already received (nonce %q): a replay is refused", batch.Nonce)
			}
		}
		raw := models.StorableText(batch.Raw, models.MaxReceiptRaw)
		for _, it := range batch.Items {
			recorded, matched, err := recordReceiptItem(tx, cert, it, raw, now)
			if err != nil {
				return err
			}
			switch {
			case !recorded:
				tally.Duplicates++
			case matched:
				tally.Matched++
				raw = "" // the body is kept once per callback
			default:
				tally.Unmatched++
				raw = ""
			}
		}
		if tally.Unmatched > 0 {
			return pruneUnmatched(tx, cert.ID)
		}
		return nil
	})
	if err != nil {
		return models.ReceiptTally{}, fmt.Errorf("store: record receipts of certificate %d: %w", cert.ID, err)
	}
	return tally, nil
}

// recordReceiptItem stores one item unless it was stored before; it
// reports whether it was new and whether it matched a delivery.
func recordReceiptItem(tx *gorm.DB, cert models.Certificate, it models.ReceiptItem, raw string, now time.Time) (bool, bool, error) {
	key := it.DedupeKey(cert.ID)
	ev := models.DeliveryEvent{AppID: cert.AppID, Vendor: cert.Vendor, CertificateID: &cert.ID, Stage: it.Stage, Source: models.SourceReceipt,
		Code: models.StorableText(it.Code, 64), Explanation: models.StorableText(it.Explanation, 1024), VendorMessageID: models.StorableText(it.MessageID, 256),
		Token: models.StorableText(models.MaskToken(it.Token), 64), Raw: raw, At: it.At.UTC(), ReceivedAt: now, DedupeKey: &key}
	d, found, err := deliveryForReceipt(tx, cert, it)
	if err != nil {
		return false, false, err
	}
	if found {
		ev.DeliveryID = &d.ID
	}
	res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&ev)
	if res.Error != nil {
		return false, false, res.Error
	}
	if res.RowsAffected == 0 {
		return false, false, nil
	}
	if ev.DeliveryID == nil {
		return true, false, nil
	}
	rank := ev.Stage.Rank()
	if err := tx.Model(&models.Delivery{}).Where("id = ? AND stage_rank < ?", d.ID, rank).
		Updates(map[string]any{"stage": ev.Stage, "stage_rank": rank, "stage_at": ev.At}).Error; err != nil {
		return false, false, err
	}
	if it.TokenDead {
		reason := cert.Vendor.Label() + " receipt " + ev.Code + ": " + ev.Explanation
		if err := markDeliveredTokenDead(tx, d, reason, ev.At); err != nil {
			return false, false, err
		}
	}
	return true, true, nil
}

// deliveryForReceipt finds the delivery an item is about: by the echoed
// delivery ID, else by the vendor's message ID, among the certificate's
// deliveries, and only one sent to the token the item names (if it names
// one).
func deliveryForReceipt(tx *gorm.DB, cert models.Certificate, it models.ReceiptItem) (models.Delivery, bool, error) {
	q := tx.Where("app_id = ? AND certificate_id = ?", cert.AppID, cert.ID)
	switch {
	case it.DeliveryID != "":
		q = q.Where("id = ?", it.DeliveryID)
	case it.MessageID != "":
		q = q.Where("vendor_message_id = ?", it.MessageID)
	default:
		return models.Delivery{}, false, nil
	}
	if it.Token != "" {
		q = q.Where("token_hash = ?", models.HashDeviceToken(it.Token))
	}
	var d models.Delivery
	err := q.Order("created_at DESC").Take(&d).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.Delivery{}, false, nil
	}
	return d, err == nil, err
}

// markDeliveredTokenDead marks the delivery's device's token dead, if the
// device still has the token the delivery went to: a device that has
// registered a new token since is not what the receipt is about.
func markDeliveredTokenDead(tx *gorm.DB, d models.Delivery, reason string, at time.Time) error {
	var dev models.Device
	err := tx.Select("id, token").Where("id = ?", d.DevicePK).Take(&dev).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil // the device was deleted since
	}
	if err != nil {
		return err
	}
	if d.TokenHash == "" || models.HashDeviceToken(dev.Token) != d.TokenHash {
		return nil
	}
	return tx.Model(&models.Device{}).Where("id = ?", dev.ID).
		Updates(map[string]any{"token_dead_at": at.UTC(), "token_dead_reason": models.StorableText(reason, 512)}).Error
}

// pruneUnmatched keeps a certificate's newest unmatched receipts.
func pruneUnmatched(tx *gorm.DB, certificateID int64) error {
	var cutoff []int64
	err := tx.Model(&models.DeliveryEvent{}).Where("certificate_id = ? AND delivery_id IS NULL", certificateID).
		Order("id DESC").Offset(models.MaxUnmatchedReceipts).Limit(1).Pluck("id", &cutoff).Error
	if err != nil || len(cutoff) == 0 {
		return err
	}
	return tx.Where("certificate_id = ? AND delivery_id IS NULL AND id <= ?", certificateID, cutoff[0]).Delete(&models.DeliveryEvent{}).Error
}

// PruneReceiptNonces forgets the nonces of signed callbacks older than
// their window.
func (s *Store) PruneReceiptNonces(ctx context.Context, now time.Time) (int64, error) {
	res := s.db.WithContext(ctx).Where("seen_at < ?", now.Add(-receiptNonceWindow).UTC()).Delete(&receiptNonce{})
	if res.Error != nil {
		return 0, fmt.Errorf("store: prune receipt nonces: %w", res.Error)
	}
	return res.RowsAffected, nil
}

// CertificateForReceipt finds the certificate a receipt URL names, by ID,
// vendor and secret together. Whatever part is wrong, the answer is the
// same not-found, so nothing about certificates can be learnt from it.
func (s *Store) CertificateForReceipt(ctx context.Context, vendor models.Vendor, id int64, secret string) (models.Certificate, error) {
	var c models.Certificate
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && (c.Vendor != vendor || !models.SecretsEqual(c.ReceiptSecret, secret))) {
		return models.Certificate{}, models.NotFound("there is no receipt endpoint here")
	}
	if err != nil {
		return models.Certificate{}, fmt.Errorf("store: certificate for receipt: %w", err)
	}
	return c, nil
}

// RotateReceiptSecret gives a certificate a new receipt URL; the old one
// stops working at once.
func (s *Store) RotateReceiptSecret(ctx context.Context, appID, id int64) (models.Certificate, error) {
	res := s.db.WithContext(ctx).Model(&models.Certificate{}).Where("app_id = ? AND id = ?", appID, id).
		UpdateColumn("receipt_secret", models.NewReceiptSecret())
	if res.Error != nil {
		return models.Certificate{}, fmt.Errorf("store: rotate receipt secret of certificate %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return models.Certificate{}, models.NotFound("certificate %d does not exist in this app", id)
	}
	return s.CertificateByID(ctx, appID, id)
}

// fillReceiptSecrets gives certificates saved before receipt secrets
// existed their own.
func (s *Store) fillReceiptSecrets(ctx context.Context) error {
	var ids []int64
	if err := s.db.WithContext(ctx).Model(&models.Certificate{}).Where("receipt_secret = ''").Pluck("id", &ids).Error; err != nil {
		return fmt.Errorf("store: certificates without receipt secrets: %w", err)
	}
	for _, id := range ids {
		if err := s.db.WithContext(ctx).Model(&models.Certificate{}).Where("id = ? AND receipt_secret = ''", id).
			UpdateColumn("receipt_secret", models.NewReceiptSecret()).Error; err != nil {
			return fmt.Errorf("store: receipt secret of certificate %d: %w", id, err)
		}
	}
	return nil
}
