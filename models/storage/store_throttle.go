package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// DefaultLoginPolicy is 5 failures in 15 minutes → 15 minutes locked.
func DefaultLoginPolicy() models.LoginPolicy {
	return models.LoginPolicy{MaxFailures: 5, Window: 15 * time.Minute, Lockout: 15 * time.Minute}
}

// LoginLockedUntil returns the latest lock among the subjects, or the zero
// time when none is locked.
func (s *Store) LoginLockedUntil(ctx context.Context, now time.Time, subjects ...string) (time.Time, error) {
	var rows []struct{ LockedUntil time.Time }
	err := s.db.WithContext(ctx).Table("login_throttles").
		Select("locked_until").
		Where("subject IN ? AND locked_until > ?", subjects, now.UTC()).
		Order("locked_until DESC").Limit(1).
		Scan(&rows).Error
	if err != nil {
		return time.Time{}, fmt.Errorf("store: login lock lookup: %w", err)
	}
	if len(rows) == 0 {
		return time.Time{}, nil
	}
	return rows[0].LockedUntil, nil
}

// RecordLoginFailure counts one failure for the subject, atomically on both
// databases, and locks it when the policy says so.
func (s *Store) RecordLoginFailure(ctx context.Context, subject string, now time.Time, p models.LoginPolicy) error {
	now = now.UTC()
	windowStart := now.Add(-p.Window)
	var failures int
	err := s.db.WithContext(ctx).Raw(`
INSERT INTO login_throttles (subject, failures, window_start, locked_until) VALUES (?, 1, ?, NULL)
ON CONFLICT (subject) DO UPDATE SET
	failures = CASE WHEN login_throttles.window_start < ? THEN 1 ELSE login_throttles.failures + 1 END,
	window_start = CASE WHEN login_throttles.window_start < ? THEN excluded.window_start ELSE login_throttles.window_start END
RETURNING failures`, subject, now, windowStart, windowStart).Scan(&failures).Error
	if err != nil {
		return fmt.Errorf("store: record login failure: %w", err)
	}
	if failures < p.MaxFailures {
		return nil
	}
	err = s.db.WithContext(ctx).Exec(`UPDATE login_throttles SET locked_until = ?, failures = 0, window_start = ? WHERE subject = ?`,
		now.Add(p.Lockout), now, subject).Error
	if err != nil {
		return fmt.Errorf("store: lock login: %w", err)
	}
	return nil
}

// ClearLoginFailures forgets the failures of a subject after a good sign-in.
func (s *Store) ClearLoginFailures(ctx context.Context, subject string) error {
	if err := s.db.WithContext(ctx).Exec(`DELETE FROM login_throttles WHERE subject = ?`, subject).Error; err != nil {
		return fmt.Errorf("store: clear login failures: %w", err)
	}
	return nil
}
