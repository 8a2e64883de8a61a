package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/secrets"
	"gorm.io/gorm"
)

// SetupTokenLifetime is how long the one-time setup link printed at start
// stays valid.
const SetupTokenLifetime = 24 * time.Hour

// CreateSetupToken issues the one-time link for creating the first admin.
// Earlier unused links are dropped: only the newest printed one works.
func (s *Store) CreateSetupToken(ctx context.Context) (string, error) {
	secret, err := secrets.NewToken("")
	if err != nil {
		return "", err
	}
	now := time.Now().UTC()
	err = s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("used_at IS NULL").Delete(&models.SetupToken{}).Error; err != nil {
			return err
		}
		return tx.Create(&models.SetupToken{Hash: secrets.HashToken(secret), CreatedAt: now, ExpiresAt: now.Add(SetupTokenLifetime)}).Error
	})
	if err != nil {
		return "", fmt.Errorf("store: create setup token: %w", err)
	}
	return secret, nil
}

// CheckSetupToken tells whether a setup link may still be used.
func (s *Store) CheckSetupToken(ctx context.Context, secret string) error {
	return s.tx(ctx, func(tx *gorm.DB) error { return checkSetupToken(tx, secret) })
}

func checkSetupToken(tx *gorm.DB, secret string) error {
	var n int64
	if err := tx.Model(&models.Operator{}).Count(&n).Error; err != nil {
		return fmt.Errorf("store: count operators: %w", err)
	}
	if n > 0 {
		return models.Errorf(models.CodePermissionDenied, "this console is already set up: sign in instead")
	}
	var tok models.SetupToken
	err := tx.Where("hash = ? AND used_at IS NULL AND expires_at > ?", secrets.HashToken(secret), time.Now().UTC()).Take(&tok).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.Errorf(models.CodePermissionDenied, "this setup link is unknown, used or expired: restart pushcheck to print a new one")
	}
	if err != nil {
		return fmt.Errorf("store: setup token lookup: %w", err)
	}
	return nil
}

// CompleteSetup spends the setup link and creates the first admin, in one
// transaction so that two browsers racing on the link cannot both win.
func (s *Store) CompleteSetup(ctx context.Context, secret string, n models.NewOperator) (models.Operator, error) {
	n.Role = models.RoleAdmin
	op, err := buildOperator(n)
	if err != nil {
		return models.Operator{}, err
	}
	err = s.tx(ctx, func(tx *gorm.DB) error {
		if err := checkSetupToken(tx, secret); err != nil {
			return err
		}
		res := tx.Model(&models.SetupToken{}).Where("hash = ? AND used_at IS NULL", secrets.HashToken(secret)).Update("used_at", time.Now().UTC())
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return models.Errorf(models.CodeConflict, "this setup link was just used")
		}
		return tx.Create(&op).Error
	})
	if err != nil {
		return models.Operator{}, fmt.Errorf("store: complete setup: %w", err)
	}
	return op, nil
}
