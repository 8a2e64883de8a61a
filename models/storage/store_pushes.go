package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"gorm.io/gorm"
)

// StartPush records a push and its deliveries before any vendor is called:
// the ones to send as "queued", the others as "skipped" with their reason,
// each with the first event of its trace.
func (s *Store) StartPush(ctx context.Context, p models.Push, deliveries []models.Delivery) (models.Push, []models.Delivery, error) {
	now := time.Now().UTC()
	p.ID, p.CreatedAt = 0, now
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&p).Error; err != nil {
			return err
		}
		events := make([]models.DeliveryEvent, 0, len(deliveries))
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
			events = append(events, models.DeliveryEvent{AppID: p.AppID, DeliveryID: &d.ID, Vendor: d.Vendor, CertificateID: d.CertificateID,
				Stage: d.Stage, Source: models.SourcePushcheck, Code: d.Code, Explanation: d.Explanation, At: now, ReceivedAt: now})
		}
		if len(deliveries) == 0 {
			return nil
		}
		if err := tx.Create(&deliveries).Error; err != nil {
			return err
		}
		return tx.Create(&events).Error
	})
	if err != nil {
		return models.Push{}, nil, fmt.Errorf("store: start push: %w", err)
	}
	return p, deliveries, nil
}

// MarkSent records that a delivery's vendor call starts.
func (s *Store) MarkSent(ctx context.Context, d models.Delivery, at time.Time) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		return advance(tx, models.DeliveryEvent{AppID: d.AppID, DeliveryID: &d.ID, Vendor: d.Vendor, CertificateID: d.CertificateID,
			Stage: models.StageSent, Source: models.SourcePushcheck, At: at.UTC(), ReceivedAt: at.UTC()})
	})
}

// FinishDelivery stores the vendor's answer for one delivery and moves it
// to the answer's stage, unless a receipt already took it further.
func (s *Store) FinishDelivery(ctx context.Context, d models.Delivery) error {
	now := time.Now().UTC()
	err := s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&models.Delivery{}).Where("id = ?", d.ID).Updates(map[string]any{
			"status": d.Status, "kind": d.Kind, "http_status": d.HTTPStatus, "code": d.Code, "explanation": d.Explanation, "fix": d.Fix,
			"vendor_message_id": d.VendorMessageID, "unique_id": d.UniqueID, "latency_ms": d.LatencyMS,
			"request": d.Request, "response": d.Response, "finished_at": now,
		})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return models.NotFound("delivery %s does not exist", d.ID)
		}
		return advance(tx, models.DeliveryEvent{AppID: d.AppID, DeliveryID: &d.ID, Vendor: d.Vendor, CertificateID: d.CertificateID,
			Stage: models.StageOfStatus(d.Status), Source: models.SourceVendor, Code: d.Code, Explanation: d.Explanation,
			VendorMessageID: d.VendorMessageID, At: now, ReceivedAt: now})
	})
	if err != nil {
		return fmt.Errorf("store: finish delivery %s: %w", d.ID, err)
	}
	return nil
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
