package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"gorm.io/gorm"
)

// advance appends an event to a delivery's trace and moves the delivery to
// the event's stage if that is further along; an event of a lower rank
// (arriving late or out of order) is kept in the trace only.
func advance(tx *gorm.DB, ev models.DeliveryEvent) error {
	if err := tx.Create(&ev).Error; err != nil {
		return err
	}
	rank := ev.Stage.Rank()
	return tx.Model(&models.Delivery{}).Where("id = ? AND stage_rank < ?", *ev.DeliveryID, rank).
		Updates(map[string]any{"stage": ev.Stage, "stage_rank": rank, "stage_at": ev.At}).Error
}

// Ack records the app's acknowledgement of a delivery of the app and
// returns the delivery as it stands after it.
func (s *Store) Ack(ctx context.Context, appID int64, deliveryID string, stage models.Stage, at time.Time, raw string) (models.Delivery, error) {
	var d models.Delivery
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("app_id = ? AND id = ?", appID, deliveryID).Take(&d).Error; err != nil {
			return notFound(err, "delivery %s does not exist in this app", deliveryID)
		}
		ev := models.DeliveryEvent{AppID: appID, DeliveryID: &d.ID, Vendor: d.Vendor, CertificateID: d.CertificateID, Stage: stage,
			Source: models.SourceDevice, Raw: raw, At: at.UTC(), ReceivedAt: time.Now().UTC()}
		if err := advance(tx, ev); err != nil {
			return err
		}
		return tx.Where("id = ?", d.ID).Take(&d).Error
	})
	if err != nil {
		return models.Delivery{}, fmt.Errorf("store: ack %s: %w", deliveryID, err)
	}
	return d, nil
}

// TracesOf returns each delivery's trace in the order it happened: the
// steps read from the delivery's row, then its receipts and acks.
func (s *Store) TracesOf(ctx context.Context, deliveryIDs []string) (map[string][]models.DeliveryEvent, error) {
	out := map[string][]models.DeliveryEvent{}
	if len(deliveryIDs) == 0 {
		return out, nil
	}
	var ds []models.Delivery
	if err := s.db.WithContext(ctx).Select("id", "app_id", "vendor", "certificate_id", "status", "code", "explanation", "vendor_message_id",
		"plan", "created_at", "sent_at", "finished_at").Where("id IN ?", deliveryIDs).Find(&ds).Error; err != nil {
		return nil, fmt.Errorf("store: traces: %w", err)
	}
	for _, d := range ds {
		out[d.ID] = d.OwnSteps()
	}
	var evs []models.DeliveryEvent
	if err := s.db.WithContext(ctx).Where("delivery_id IN ?", deliveryIDs).Order("at, id").Find(&evs).Error; err != nil {
		return nil, fmt.Errorf("store: traces: %w", err)
	}
	for _, e := range evs {
		out[*e.DeliveryID] = append(out[*e.DeliveryID], e)
	}
	for id, trace := range out {
		out[id] = models.InOrder(trace)
	}
	return out, nil
}

// Receipts lists an app's latest receipts, matched or not, newest first.
func (s *Store) Receipts(ctx context.Context, appID int64, unmatchedOnly bool, limit int) ([]models.DeliveryEvent, error) {
	q := s.db.WithContext(ctx).Where("app_id = ? AND source = ?", appID, models.SourceReceipt)
	if unmatchedOnly {
		q = q.Where("delivery_id IS NULL")
	}
	var out []models.DeliveryEvent
	if err := q.Order("received_at DESC, id DESC").Limit(limit).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: receipts: %w", err)
	}
	return out, nil
}

// DeleteHistoryBefore removes test pushes created before cutoff, with
// their deliveries and traces, and unmatched receipts received before it.
func (s *Store) DeleteHistoryBefore(ctx context.Context, cutoff time.Time) (pushes, receipts int64, err error) {
	err = s.tx(ctx, func(tx *gorm.DB) error {
		old := tx.Model(&models.Push{}).Select("id").Where("created_at < ?", cutoff.UTC())
		oldDeliveries := tx.Model(&models.Delivery{}).Select("id").Where("push_id IN (?)", old)
		// Children first: SQLite enforces the foreign keys but the
		// explicit order keeps the deletes plain on both databases.
		if err := tx.Where("delivery_id IN (?)", oldDeliveries).Delete(&models.DeliveryEvent{}).Error; err != nil {
			return err
		}
		if err := tx.Where("push_id IN (?)", old).Delete(&models.Delivery{}).Error; err != nil {
			return err
		}
		res := tx.Where("created_at < ?", cutoff.UTC()).Delete(&models.Push{})
		if res.Error != nil {
			return res.Error
		}
		pushes = res.RowsAffected
		res = tx.Where("delivery_id IS NULL AND received_at < ?", cutoff.UTC()).Delete(&models.DeliveryEvent{})
		receipts = res.RowsAffected
		return res.Error
	})
	if err != nil {
		return 0, 0, fmt.Errorf("store: delete history: %w", err)
	}
	return pushes, receipts, nil
}
