package storage

import (
	"context"
	"fmt"

	"github.com/pushcheck/pushcheck/models"
)

// The reads of a metrics scrape: each runs every 15 s or so, so each reads
// little. Certificates are a few per app; the queue is counted through
// river's (state, queue, …) index, which leaves out the day of completed
// jobs kept for the record.

// CertificateHealth lists every certificate with its expiry and its last
// Test connection, and nothing else: no settings, no credentials.
func (s *Store) CertificateHealth(ctx context.Context) ([]models.Certificate, error) {
	var certs []models.Certificate
	if err := s.db.WithContext(ctx).Select("id, app_id, vendor, expires_at, checked_at, check_ok").Order("id").Find(&certs).Error; err != nil {
		return nil, fmt.Errorf("store: certificate health: %w", err)
	}
	return certs, nil
}

// QueuedJobs counts river's unfinished jobs of queue by state (available,
// scheduled, retryable, running). River's tables live in the same
// database (sending.MigrateQueue).
func (s *Store) QueuedJobs(ctx context.Context, queue string) (map[string]int64, error) {
	var rows []struct {
		State string
		N     int64
	}
	err := s.db.WithContext(ctx).Raw(`SELECT state, COUNT(*) AS n FROM river_job
		WHERE state IN ('available', 'scheduled', 'retryable', 'running') AND queue = ? GROUP BY state`, queue).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: queued jobs: %w", err)
	}
	out := make(map[string]int64, len(rows))
	for _, r := range rows {
		out[r.State] = r.N
	}
	return out, nil
}
