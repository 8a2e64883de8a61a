package storage

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
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
		var err error
		tally, err = recordReceiptItems(tx, s.dialect, cert, batch.Items, models.StorableText(batch.Raw, models.MaxReceiptRaw), now)
		if err != nil {
			return err
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

// recordReceiptItems stores a callback's items, each unless it was stored
// before, in a few statements whatever their number (a vendor sends up to a
// thousand at once): the deliveries they match are read together, the
// events inserted together, and then each match moves its delivery's
// stage. The body (raw) is kept once, on the callback's first new item.
func recordReceiptItems(tx *gorm.DB, dialect Dialect, cert models.Certificate, items []models.ReceiptItem, raw string, now time.Time) (models.ReceiptTally, error) {
	var tally models.ReceiptTally
	matches, err := deliveriesForReceipts(tx, cert, items)
	if err != nil {
		return tally, err
	}
	events := make([]models.DeliveryEvent, len(items))
	for i, it := range items {
		key := it.DedupeKey(cert.ID)
		events[i] = models.DeliveryEvent{AppID: cert.AppID, Vendor: cert.Vendor, CertificateID: &cert.ID, Stage: it.Stage, Source: models.SourceReceipt,
			Code: models.StorableText(it.Code, 64), Explanation: models.StorableText(it.Explanation, 1024), VendorMessageID: models.StorableText(it.MessageID, 256),
			Token: models.StorableText(models.MaskToken(it.Token), 64), At: it.At.UTC(), ReceivedAt: now, DedupeKey: &key}
		if d, ok := matches[i]; ok {
			events[i].DeliveryID = &d.ID
		}
	}
	recorded, err := insertReceiptEvents(tx, events)
	if err != nil {
		return tally, err
	}
	rawKept := raw == ""
	moves := map[string]stageMove{} // per delivery, its furthest receipt
	for i, it := range items {
		ev := events[i]
		if !recorded[*ev.DedupeKey] {
			tally.Duplicates++
			continue
		}
		delete(recorded, *ev.DedupeKey) // the same item twice in one callback counts once
		if !rawKept {
			if err := tx.Model(&models.DeliveryEvent{}).Where("dedupe_key = ?", *ev.DedupeKey).Update("raw", raw).Error; err != nil {
				return tally, err
			}
			rawKept = true
		}
		d, ok := matches[i]
		if !ok {
			tally.Unmatched++
			continue
		}
		tally.Matched++
		if m, ok := moves[d.ID]; !ok || ev.Stage.Rank() > m.Stage.Rank() {
			moves[d.ID] = stageMove{ID: d.ID, Stage: ev.Stage, At: ev.At}
		}
		if it.TokenDead {
			reason := cert.Vendor.Label() + " receipt " + ev.Code + ": " + ev.Explanation
			if err := markDeliveredTokenDead(tx, d, reason, ev.At); err != nil {
				return tally, err
			}
		}
	}
	return tally, moveStages(tx, dialect, moves)
}

// stageMove is a delivery's furthest stage in a callback, and when.
type stageMove struct {
	ID    string
	Stage models.Stage
	At    time.Time
}

// moveStagesStatement moves deliveries' stages forward in one statement;
// %[1]s is the stage time's expression, %[2]s the rows. VALUES columns
// are column1… and text on PostgreSQL, hence the casts.
const moveStagesStatement = `UPDATE deliveries SET stage = v.column2, stage_rank = CAST(v.column3 AS INTEGER), stage_at = %[1]s
	FROM (VALUES %[2]s) AS v
	WHERE deliveries.id = v.column1 AND deliveries.stage_rank < CAST(v.column3 AS INTEGER)`

// moveStages moves each delivery to its stage unless it is there or
// further already (a receipt may come after a later one).
func moveStages(tx *gorm.DB, dialect Dialect, moves map[string]stageMove) error {
	if len(moves) == 0 {
		return nil
	}
	at := "v.column4" // SQLite: the driver writes the time as it writes any
	if dialect == DialectPostgres {
		at = "CAST(v.column4 AS TIMESTAMPTZ)"
	}
	rows := make([]string, 0, len(moves))
	args := make([]any, 0, 4*len(moves))
	for _, m := range moves {
		rows = append(rows, "(?, ?, ?, ?)")
		var when any = m.At
		if dialect == DialectPostgres {
			when = m.At.Format(time.RFC3339Nano)
		}
		args = append(args, m.ID, string(m.Stage), strconv.Itoa(m.Stage.Rank()), when)
	}
	if err := tx.Exec(fmt.Sprintf(moveStagesStatement, at, strings.Join(rows, ", ")), args...).Error; err != nil {
		return fmt.Errorf("stages of %d deliveries: %w", len(moves), err)
	}
	return nil
}

// receiptEventColumns are the columns insertReceiptEvents writes, in its
// order.
const receiptEventColumns = "app_id, delivery_id, vendor, certificate_id, stage, source, code, explanation, vendor_message_id, token, raw, at, received_at, dedupe_key"

// receiptInsertRows bounds the rows of one INSERT: 14 parameters each.
const receiptInsertRows = 200

// insertReceiptEvents inserts events, skipping those whose dedupe key is
// stored already, and returns the keys it inserted.
func insertReceiptEvents(tx *gorm.DB, events []models.DeliveryEvent) (map[string]bool, error) {
	inserted := map[string]bool{}
	for len(events) > 0 {
		n := min(len(events), receiptInsertRows)
		var text strings.Builder
		text.WriteString("INSERT INTO delivery_events (" + receiptEventColumns + ") VALUES ")
		args := make([]any, 0, 14*n)
		for i, ev := range events[:n] {
			if i > 0 {
				text.WriteString(", ")
			}
			text.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			args = append(args, ev.AppID, ev.DeliveryID, ev.Vendor, ev.CertificateID, ev.Stage, ev.Source, ev.Code, ev.Explanation,
				ev.VendorMessageID, ev.Token, ev.Raw, ev.At, ev.ReceivedAt, ev.DedupeKey)
		}
		text.WriteString(" ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key")
		var keys []string
		if err := tx.Raw(text.String(), args...).Scan(&keys).Error; err != nil {
			return nil, fmt.Errorf("receipt events: %w", err)
		}
		for _, k := range keys {
			inserted[k] = true
		}
		events = events[n:]
	}
	return inserted, nil
}

// deliveriesForReceipts finds the delivery each item is about (by index):
// by the echoed delivery ID, else by the vendor's message ID (the newest),
// among the certificate's deliveries, and only one sent to the token the
// item names (if it names one). Echoed IDs, what the vendors send back,
// are looked up together by primary key; a message ID is looked up per
// item, one row at most, as a multicast's deliveries share it and a
// callback must not make the console read thousands of rows per item.
func deliveriesForReceipts(tx *gorm.DB, cert models.Certificate, items []models.ReceiptItem) (map[int]models.Delivery, error) {
	const columns = "id, device_pk, token_hash, created_at"
	mine := func() *gorm.DB {
		return tx.Select(columns).Where("app_id = ? AND certificate_id = ?", cert.AppID, cert.ID)
	}
	var ids []string
	for _, it := range items {
		if it.DeliveryID != "" {
			ids = append(ids, it.DeliveryID)
		}
	}
	byID := map[string]models.Delivery{}
	if len(ids) > 0 {
		var found []models.Delivery
		if err := mine().Where("id IN ?", ids).Find(&found).Error; err != nil {
			return nil, fmt.Errorf("deliveries of receipts: %w", err)
		}
		for _, d := range found {
			byID[d.ID] = d
		}
	}
	out := map[int]models.Delivery{}
	for i, it := range items {
		var tokenHash string
		if it.Token != "" {
			tokenHash = models.HashDeviceToken(it.Token)
		}
		switch {
		case it.DeliveryID != "":
			if d, ok := byID[it.DeliveryID]; ok && (tokenHash == "" || d.TokenHash == tokenHash) {
				out[i] = d
			}
		case it.MessageID != "":
			q := mine().Where("vendor_message_id = ?", it.MessageID)
			if tokenHash != "" {
				q = q.Where("token_hash = ?", tokenHash)
			}
			var d models.Delivery
			err := q.Order("created_at DESC").Take(&d).Error
			switch {
			case err == nil:
				out[i] = d
			case !errors.Is(err, gorm.ErrRecordNotFound):
				return nil, fmt.Errorf("deliveries of receipts: %w", err)
			}
		}
	}
	return out, nil
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
