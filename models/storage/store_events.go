package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// DeviceTimeline lists a device's events, newest first, before the cursor.
func (s *Store) DeviceTimeline(ctx context.Context, devicePK int64, before int64, limit int) ([]models.DeviceEvent, error) {
	q := s.db.WithContext(ctx).Where("device_pk = ?", devicePK)
	if before > 0 {
		q = q.Where("id < ?", before)
	}
	var out []models.DeviceEvent
	if err := q.Order("id DESC").Limit(limit).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: timeline of device %d: %w", devicePK, err)
	}
	return out, nil
}

// DevicesMovedAway lists the recent moves of devices from this user to
// another one: a frequent, invisible cause of "my pushes stopped".
func (s *Store) DevicesMovedAway(ctx context.Context, appID int64, userID string, limit int) ([]models.DeviceEvent, error) {
	var out []models.DeviceEvent
	err := s.db.WithContext(ctx).Where("app_id = ? AND user_id = ? AND kind = ?", appID, userID, models.EventMovedAway).
		Order("id DESC").Limit(limit).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: devices moved away from %s: %w", userID, err)
	}
	return out, nil
}

// PruneDeviceEvents deletes timeline entries older than the cutoff, keeping
// the table bounded however chatty the devices are.
func (s *Store) PruneDeviceEvents(ctx context.Context, cutoff time.Time) (int64, error) {
	res := s.db.WithContext(ctx).Where("created_at < ?", cutoff.UTC()).Delete(&models.DeviceEvent{})
	if res.Error != nil {
		return 0, fmt.Errorf("store: prune device events: %w", res.Error)
	}
	return res.RowsAffected, nil
}
