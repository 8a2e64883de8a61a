package storage

import (
	"context"
	"fmt"

	"github.com/pushcheck/pushcheck/models"
)

// lookupBatch bounds the IDs bound in one IN list.
const lookupBatch = 1000

// DevicesByDeviceIDs finds the app's devices with these IDs, in a few
// queries however long the list; IDs not registered are missing from the
// map.
func (s *Store) DevicesByDeviceIDs(ctx context.Context, appID int64, ids []string) (map[string]models.Device, error) {
	out := make(map[string]models.Device, len(ids))
	for start := 0; start < len(ids); start += lookupBatch {
		var ds []models.Device
		batch := ids[start:min(start+lookupBatch, len(ids))]
		if err := s.db.WithContext(ctx).Where("app_id = ? AND device_id IN ?", appID, batch).Find(&ds).Error; err != nil {
			return nil, fmt.Errorf("store: devices by ID: %w", err)
		}
		for _, d := range ds {
			out[d.DeviceID] = d
		}
	}
	return out, nil
}

// TargetDevicesOfUser lists up to limit of a user's devices for a push,
// most recently heard from first.
func (s *Store) TargetDevicesOfUser(ctx context.Context, appID int64, userID string, limit int) ([]models.Device, error) {
	var out []models.Device
	err := s.db.WithContext(ctx).Where("app_id = ? AND user_id = ?", appID, userID).Order("last_seen_at DESC, id DESC").Limit(limit).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: devices of user %s: %w", userID, err)
	}
	return out, nil
}
