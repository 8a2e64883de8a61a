package storage

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"

	"github.com/pushcheck/pushcheck/models"
)

// CertificatesToWatch lists the certificates of every app that expire by
// expiringBy or whose last Test connection failed, without
// their sealed secrets: what the alert banner and the daily check look at.
// Sandbox certificates reach only the emulator and are left out.
func (s *Store) CertificatesToWatch(ctx context.Context, expiringBy time.Time) ([]models.Certificate, error) {
	var out []models.Certificate
	err := s.db.WithContext(ctx).Omit("secrets").
		Where("environment <> ? AND (expires_at <= ? OR check_ok = ?)", models.CertSandbox, expiringBy.UTC(), false).
		Order("app_id, id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: certificates to watch: %w", err)
	}
	return out, nil
}

// ProductionCertificates lists every app's production certificates with
// their secrets, for the daily Test connection.
func (s *Store) ProductionCertificates(ctx context.Context) ([]models.Certificate, error) {
	var out []models.Certificate
	if err := s.db.WithContext(ctx).Where("environment = ?", models.CertProduction).Order("app_id, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: production certificates: %w", err)
	}
	return out, nil
}

// RecordAlert remembers that an alert was sent and reports whether it is
// new. Two instances recording the same alert at once: one row, one true.
func (s *Store) RecordAlert(ctx context.Context, certificateID int64, kind, subject string, at time.Time) (bool, error) {
	res := s.db.WithContext(ctx).Exec(`INSERT INTO certificate_alerts (certificate_id, kind, subject, alerted_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (certificate_id, kind, subject) DO NOTHING`, certificateID, kind, subject, at.UTC())
	if res.Error != nil {
		return false, fmt.Errorf("store: record %s alert of certificate %d: %w", kind, certificateID, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// ForgetPassedCheckAlerts forgets the failed-check alerts of certificates
// whose last Test connection passed, so that their next failure is told.
func (s *Store) ForgetPassedCheckAlerts(ctx context.Context) (int64, error) {
	res := s.db.WithContext(ctx).Exec(`DELETE FROM certificate_alerts WHERE kind = ?
		AND certificate_id IN (SELECT id FROM certificates WHERE check_ok = ?)`, string(models.AlertCheckFailed), true)
	if res.Error != nil {
		return 0, fmt.Errorf("store: forget passed check alerts: %w", res.Error)
	}
	return res.RowsAffected, nil
}

// ClaimDailyRun reports whether this caller may start the named job now:
// true when it has never run or last started at least every ago, and the
// start is recorded in the same statement, so of several instances
// claiming at once exactly one wins.
func (s *Store) ClaimDailyRun(ctx context.Context, name string, now time.Time, every time.Duration) (bool, error) {
	res := s.db.WithContext(ctx).Exec(`INSERT INTO daily_runs (name, started_at) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET started_at = excluded.started_at WHERE daily_runs.started_at <= ?`,
		name, now.UTC(), now.Add(-every).UTC())
	if res.Error != nil {
		return false, fmt.Errorf("store: claim %s: %w", name, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// WebhookOfApp finds the app's alert webhook.
func (s *Store) WebhookOfApp(ctx context.Context, appID int64) (models.AlertWebhook, error) {
	var w models.AlertWebhook
	if err := s.db.WithContext(ctx).Where("app_id = ?", appID).Take(&w).Error; err != nil {
		return models.AlertWebhook{}, fmt.Errorf("store: webhook of app %d: %w", appID, notFound(err, "app %d has no alert webhook", appID))
	}
	return w, nil
}

// SaveWebhook creates or replaces the app's webhook. The last delivery is
// cleared: it was to the webhook as it was.
func (s *Store) SaveWebhook(ctx context.Context, w models.AlertWebhook) (models.AlertWebhook, error) {
	now := time.Now().UTC()
	if w.CreatedAt.IsZero() {
		w.CreatedAt = now
	}
	w.UpdatedAt, w.LastDeliveryAt, w.LastDeliveryOK, w.LastDeliveryMessage = now, nil, nil, ""
	err := s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns: []clause.Column{{Name: "app_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"kind", "url_shown", "secrets", "secret_set",
			"last_delivery_at", "last_delivery_ok", "last_delivery_message", "updated_at"}),
	}).Create(&w).Error
	if err != nil {
		return models.AlertWebhook{}, fmt.Errorf("store: save webhook of app %d: %w", w.AppID, err)
	}
	return w, nil
}

// DeleteWebhook removes the app's webhook.
func (s *Store) DeleteWebhook(ctx context.Context, appID int64) error {
	res := s.db.WithContext(ctx).Where("app_id = ?", appID).Delete(&models.AlertWebhook{})
	if res.Error != nil {
		return fmt.Errorf("store: delete webhook of app %d: %w", appID, res.Error)
	}
	if res.RowsAffected == 0 {
		return models.NotFound("app %d has no alert webhook", appID)
	}
	return nil
}

// RecordWebhookDelivery stores how the last post to the app's webhook
// ended, for its settings page.
func (s *Store) RecordWebhookDelivery(ctx context.Context, appID int64, d models.WebhookDelivery) error {
	res := s.db.WithContext(ctx).Model(&models.AlertWebhook{}).Where("app_id = ?", appID).
		UpdateColumns(map[string]any{"last_delivery_at": d.At.UTC(), "last_delivery_ok": d.OK, "last_delivery_message": d.Message})
	if res.Error != nil {
		return fmt.Errorf("store: record webhook delivery of app %d: %w", appID, res.Error)
	}
	if res.RowsAffected == 0 {
		return models.NotFound("app %d has no alert webhook", appID)
	}
	return nil
}
