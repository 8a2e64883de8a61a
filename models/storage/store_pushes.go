package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"gorm.io/gorm"
)

// Enqueue adds a push's work to the job queue inside the transaction that
// records the push, so a push is never stored without its work.
type Enqueue func(ctx context.Context, tx *sql.Tx, p models.Push, deliveries []models.Delivery) error

// deliveryBatch is how many deliveries go in one multi-row INSERT: far
// under both databases' limits on bound parameters (a row binds about 27).
// On SQLite it stays small, because the driver's binding time grows with
// the square of a statement's parameters; PostgreSQL takes a 10,000-device
// push in a few dozen statements instead of hundreds of round trips.
func (s *Store) deliveryBatch() int {
	if s.dialect == DialectPostgres {
		return 500
	}
	return 20
}

// StartPush records a push and its deliveries before any vendor is called:
// the ones to send as "queued", the others as "skipped" with their reason
// (the first step of each trace, read from the row). enqueue (nil: nothing to queue)
// runs last in the same transaction.
func (s *Store) StartPush(ctx context.Context, p models.Push, deliveries []models.Delivery, enqueue Enqueue) (models.Push, []models.Delivery, error) {
	now := time.Now().UTC()
	p.ID, p.CreatedAt = 0, now
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&p).Error; err != nil {
			return err
		}
		for i := range deliveries {
			d := &deliveries[i]
			d.PushID, d.AppID, d.CreatedAt, d.StageAt = p.ID, p.AppID, now, &now
			if d.Warnings == nil {
				d.Warnings = []models.Warning{}
			}
			d.Stage = models.StageQueued
			if d.Status == models.DeliverySkipped {
				d.FinishedAt, d.Stage = &now, models.StageSkipped
			}
			d.StageRank = d.Stage.Rank()
		}
		if len(deliveries) == 0 {
			return nil
		}
		if err := tx.CreateInBatches(&deliveries, s.deliveryBatch()).Error; err != nil {
			return err
		}
		if enqueue == nil {
			return nil
		}
		sqlTx, ok := tx.Statement.ConnPool.(*sql.Tx)
		if !ok {
			return fmt.Errorf("the transaction is a %T, not a *sql.Tx", tx.Statement.ConnPool)
		}
		return enqueue(ctx, sqlTx, p, deliveries)
	})
	if err != nil {
		return models.Push{}, nil, fmt.Errorf("store: start push: %w", err)
	}
	return p, deliveries, nil
}

// MarkSent records that a delivery's vendor call starts.
func (s *Store) MarkSent(ctx context.Context, d models.Delivery, at time.Time) error {
	return s.MarkWaveSent(ctx, []models.Delivery{d}, at)
}

// FinishDelivery stores the vendor's answer for one delivery and moves it
// to the answer's stage, unless a receipt already took it further.
func (s *Store) FinishDelivery(ctx context.Context, d models.Delivery) error {
	_, err := s.FinishWave(ctx, models.WaveAnswers{Deliveries: []models.Delivery{d}})
	return err
}

// PushByID finds a push of the app with its deliveries.
func (s *Store) PushByID(ctx context.Context, appID, id int64) (models.Push, []models.Delivery, error) {
	var p models.Push
	if err := s.db.WithContext(ctx).Where("app_id = ? AND id = ?", appID, id).Take(&p).Error; err != nil {
		return models.Push{}, nil, fmt.Errorf("store: push %d: %w", id, notFound(err, "push %d does not exist in this app", id))
	}
	var ds []models.Delivery
	if err := s.db.WithContext(ctx).Where("push_id = ?", p.ID).Order("device_id").Find(&ds).Error; err != nil {
		return models.Push{}, nil, fmt.Errorf("store: deliveries of push %d: %w", id, err)
	}
	return p, ds, nil
}
