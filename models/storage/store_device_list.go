package storage

import (
	"context"
	"fmt"

	"github.com/pushcheck/pushcheck/models"
	"gorm.io/gorm"
)

// isForeground is written as a literal, not a parameter: only then can
// the planner use the partial index of foreground devices
// (devices_foreground_seen), PostgreSQL's generic plans and SQLite alike.
const isForeground = "state = '" + string(models.StateForeground) + "'"

func (s *Store) filteredDevices(ctx context.Context, appID int64, f models.DeviceFilter) *gorm.DB {
	q := s.db.WithContext(ctx).Model(&models.Device{}).Where("app_id = ?", appID)
	if f.Vendor != "" {
		q = q.Where("vendor = ?", f.Vendor)
	}
	if f.Platform != "" {
		q = q.Where("platform = ?", f.Platform)
	}
	if f.CertificateID != 0 {
		q = q.Where("certificate_id = ?", f.CertificateID)
	}
	switch f.State {
	case "":
	case models.StateFilterStale:
		q = q.Where(isForeground+" AND last_seen_at < ?", f.StaleBefore.UTC())
	case string(models.StateForeground):
		q = q.Where(isForeground+" AND last_seen_at >= ?", f.StaleBefore.UTC())
	default:
		q = q.Where("state = ?", f.State)
	}
	if f.Query != "" {
		lo, hi := models.TokenPrefixRange(f.Query)
		q = q.Where("(user_id = ? OR (token >= ? AND token < ?))", f.Query, lo, hi)
	}
	return q
}

// ListDevices returns one keyset page of the app's devices, newest first.
func (s *Store) ListDevices(ctx context.Context, appID int64, f models.DeviceFilter) (models.DeviceListPage, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	q := s.filteredDevices(ctx, appID, f)
	if f.Before > 0 {
		q = q.Where("id < ?", f.Before)
	}
	var out []models.Device
	if err := q.Order("id DESC").Limit(f.Limit + 1).Find(&out).Error; err != nil {
		return models.DeviceListPage{}, fmt.Errorf("store: list devices: %w", err)
	}
	page := models.DeviceListPage{Devices: out}
	if len(out) > f.Limit {
		page.Devices = out[:f.Limit]
		page.Next = page.Devices[f.Limit-1].ID
	}
	return page, nil
}
