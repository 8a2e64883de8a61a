package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/secrets"
	"gorm.io/gorm"
)

// CreateApp stores a new app.
func (s *Store) CreateApp(ctx context.Context, name string) (models.App, error) {
	name, err := models.ValidateAppName(name)
	if err != nil {
		return models.App{}, err
	}
	app := models.App{Name: name, CreatedAt: time.Now().UTC()}
	if err := s.db.WithContext(ctx).Create(&app).Error; err != nil {
		return models.App{}, fmt.Errorf("store: create app: %w", err)
	}
	return app, nil
}

// Apps lists every app, oldest first.
func (s *Store) Apps(ctx context.Context) ([]models.App, error) {
	var apps []models.App
	if err := s.db.WithContext(ctx).Order("id").Find(&apps).Error; err != nil {
		return nil, fmt.Errorf("store: list apps: %w", err)
	}
	return apps, nil
}

// AppByID finds one app.
func (s *Store) AppByID(ctx context.Context, id int64) (models.App, error) {
	var app models.App
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&app).Error; err != nil {
		return models.App{}, fmt.Errorf("store: app %d: %w", id, notFound(err, "app %d does not exist", id))
	}
	return app, nil
}

// CreateAppWithKey creates an app and its first API key together, so an
// app never exists without a way for its devices to report.
func (s *Store) CreateAppWithKey(ctx context.Context, name string) (models.App, string, error) {
	name, err := models.ValidateAppName(name)
	if err != nil {
		return models.App{}, "", err
	}
	app := models.App{Name: name, CreatedAt: time.Now().UTC()}
	var secret string
	err = s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&app).Error; err != nil {
			return err
		}
		var key models.APIKey
		if secret, key, err = newAPIKey(app.ID, "first key"); err != nil {
			return err
		}
		return tx.Create(&key).Error
	})
	if err != nil {
		return models.App{}, "", fmt.Errorf("store: create app: %w", err)
	}
	return app, secret, nil
}

// CreateAPIKey issues a device-API key for an app. The plaintext is returned
// once and never stored.
func (s *Store) CreateAPIKey(ctx context.Context, appID int64, label string) (string, models.APIKey, error) {
	if _, err := s.AppByID(ctx, appID); err != nil {
		return "", models.APIKey{}, err
	}
	secret, key, err := newAPIKey(appID, label)
	if err != nil {
		return "", models.APIKey{}, err
	}
	if err := s.db.WithContext(ctx).Create(&key).Error; err != nil {
		return "", models.APIKey{}, fmt.Errorf("store: create api key: %w", err)
	}
	return secret, key, nil
}

func newAPIKey(appID int64, label string) (string, models.APIKey, error) {
	if len(label) > 80 {
		return "", models.APIKey{}, models.Invalid("label", "the label is longer than 80 characters")
	}
	secret, err := secrets.NewToken(models.PrefixAPIKey)
	if err != nil {
		return "", models.APIKey{}, err
	}
	return secret, models.APIKey{AppID: appID, Label: label, Prefix: secrets.TokenHint(secret), Hash: secrets.HashToken(secret), CreatedAt: time.Now().UTC()}, nil
}

// APIKeysOfApp lists an app's keys, newest first, revoked ones included.
func (s *Store) APIKeysOfApp(ctx context.Context, appID int64) ([]models.APIKey, error) {
	var keys []models.APIKey
	if err := s.db.WithContext(ctx).Where("app_id = ?", appID).Order("id DESC").Find(&keys).Error; err != nil {
		return nil, fmt.Errorf("store: api keys of app %d: %w", appID, err)
	}
	return keys, nil
}

// RevokeAPIKey stops a key from authenticating. Revoking twice is harmless.
func (s *Store) RevokeAPIKey(ctx context.Context, appID, keyID int64) error {
	res := s.db.WithContext(ctx).Model(&models.APIKey{}).
		Where("id = ? AND app_id = ? AND revoked_at IS NULL", keyID, appID).
		Update("revoked_at", time.Now().UTC())
	if res.Error != nil {
		return fmt.Errorf("store: revoke api key %d: %w", keyID, res.Error)
	}
	if res.RowsAffected == 0 {
		var n int64
		if err := s.db.WithContext(ctx).Model(&models.APIKey{}).Where("id = ? AND app_id = ?", keyID, appID).Count(&n).Error; err != nil {
			return fmt.Errorf("store: revoke api key %d: %w", keyID, err)
		}
		if n == 0 {
			return models.NotFound("API key %d does not exist in this app", keyID)
		}
	}
	return nil
}

// apiKeyTouchInterval bounds how often a key's "last used" is written, so
// that device reports (the hot path) do not each cost an extra write.
const apiKeyTouchInterval = 5 * time.Minute

// AppByAPIKey authenticates a device-API request: one indexed join reads
// the key and its app, since every device report pays for it.
func (s *Store) AppByAPIKey(ctx context.Context, secret string) (models.App, error) {
	var rows []struct {
		models.App
		KeyID      int64
		LastUsedAt *time.Time
	}
	err := s.db.WithContext(ctx).Table("api_keys").
		Select("apps.id, apps.name, apps.created_at, api_keys.id AS key_id, api_keys.last_used_at").
		Joins("JOIN apps ON apps.id = api_keys.app_id").
		Where("api_keys.hash = ? AND api_keys.revoked_at IS NULL", secrets.HashToken(secret)).
		Limit(1).Scan(&rows).Error
	if err != nil {
		return models.App{}, fmt.Errorf("store: api key lookup: %w", err)
	}
	if len(rows) == 0 {
		return models.App{}, models.Errorf(models.CodeUnauthenticated, "the API key is unknown or revoked")
	}
	row := rows[0]
	now := time.Now().UTC()
	if row.LastUsedAt == nil || now.Sub(*row.LastUsedAt) > apiKeyTouchInterval {
		if err := s.db.WithContext(ctx).Model(&models.APIKey{}).Where("id = ?", row.KeyID).Update("last_used_at", now).Error; err != nil {
			return models.App{}, fmt.Errorf("store: touch api key: %w", err)
		}
	}
	return row.App, nil
}

// AddAPIKey stores a key whose secret the caller chose and hashed: the
// demo's fixed key, which the README's examples use.
func (s *Store) AddAPIKey(ctx context.Context, key models.APIKey) error {
	if err := s.db.WithContext(ctx).Create(&key).Error; err != nil {
		return fmt.Errorf("store: add api key: %w", err)
	}
	return nil
}
