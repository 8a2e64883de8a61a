package storage

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/secrets"
)

// CreateCertificate stores a prepared certificate; the database assigns the
// certificate ID.
func (s *Store) CreateCertificate(ctx context.Context, c models.Certificate) (models.Certificate, error) {
	now := time.Now().UTC()
	c.ID, c.CreatedAt, c.UpdatedAt = 0, now, now
	if c.ReceiptSecret == "" {
		c.ReceiptSecret = models.NewReceiptSecret()
	}
	if c.Warnings == nil {
		c.Warnings = []string{} // the column holds a JSON list, never NULL
	}
	if err := s.db.WithContext(ctx).Create(&c).Error; err != nil {
		return models.Certificate{}, fmt.Errorf("store: create certificate: %w", err)
	}
	return c, nil
}

// UpdateCertificate saves a changed certificate of the app.
func (s *Store) UpdateCertificate(ctx context.Context, c models.Certificate) (models.Certificate, error) {
	c.UpdatedAt = time.Now().UTC()
	if c.Warnings == nil {
		c.Warnings = []string{}
	}
	res := s.db.WithContext(ctx).Where("app_id = ?", c.AppID).Select("*").Omit("created_at").Updates(&c)
	if res.Error != nil {
		return models.Certificate{}, fmt.Errorf("store: update certificate %d: %w", c.ID, res.Error)
	}
	if res.RowsAffected == 0 {
		return models.Certificate{}, models.NotFound("certificate %d does not exist in this app", c.ID)
	}
	return c, nil
}

// CertificateByID finds one certificate of the app.
func (s *Store) CertificateByID(ctx context.Context, appID, id int64) (models.Certificate, error) {
	var c models.Certificate
	if err := s.db.WithContext(ctx).Where("app_id = ? AND id = ?", appID, id).Take(&c).Error; err != nil {
		return models.Certificate{}, fmt.Errorf("store: certificate %d: %w", id, notFound(err, "certificate %d does not exist in this app", id))
	}
	return c, nil
}

// CertificatesOfApp lists an app's certificates by ID.
func (s *Store) CertificatesOfApp(ctx context.Context, appID int64) ([]models.Certificate, error) {
	var out []models.Certificate
	if err := s.db.WithContext(ctx).Where("app_id = ?", appID).Order("id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: certificates of app %d: %w", appID, err)
	}
	return out, nil
}

// DeleteCertificate removes a certificate. Devices keep reporting its ID,
// and will show it as unknown.
func (s *Store) DeleteCertificate(ctx context.Context, appID, id int64) error {
	res := s.db.WithContext(ctx).Where("app_id = ? AND id = ?", appID, id).Delete(&models.Certificate{})
	if res.Error != nil {
		return fmt.Errorf("store: delete certificate %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return models.NotFound("certificate %d does not exist in this app", id)
	}
	return nil
}

// RecordCertificateCheck stores the outcome of a health check.
func (s *Store) RecordCertificateCheck(ctx context.Context, appID, id int64, ok bool, message string, at time.Time) error {
	res := s.db.WithContext(ctx).Model(&models.Certificate{}).Where("app_id = ? AND id = ?", appID, id).
		// UpdateColumns leaves updated_at alone: a check changes nothing
		// about the certificate itself.
		UpdateColumns(map[string]any{"checked_at": at.UTC(), "check_ok": ok, "check_message": message})
	if res.Error != nil {
		return fmt.Errorf("store: record check of certificate %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return models.NotFound("certificate %d does not exist in this app", id)
	}
	return nil
}

// SaveCertificate loads a stored certificate (id != 0) or starts a new one,
// lets apply change it and its opened secrets, then seals the secrets and
// stores the result. Vendor checks live in apply, so every caller (pages,
// API, demo) goes through the same ones.
func (s *Store) SaveCertificate(ctx context.Context, sealer *secrets.Sealer, appID, id int64, apply func(*models.Certificate, *models.CertificateSecrets) error) (models.Certificate, error) {
	c := models.Certificate{AppID: appID}
	var secrets models.CertificateSecrets
	if id != 0 {
		var err error
		if c, err = s.CertificateByID(ctx, appID, id); err != nil {
			return models.Certificate{}, err
		}
		if secrets, err = sealer.OpenCertificateSecrets(c); err != nil {
			return models.Certificate{}, err
		}
	}
	if err := apply(&c, &secrets); err != nil {
		return models.Certificate{}, err
	}
	sealed, err := sealer.SealCertificateSecrets(secrets)
	if err != nil {
		return models.Certificate{}, err
	}
	c.SealedSecrets = sealed
	if id == 0 {
		return s.CreateCertificate(ctx, c)
	}
	return s.UpdateCertificate(ctx, c)
}

// certificateSummary is what pages show beside a device: no credentials,
// no facts, so listing devices never reads sealed secrets.
const certificateSummary = "id, app_id, vendor, name, environment, check_ok, checked_at"

// KnownCertificates returns which of the IDs are certificates of this app,
// with the fields pages show beside a device, to flag unknown ones.
func (s *Store) KnownCertificates(ctx context.Context, appID int64, ids []int64) (map[int64]models.Certificate, error) {
	return s.certificatesByID(ctx, appID, ids, certificateSummary)
}

// certificateWithoutSecrets is every column but the sealed credentials,
// for the diagnosis, which reads settings and facts but never secrets.
const certificateWithoutSecrets = "id, app_id, vendor, name, environment, settings, click_action, topic, apns_environment, expires_at, warnings, checked_at, check_ok, check_message, created_at, updated_at"

// CertificatesForDiagnosis loads certificates without their credentials.
func (s *Store) CertificatesForDiagnosis(ctx context.Context, appID int64, ids []int64) (map[int64]models.Certificate, error) {
	return s.certificatesByID(ctx, appID, ids, certificateWithoutSecrets)
}

// CertificatesByID loads whole certificates, for sending.
func (s *Store) CertificatesByID(ctx context.Context, appID int64, ids []int64) (map[int64]models.Certificate, error) {
	return s.certificatesByID(ctx, appID, ids, "*")
}

func (s *Store) certificatesByID(ctx context.Context, appID int64, ids []int64, columns string) (map[int64]models.Certificate, error) {
	out := map[int64]models.Certificate{}
	if len(ids) == 0 {
		return out, nil
	}
	// Callers pass one ID per device: a 10,000-device push names a few
	// certificates 10,000 times, and every bound parameter costs.
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	var certs []models.Certificate
	if err := s.db.WithContext(ctx).Select(columns).Where("app_id = ? AND id IN ?", appID, ids).Find(&certs).Error; err != nil {
		return nil, fmt.Errorf("store: certificates: %w", err)
	}
	for _, c := range certs {
		out[c.ID] = c
	}
	return out, nil
}
