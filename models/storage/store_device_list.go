package storage

import (
	"context"
	"fmt"

	"github.com/pushcheck/pushcheck/models"
	"gorm.io/gorm"
)

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
		q = q.Where("state = ? AND last_seen_at < ?", models.StateForeground, f.StaleBefore.UTC())
	case string(models.StateForeground):
		q = q.Where("state = ? AND last_seen_at >= ?", models.StateForeground, f.StaleBefore.UTC())
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

// CountDevices counts the app's devices by vendor and by state, within the
// filter's search and platform/certificate narrowing. Both counts come from
// one grouped query over the (app_id, vendor, state) index.
func (s *Store) CountDevices(ctx context.Context, appID int64, f models.DeviceFilter) (models.DeviceCounts, error) {
	f.Vendor, f.State = "", ""
	type row struct {
		Vendor models.Vendor
		State  models.State
		Stale  bool
		N      int64
	}
	var rows []row
	err := s.filteredDevices(ctx, appID, f).
		Select("vendor, state, (state = ? AND last_seen_at < ?) AS stale, COUNT(*) AS n", models.StateForeground, f.StaleBefore.UTC()).
		Group("vendor, state, stale").
		Scan(&rows).Error
	if err != nil {
		return models.DeviceCounts{}, fmt.Errorf("store: count devices: %w", err)
	}
	c := models.DeviceCounts{ByVendor: map[models.Vendor]int64{}, ByState: map[string]int64{}}
	for _, r := range rows {
		c.Total += r.N
		c.ByVendor[r.Vendor] += r.N
		state := string(r.State)
		if r.Stale {
			state = models.StateFilterStale
		}
		c.ByState[state] += r.N
	}
	return c, nil
}
