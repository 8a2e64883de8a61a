package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"gorm.io/gorm"
)

// SQLDB is the store's connection pool, for the job queue, which shares
// the database (and, on SQLite, its one connection) with the store.
func (s *Store) SQLDB() (*sql.DB, error) {
	db, err := s.db.DB()
	if err != nil {
		return nil, fmt.Errorf("store: connection pool: %w", err)
	}
	return db, nil
}

// MarkWaveSent records that the vendor calls of a wave start: each
// delivery moves to "sent" with an event, in one transaction, before any
// of the calls. A delivery already past "sent" (a receipt overtook it)
// keeps its stage.
func (s *Store) MarkWaveSent(ctx context.Context, ds []models.Delivery, at time.Time) error {
	if len(ds) == 0 {
		return nil
	}
	at = at.UTC()
	ids := make([]string, len(ds))
	events := make([]models.DeliveryEvent, len(ds))
	for i := range ds {
		d := &ds[i]
		ids[i] = d.ID
		events[i] = models.DeliveryEvent{AppID: d.AppID, DeliveryID: &d.ID, Vendor: d.Vendor, CertificateID: d.CertificateID,
			Stage: models.StageSent, Source: models.SourcePushcheck, At: at, ReceivedAt: at}
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.CreateInBatches(&events, insertBatch).Error; err != nil {
			return err
		}
		return tx.Model(&models.Delivery{}).Where("id IN ? AND stage_rank < ?", ids, models.StageSent.Rank()).
			Updates(map[string]any{"stage": models.StageSent, "stage_rank": models.StageSent.Rank(), "stage_at": at}).Error
	})
	if err != nil {
		return fmt.Errorf("store: mark %d deliveries sent: %w", len(ds), err)
	}
	return nil
}

// FinishWave stores a wave's answers in one transaction: each delivery's
// answer and its event, the quota counters per certificate, class and
// day, and the tokens the vendors called dead. A delivery that already has
// an answer keeps it, so a job run twice never answers twice; the stage
// moves only forward (a receipt may have overtaken the answer).
func (s *Store) FinishWave(ctx context.Context, w models.WaveAnswers) error {
	now := time.Now().UTC()
	err := s.tx(ctx, func(tx *gorm.DB) error {
		events := make([]models.DeliveryEvent, 0, len(w.Deliveries))
		finish, err := prepareFinish(ctx, tx)
		if err != nil {
			return err
		}
		defer finish.Close()
		for i := range w.Deliveries {
			d := &w.Deliveries[i]
			finished, err := finishDelivery(ctx, finish, *d, now)
			if err != nil {
				return err
			}
			if !finished {
				continue
			}
			source := models.SourceVendor
			if d.Status == models.DeliveryInterrupted {
				source = models.SourcePushcheck
			}
			events = append(events, models.DeliveryEvent{AppID: d.AppID, DeliveryID: &d.ID, Vendor: d.Vendor, CertificateID: d.CertificateID,
				Stage: models.StageOfStatus(d.Status), Source: source, Code: d.Code, Explanation: d.Explanation,
				VendorMessageID: d.VendorMessageID, At: now, ReceivedAt: now})
		}
		if len(events) > 0 {
			if err := tx.CreateInBatches(&events, insertBatch).Error; err != nil {
				return err
			}
		}
		for _, q := range w.Quota {
			if err := countQuota(tx, q); err != nil {
				return err
			}
		}
		for _, t := range w.DeadTokens {
			if err := tx.Model(&models.Device{}).Where("id = ?", t.DevicePK).
				Updates(map[string]any{"token_dead_at": t.At.UTC(), "token_dead_reason": t.Reason}).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: finish %d deliveries: %w", len(w.Deliveries), err)
	}
	return nil
}

// finishStatement writes one answer with one statement: SET expressions
// all read the row as it was, so the stage columns move together, and only
// forward. $n placeholders read the same on both databases.
const finishStatement = `UPDATE deliveries SET status = $1, kind = $2, http_status = $3, code = $4, explanation = $5, fix = $6,
	vendor_message_id = $7, unique_id = $8, latency_ms = $9, request = $10, response = $11, finished_at = $12,
	stage = CASE WHEN stage_rank < $13 THEN $14 ELSE stage END,
	stage_at = CASE WHEN stage_rank < $13 THEN $12 ELSE stage_at END,
	stage_rank = CASE WHEN stage_rank < $13 THEN $13 ELSE stage_rank END
	WHERE id = $15 AND finished_at IS NULL`

// prepareFinish prepares finishStatement once for a wave's answers: the
// SQL is parsed once, not once per delivery.
func prepareFinish(ctx context.Context, tx *gorm.DB) (*sql.Stmt, error) {
	sqlTx, ok := tx.Statement.ConnPool.(*sql.Tx)
	if !ok {
		return nil, fmt.Errorf("the transaction is a %T, not a *sql.Tx", tx.Statement.ConnPool)
	}
	return sqlTx.PrepareContext(ctx, finishStatement)
}

// finishDelivery stores one answer; false: the delivery already had one.
func finishDelivery(ctx context.Context, finish *sql.Stmt, d models.Delivery, now time.Time) (bool, error) {
	st := models.StageOfStatus(d.Status)
	res, err := finish.ExecContext(ctx, string(d.Status), string(d.Kind), d.HTTPStatus, d.Code, d.Explanation, d.Fix, d.VendorMessageID, d.UniqueID,
		d.LatencyMS, d.Request, d.Response, now, st.Rank(), string(st), d.ID)
	if err != nil {
		return false, fmt.Errorf("delivery %s: %w", d.ID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("delivery %s: %w", d.ID, err)
	}
	return n == 1, nil
}

// countQuota adds a wave's accepted messages to a certificate's counter,
// and keeps the first over-quota answer of the day.
func countQuota(tx *gorm.DB, q models.QuotaCount) error {
	var at any
	if q.ExhaustedAt != nil {
		at = q.ExhaustedAt.UTC()
	}
	err := tx.Exec(`INSERT INTO quota_usage (certificate_id, day, class, sent, exhausted_at, exhausted_code) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (certificate_id, day, class) DO UPDATE SET
			sent = quota_usage.sent + excluded.sent,
			exhausted_code = CASE WHEN quota_usage.exhausted_at IS NULL AND excluded.exhausted_at IS NOT NULL THEN excluded.exhausted_code ELSE quota_usage.exhausted_code END,
			exhausted_at = COALESCE(quota_usage.exhausted_at, excluded.exhausted_at)`,
		q.CertificateID, q.Day, q.Class, q.Accepted, at, q.ExhaustedCode).Error
	if err != nil {
		return fmt.Errorf("quota of certificate %d: %w", q.CertificateID, err)
	}
	return nil
}

// DeliveriesOfPush loads deliveries of a push by ID, for the job that
// sends them: the columns a job reads, found by primary key (the push's
// own index would scan all its deliveries for each chunk).
func (s *Store) DeliveriesOfPush(ctx context.Context, pushID int64, ids []string) ([]models.Delivery, error) {
	var found []models.Delivery
	err := s.db.WithContext(ctx).Select("id, push_id, app_id, device_pk, device_id, user_id, vendor, certificate_id, class, status, token_hash, stage, stage_rank, created_at, finished_at").
		Where("id IN ?", ids).Find(&found).Error
	if err != nil {
		return nil, fmt.Errorf("store: deliveries of push %d: %w", pushID, err)
	}
	out := found[:0]
	for _, d := range found {
		if d.PushID == pushID {
			out = append(out, d)
		}
	}
	return out, nil
}

// PushToSend loads a push's message and mode for the job that sends it.
func (s *Store) PushToSend(ctx context.Context, pushID int64) (models.Push, error) {
	var p models.Push
	if err := s.db.WithContext(ctx).Where("id = ?", pushID).Take(&p).Error; err != nil {
		return models.Push{}, fmt.Errorf("store: push %d: %w", pushID, notFound(err, "push %d does not exist", pushID))
	}
	return p, nil
}

// PushProgress counts a push's deliveries that have their answer, with
// one indexed query.
func (s *Store) PushProgress(ctx context.Context, pushID int64) (models.PushProgress, error) {
	var row struct{ Total, Done int }
	err := s.db.WithContext(ctx).Model(&models.Delivery{}).
		Select("COUNT(*) AS total, COALESCE(SUM(CASE WHEN finished_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS done").
		Where("push_id = ?", pushID).Scan(&row).Error
	if err != nil {
		return models.PushProgress{}, fmt.Errorf("store: progress of push %d: %w", pushID, err)
	}
	return models.PushProgress{Done: row.Done, Total: row.Total, Finished: row.Done == row.Total}, nil
}
