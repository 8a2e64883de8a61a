package storage

import (
	"context"
	"fmt"

	"github.com/pushcheck/pushcheck/models"
)

// SandboxCertificates lists every app's sandbox certificates with their
// sealed secrets: the credentials the sandbox's emulators accept from any
// client.
func (s *Store) SandboxCertificates(ctx context.Context) ([]models.Certificate, error) {
	var out []models.Certificate
	if err := s.db.WithContext(ctx).Where("environment = ?", models.CertSandbox).Order("app_id, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: sandbox certificates: %w", err)
	}
	return out, nil
}
