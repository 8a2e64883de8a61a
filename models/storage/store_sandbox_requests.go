package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// RecordSandboxRequests writes a batch of the emulators' request log in
// one statement.
func (s *Store) RecordSandboxRequests(ctx context.Context, rs []models.SandboxRequest) error {
	if len(rs) == 0 {
		return nil
	}
	for i := range rs {
		r := &rs[i]
		r.ID, r.At = 0, r.At.UTC()
		// JSON columns are NOT NULL: nothing is an empty list.
		if r.Tokens == nil {
			r.Tokens = []string{}
		}
		if r.Broken == nil {
			r.Broken = []models.Finding{}
		}
		if r.Notes == nil {
			r.Notes = []models.Finding{}
		}
	}
	if err := s.db.WithContext(ctx).CreateInBatches(rs, 200).Error; err != nil {
		return fmt.Errorf("store: record %d sandbox requests: %w", len(rs), err)
	}
	return nil
}

// SandboxRequests lists the sandbox requests of an app matching f, newest
// first, with those whose credentials no certificate holds: the sandbox
// is shared, and a refused stranger is what a team debugging its own
// server looks for. A certificate filter keeps to the app's own.
func (s *Store) SandboxRequests(ctx context.Context, f models.SandboxRequestFilter) ([]models.SandboxRequest, error) {
	q := s.db.WithContext(ctx).Model(&models.SandboxRequest{})
	if f.CertificateID > 0 {
		q = q.Where("app_id = ? AND certificate_id = ?", f.AppID, f.CertificateID)
	} else {
		q = q.Where("(app_id = ? OR app_id IS NULL)", f.AppID)
	}
	if f.Vendor != "" {
		q = q.Where("vendor = ?", f.Vendor)
	}
	if f.Verdict != "" {
		q = q.Where("verdict = ?", f.Verdict)
	}
	if f.TokenHash != "" {
		q = q.Where("token_hashes LIKE ?", "%"+f.TokenHash+"%")
	}
	if f.Before > 0 {
		q = q.Where("id < ?", f.Before)
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var out []models.SandboxRequest
	if err := q.Order("id DESC").Limit(limit).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: sandbox requests of app %d: %w", f.AppID, err)
	}
	return out, nil
}

// PruneSandboxRequests removes requests older than cutoff, then all but
// the newest perApp of each app (and of the requests of no app).
func (s *Store) PruneSandboxRequests(ctx context.Context, cutoff time.Time, perApp int) (int64, error) {
	db := s.db.WithContext(ctx)
	res := db.Where("at < ?", cutoff.UTC()).Delete(&models.SandboxRequest{})
	if res.Error != nil {
		return 0, fmt.Errorf("store: prune sandbox requests: %w", res.Error)
	}
	removed := res.RowsAffected
	var over []struct {
		AppID *int64
	}
	err := db.Model(&models.SandboxRequest{}).Select("app_id").Group("app_id").Having("COUNT(*) > ?", perApp).Find(&over).Error
	if err != nil {
		return removed, fmt.Errorf("store: prune sandbox requests: %w", err)
	}
	for _, o := range over {
		scope := db.Model(&models.SandboxRequest{}).Select("id").Order("id DESC").Offset(perApp).Limit(1)
		if o.AppID == nil {
			scope = scope.Where("app_id IS NULL")
		} else {
			scope = scope.Where("app_id = ?", *o.AppID)
		}
		var oldestKept []int64
		if err := scope.Find(&oldestKept).Error; err != nil {
			return removed, fmt.Errorf("store: prune sandbox requests: %w", err)
		}
		if len(oldestKept) == 0 {
			continue
		}
		del := db.Where("id <= ?", oldestKept[0])
		if o.AppID == nil {
			del = del.Where("app_id IS NULL")
		} else {
			del = del.Where("app_id = ?", *o.AppID)
		}
		res := del.Delete(&models.SandboxRequest{})
		if res.Error != nil {
			return removed, fmt.Errorf("store: prune sandbox requests: %w", res.Error)
		}
		removed += res.RowsAffected
	}
	return removed, nil
}
