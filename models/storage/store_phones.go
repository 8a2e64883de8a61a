package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/pushcheck/pushcheck/models"
)

// CreatePhone stores a new virtual phone; its device ID is unique in the app.
func (s *Store) CreatePhone(ctx context.Context, p models.Phone) (models.Phone, error) {
	if err := s.db.WithContext(ctx).Create(&p).Error; err != nil {
		if isUniqueViolation(err) {
			return models.Phone{}, &models.Error{Code: models.CodeConflict, Field: "device_id", Message: fmt.Sprintf("a virtual phone %q already exists", p.DeviceID)}
		}
		return models.Phone{}, fmt.Errorf("store: create phone: %w", err)
	}
	return p, nil
}

// PhonesOfApp lists an app's virtual phones, oldest first.
func (s *Store) PhonesOfApp(ctx context.Context, appID int64) ([]models.Phone, error) {
	var out []models.Phone
	if err := s.db.WithContext(ctx).Where("app_id = ?", appID).Order("id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: phones of app %d: %w", appID, err)
	}
	return out, nil
}

// AllPhones lists every app's virtual phones, for the sandbox to find a
// token's phone and to start them all.
func (s *Store) AllPhones(ctx context.Context) ([]models.Phone, error) {
	var out []models.Phone
	if err := s.db.WithContext(ctx).Order("id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: all phones: %w", err)
	}
	return out, nil
}

// Phone reads one virtual phone of the app.
func (s *Store) Phone(ctx context.Context, appID, id int64) (models.Phone, error) {
	var p models.Phone
	err := s.db.WithContext(ctx).Where("app_id = ? AND id = ?", appID, id).Take(&p).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return p, models.NotFound("virtual phone %d not found", id)
	}
	if err != nil {
		return p, fmt.Errorf("store: phone %d: %w", id, err)
	}
	return p, nil
}

// DeletePhone removes a virtual phone and its shade.
func (s *Store) DeletePhone(ctx context.Context, appID, id int64) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("phone_id IN (SELECT id FROM phones WHERE app_id = ? AND id = ?)", appID, id).Delete(&models.ShadeEntry{}).Error; err != nil {
			return fmt.Errorf("store: delete phone %d shade: %w", id, err)
		}
		res := tx.Where("app_id = ? AND id = ?", appID, id).Delete(&models.Phone{})
		if res.Error != nil {
			return fmt.Errorf("store: delete phone %d: %w", id, res.Error)
		}
		if res.RowsAffected == 0 {
			return models.NotFound("virtual phone %d not found", id)
		}
		return nil
	})
}

// UpdatePhone saves what changes on a phone as it lives: its token, state,
// count of pushes received, registration and last problem.
func (s *Store) UpdatePhone(ctx context.Context, p models.Phone) error {
	err := s.db.WithContext(ctx).Model(&models.Phone{}).Where("id = ?", p.ID).Updates(map[string]any{
		"token": p.Token, "token_dead": p.TokenDead, "foreground": p.Foreground, "received": p.Received,
		"registered_at": p.RegisteredAt, "problem": p.Problem,
	}).Error
	if err != nil {
		return fmt.Errorf("store: update phone %d: %w", p.ID, err)
	}
	return nil
}

// AddShadeEntry records a message that reached a phone.
func (s *Store) AddShadeEntry(ctx context.Context, e models.ShadeEntry) (models.ShadeEntry, error) {
	if err := s.db.WithContext(ctx).Create(&e).Error; err != nil {
		return e, fmt.Errorf("store: add shade entry of phone %d: %w", e.PhoneID, err)
	}
	return e, nil
}

// ShadeSince lists a phone's shade entries from since on, oldest first:
// what the vendor's daily rules count.
func (s *Store) ShadeSince(ctx context.Context, phoneID int64, since time.Time) ([]models.ShadeEntry, error) {
	var out []models.ShadeEntry
	if err := s.db.WithContext(ctx).Where("phone_id = ? AND at >= ?", phoneID, since.UTC()).Order("at, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: shade of phone %d: %w", phoneID, err)
	}
	return out, nil
}

// Shade lists a phone's latest shade entries, newest first.
func (s *Store) Shade(ctx context.Context, phoneID int64, limit int) ([]models.ShadeEntry, error) {
	var out []models.ShadeEntry
	if err := s.db.WithContext(ctx).Where("phone_id = ?", phoneID).Order("at DESC, id DESC").Limit(limit).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: shade of phone %d: %w", phoneID, err)
	}
	return out, nil
}

// RecordPhoneAck notes on a shade entry that the phone acked stage at at,
// or the console's refusal of the ack.
func (s *Store) RecordPhoneAck(ctx context.Context, entryID int64, stage models.Stage, at time.Time, problem string) error {
	col := map[models.Stage]string{models.StageReceived: "received_at", models.StageDisplayed: "displayed_at", models.StageClicked: "clicked_at"}[stage]
	if col == "" {
		return fmt.Errorf("store: record phone ack: %q is not an ack stage", stage)
	}
	values := map[string]any{col: at.UTC()}
	if problem != "" {
		values = map[string]any{"ack_problem": problem}
	}
	if err := s.db.WithContext(ctx).Model(&models.ShadeEntry{}).Where("id = ?", entryID).Updates(values).Error; err != nil {
		return fmt.Errorf("store: record phone ack on %d: %w", entryID, err)
	}
	return nil
}

type phoneKey struct {
	AppID    int64 `gorm:"primaryKey;autoIncrement:false"`
	APIKeyID int64 `gorm:"column:api_key_id"`
	Sealed   string
}

func (phoneKey) TableName() string { return "phone_keys" }

// PhoneKey returns the sealed device API key an app's phones report with,
// and the key's ID; not found when the app has none yet.
func (s *Store) PhoneKey(ctx context.Context, appID int64) (int64, string, error) {
	var k phoneKey
	err := s.db.WithContext(ctx).Where("app_id = ?", appID).Take(&k).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, "", models.NotFound("app %d has no virtual phone key", appID)
	}
	if err != nil {
		return 0, "", fmt.Errorf("store: phone key of app %d: %w", appID, err)
	}
	return k.APIKeyID, k.Sealed, nil
}

// SetPhoneKey keeps the sealed device API key of an app's phones.
func (s *Store) SetPhoneKey(ctx context.Context, appID, keyID int64, sealed string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("app_id = ?", appID).Delete(&phoneKey{}).Error; err != nil {
			return fmt.Errorf("store: set phone key of app %d: %w", appID, err)
		}
		if err := tx.Create(&phoneKey{AppID: appID, APIKeyID: keyID, Sealed: sealed}).Error; err != nil {
			return fmt.Errorf("store: set phone key of app %d: %w", appID, err)
		}
		return nil
	})
}

// PrunePhoneShade deletes shade entries older than before, as test pushes
// past the history retention go.
func (s *Store) PrunePhoneShade(ctx context.Context, before time.Time) (int64, error) {
	res := s.db.WithContext(ctx).Where("at < ?", before.UTC()).Delete(&models.ShadeEntry{})
	if res.Error != nil {
		return 0, fmt.Errorf("store: prune phone shade: %w", res.Error)
	}
	return res.RowsAffected, nil
}
