package storage

import (
	"context"
	"fmt"
	"strconv"

	"github.com/pushcheck/pushcheck/models"
)

// countLimit is one more than the cap, so that reaching it shows the cap
// was passed.
func countLimit() string { return strconv.Itoa(models.DeviceCountCap + 1) }

// CountDevices counts the app's devices by vendor and by state, within the
// filter's search and platform/certificate narrowing (its vendor and state
// are what the counts are for, so they are ignored).
func (s *Store) CountDevices(ctx context.Context, appID int64, f models.DeviceFilter) (models.DeviceCounts, error) {
	f.Vendor, f.State = "", ""
	var c models.DeviceCounts
	var err error
	if f.Query != "" {
		c, err = s.countSearchedDevices(ctx, appID, f)
	} else {
		c, err = s.countAllDevices(ctx, appID, f)
	}
	if err != nil {
		return models.DeviceCounts{}, fmt.Errorf("store: count devices: %w", err)
	}
	return c, nil
}

// deviceCountRow is a number of devices of a vendor in a state; the
// bounded counts of fresh and stale foreground devices come as state
// "fresh" and "stale" with no vendor.
type deviceCountRow struct {
	Vendor models.Vendor
	State  string
	N      int64
}

// countAllDevices reads the exact totals by vendor and state from the
// counters, and splits foreground devices into fresh and stale with counts
// bounded on the index of foreground devices, all in one statement so that
// they come from one snapshot and add up. Fresh devices (heard from within
// the staleness window) are counted first: they are the few that are
// active now, and stale = foreground - fresh. Stale ones, which pile up
// from apps killed in the foreground, are counted only when fresh ones
// pass the cap (a CASE runs its subquery only when taken).
func (s *Store) countAllDevices(ctx context.Context, appID int64, f models.DeviceFilter) (models.DeviceCounts, error) {
	narrow, narrowArgs := "", []any{}
	if f.Platform != "" {
		narrow, narrowArgs = narrow+" AND platform = ?", append(narrowArgs, f.Platform)
	}
	if f.CertificateID != 0 {
		narrow, narrowArgs = narrow+" AND certificate_id = ?", append(narrowArgs, f.CertificateID)
	}
	bounded := func(cmp string) string {
		return "SELECT COUNT(*) AS n FROM (SELECT 1 FROM devices WHERE app_id = ? AND " + isForeground +
			" AND last_seen_at " + cmp + " ?" + narrow + " LIMIT " + countLimit() + ") found"
	}
	sql := "WITH fresh AS (" + bounded(">=") + ")" +
		" SELECT vendor, state, CAST(SUM(n) AS BIGINT) AS n FROM device_counts WHERE app_id = ?" + narrow + " GROUP BY vendor, state" +
		" UNION ALL SELECT '', 'fresh', n FROM fresh" +
		" UNION ALL SELECT '', 'stale', CASE WHEN (SELECT n FROM fresh) > " + strconv.Itoa(models.DeviceCountCap) +
		" THEN (" + bounded("<") + ") ELSE -1 END"
	staleBefore := f.StaleBefore.UTC()
	args := append(append([]any{appID, staleBefore}, narrowArgs...), appID)
	args = append(append(args, narrowArgs...), appID, staleBefore)
	args = append(args, narrowArgs...)
	var rows []deviceCountRow
	if err := s.db.WithContext(ctx).Raw(sql, args...).Scan(&rows).Error; err != nil {
		return models.DeviceCounts{}, err
	}
	c := newDeviceCounts()
	stale, fresh := int64(-1), int64(0)
	for _, r := range rows {
		switch {
		case r.Vendor == "" && r.State == models.StateFilterStale:
			stale = r.N
		case r.Vendor == "" && r.State == "fresh":
			fresh = r.N
		default:
			c.Total += r.N
			c.ByVendor[r.Vendor] += r.N
			c.ByState[r.State] += r.N
		}
	}
	splitForeground(&c, fresh, stale)
	return c, nil
}

// splitForeground divides the exact number of foreground devices into
// fresh and stale from their bounded counts (stale -1: not counted, as
// fresh ones were below the cap): one below the cap gives the other
// exactly; both past it are both lower bounds.
func splitForeground(c *models.DeviceCounts, fresh, stale int64) {
	all := c.ByState[string(models.StateForeground)]
	limit := int64(models.DeviceCountCap)
	switch {
	case fresh <= limit:
		c.ByState[models.StateFilterStale], c.ByState[string(models.StateForeground)] = all-fresh, fresh
	case stale <= limit:
		c.ByState[models.StateFilterStale], c.ByState[string(models.StateForeground)] = stale, all-stale
	default:
		c.ByState[models.StateFilterStale], c.ByState[string(models.StateForeground)] = limit, limit
		c.StateAtLeast[models.StateFilterStale], c.StateAtLeast[string(models.StateForeground)] = true, true
	}
}

// countSearchedDevices counts the devices a free-text query matches, up to
// models.SearchCountCap: a user's devices are a handful, a short token
// prefix may match a million.
func (s *Store) countSearchedDevices(ctx context.Context, appID int64, f models.DeviceFilter) (models.DeviceCounts, error) {
	found := s.filteredDevices(ctx, appID, f).Select("vendor, state, last_seen_at").Limit(models.SearchCountCap + 1)
	var rows []struct {
		Vendor models.Vendor
		State  string
		Stale  bool
		N      int64
	}
	err := s.db.WithContext(ctx).Table("(?) AS found", found).
		Select("vendor, state, ("+isForeground+" AND last_seen_at < ?) AS stale, COUNT(*) AS n", f.StaleBefore.UTC()).
		Group("vendor, state, stale").Scan(&rows).Error
	if err != nil {
		return models.DeviceCounts{}, err
	}
	c := newDeviceCounts()
	for _, r := range rows {
		state := r.State
		if r.Stale {
			state = models.StateFilterStale
		}
		c.Total += r.N
		c.ByVendor[r.Vendor] += r.N
		c.ByState[state] += r.N
	}
	if c.Total > models.SearchCountCap {
		capAll(&c, models.SearchCountCap)
	}
	return c, nil
}

// capAll marks every number a lower bound, none above the cap.
func capAll(c *models.DeviceCounts, limit int64) {
	c.Total, c.TotalAtLeast, c.VendorAtLeast = min(c.Total, limit), true, true
	for v, n := range c.ByVendor {
		c.ByVendor[v] = min(n, limit)
	}
	for st, n := range c.ByState {
		c.ByState[st], c.StateAtLeast[st] = min(n, limit), true
	}
}

func newDeviceCounts() models.DeviceCounts {
	return models.DeviceCounts{ByVendor: map[models.Vendor]int64{}, ByState: map[string]int64{}, StateAtLeast: map[string]bool{}}
}
