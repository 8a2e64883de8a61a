package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// Audit writes an entry.
func (s *Store) Audit(ctx context.Context, e models.AuditEntry) error {
	e.ID = 0
	if e.At.IsZero() {
		e.At = time.Now()
	}
	e.At = e.At.UTC()
	if err := s.db.WithContext(ctx).Create(&e).Error; err != nil {
		return fmt.Errorf("store: audit %s: %w", e.Action, err)
	}
	return nil
}

// AuditLog lists entries matching f, newest first.
func (s *Store) AuditLog(ctx context.Context, f models.AuditFilter) ([]models.AuditEntry, error) {
	q := s.db.WithContext(ctx).Model(&models.AuditEntry{})
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.Actor != "" {
		q = q.Where("actor = ?", f.Actor)
	}
	if f.AppID > 0 {
		q = q.Where("app_id = ?", f.AppID)
	}
	if !f.From.IsZero() {
		q = q.Where("at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		q = q.Where("at < ?", f.To.UTC())
	}
	if f.Before > 0 {
		q = q.Where("id < ?", f.Before)
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	var out []models.AuditEntry
	if err := q.Order("id DESC").Limit(limit).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	return out, nil
}

// PruneAudit removes entries older than cutoff.
func (s *Store) PruneAudit(ctx context.Context, cutoff time.Time) (int64, error) {
	res := s.db.WithContext(ctx).Where("at < ?", cutoff.UTC()).Delete(&models.AuditEntry{})
	if res.Error != nil {
		return 0, fmt.Errorf("store: prune audit: %w", res.Error)
	}
	return res.RowsAffected, nil
}
