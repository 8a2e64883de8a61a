package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// lockDevice reads a device for update. PostgreSQL takes a row lock; SQLite
// needs none because its single connection already serialises writers.
func (s *Store) lockDevice(tx *gorm.DB, appID int64, deviceID string) (models.Device, error) {
	q := tx.Where("app_id = ? AND device_id = ?", appID, deviceID)
	if s.dialect == DialectPostgres {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var d models.Device
	err := q.Take(&d).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.Device{}, deviceNotRegistered(deviceID)
	}
	return d, err
}

func deviceNotRegistered(deviceID string) error {
	return &models.Error{Code: models.CodeNotFound, Field: "device_id",
		Message: fmt.Sprintf("device %s is not registered: PUT /api/v1/devices/%s first", deviceID, deviceID)}
}

// RegisterDevice records a registration (idempotent) and its timeline
// entries. The registration is validated here, so nothing is written for a
// rejected one.
func (s *Store) RegisterDevice(ctx context.Context, appID int64, deviceID string, reg models.Registration, now time.Time) (models.Device, error) {
	if err := models.ValidateDeviceID(deviceID); err != nil {
		return models.Device{}, err
	}
	reg, err := reg.Normalize()
	if err != nil {
		return models.Device{}, err
	}
	var saved models.Device
	register := func(tx *gorm.DB) error {
		prev, err := s.lockDevice(tx, appID, deviceID)
		var prevPtr *models.Device
		switch {
		case err == nil:
			prevPtr = &prev
		case !models.IsNotFound(err):
			return err
		}
		d, events := models.ApplyRegistration(prevPtr, appID, deviceID, reg, now.UTC())
		if prevPtr == nil {
			err = tx.Create(&d).Error
		} else {
			err = tx.Save(&d).Error
		}
		if err != nil {
			return err
		}
		saved = d
		return insertEvents(tx, d.ID, events)
	}
	err = s.tx(ctx, register)
	if isUniqueViolation(err) {
		// Two first registrations of one device raced; the loser now finds
		// the row and applies as a refresh.
		err = s.tx(ctx, register)
	}
	if err != nil {
		return models.Device{}, fmt.Errorf("store: register device %s: %w", deviceID, err)
	}
	return saved, nil
}

func insertEvents(tx *gorm.DB, devicePK int64, events []models.DeviceEvent) error {
	if len(events) == 0 {
		return nil
	}
	for i := range events {
		events[i].DevicePK = devicePK
	}
	return tx.Create(&events).Error
}

// DeleteDevice forgets a device and its timeline.
func (s *Store) DeleteDevice(ctx context.Context, appID int64, deviceID string) error {
	err := s.tx(ctx, func(tx *gorm.DB) error {
		d, err := s.lockDevice(tx, appID, deviceID)
		if err != nil {
			return err
		}
		if err := tx.Where("device_pk = ?", d.ID).Delete(&models.DeviceEvent{}).Error; err != nil {
			return err
		}
		return tx.Delete(&models.Device{}, d.ID).Error
	})
	if err != nil {
		return fmt.Errorf("store: delete device %s: %w", deviceID, err)
	}
	return nil
}

// DeviceByDeviceID finds one device by the app's own identifier.
func (s *Store) DeviceByDeviceID(ctx context.Context, appID int64, deviceID string) (models.Device, error) {
	var d models.Device
	err := s.db.WithContext(ctx).Where("app_id = ? AND device_id = ?", appID, deviceID).Take(&d).Error
	if err != nil {
		return models.Device{}, fmt.Errorf("store: device %s: %w", deviceID, notFound(err, "device %s does not exist in this app", deviceID))
	}
	return d, nil
}

// DevicesOfUser lists a user's devices, most recently heard from first.
// Users have a handful of devices; the (app_id, user_id) index answers it.
func (s *Store) DevicesOfUser(ctx context.Context, appID int64, userID string) ([]models.Device, error) {
	var out []models.Device
	err := s.db.WithContext(ctx).Where("app_id = ? AND user_id = ?", appID, userID).Order("last_seen_at DESC, id DESC").Limit(200).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: devices of user %s: %w", userID, err)
	}
	return out, nil
}

// MarkTokenDead records a vendor's answer that the device's token is
// invalid. It stays dead until the device registers a different token.
func (s *Store) MarkTokenDead(ctx context.Context, appID int64, deviceID, reason string, at time.Time) error {
	res := s.db.WithContext(ctx).Model(&models.Device{}).Where("app_id = ? AND device_id = ?", appID, deviceID).
		Updates(map[string]any{"token_dead_at": at.UTC(), "token_dead_reason": reason})
	if res.Error != nil {
		return fmt.Errorf("store: mark token of %s dead: %w", deviceID, res.Error)
	}
	if res.RowsAffected == 0 {
		return models.NotFound("device %s does not exist in this app", deviceID)
	}
	return nil
}

// DevicesToSend loads what a push's jobs send with, by primary key:
// each device's ID, vendor, platform and tokens, keyed by device ID;
// devices deleted since are missing. A job reads a chunk's devices this
// way rather than whole (DevicesByPK): the rest of a row is not needed to
// send.
func (s *Store) DevicesToSend(ctx context.Context, appID int64, pks []int64) (map[string]models.Device, error) {
	return s.devicesByPK(ctx, appID, pks, "id, device_id, vendor, platform, token, voip_token")
}

// DevicesByPK loads devices by primary key (a push's deliveries name
// them), keyed by device ID; devices deleted since are missing.
func (s *Store) DevicesByPK(ctx context.Context, appID int64, pks []int64) (map[string]models.Device, error) {
	return s.devicesByPK(ctx, appID, pks, "*")
}

// devicesByPK reads columns of the app's devices pks, keyed by device ID.
func (s *Store) devicesByPK(ctx context.Context, appID int64, pks []int64, columns string) (map[string]models.Device, error) {
	out := map[string]models.Device{}
	if len(pks) == 0 {
		return out, nil
	}
	var ds []models.Device
	if err := s.db.WithContext(ctx).Select(columns).Where("app_id = ? AND id IN ?", appID, pks).Find(&ds).Error; err != nil {
		return nil, fmt.Errorf("store: devices by key: %w", err)
	}
	for _, d := range ds {
		out[d.DeviceID] = d
	}
	return out, nil
}
