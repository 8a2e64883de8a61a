package storage

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"gorm.io/gorm"
)

type deviceGroupMember struct {
	GroupID  int64
	DevicePK int64 `gorm:"column:device_pk"`
	AddedAt  time.Time
}

func (deviceGroupMember) TableName() string { return "device_group_members" }

// CreateGroup creates a group with its devices (device IDs of the app),
// all or nothing.
func (s *Store) CreateGroup(ctx context.Context, appID int64, name, createdBy string, deviceIDs []string) (models.DeviceGroup, error) {
	name, err := models.CleanGroupName(name)
	if err != nil {
		return models.DeviceGroup{}, err
	}
	g := models.DeviceGroup{AppID: appID, Name: name, CreatedBy: createdBy, CreatedAt: time.Now().UTC()}
	err = s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&g).Error; err != nil {
			if isUniqueViolation(err) {
				return &models.Error{Code: models.CodeConflict, Field: "name", Message: fmt.Sprintf("a group named %q already exists", name)}
			}
			return err
		}
		return setMembers(tx, g, deviceIDs)
	})
	if err != nil {
		return models.DeviceGroup{}, fmt.Errorf("store: create group: %w", err)
	}
	return g, nil
}

// SetGroupDevices replaces a group's devices, all or nothing.
func (s *Store) SetGroupDevices(ctx context.Context, g models.DeviceGroup, deviceIDs []string) error {
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("group_id = ?", g.ID).Delete(&deviceGroupMember{}).Error; err != nil {
			return err
		}
		return setMembers(tx, g, deviceIDs)
	})
	if err != nil {
		return fmt.Errorf("store: group %s devices: %w", g.Name, err)
	}
	return nil
}

func setMembers(tx *gorm.DB, g models.DeviceGroup, deviceIDs []string) error {
	seen := map[string]bool{}
	var ids []string
	for _, id := range deviceIDs {
		if id = strings.TrimSpace(id); id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if len(ids) > models.MaxGroupDevices {
		return models.Invalid("device_ids", "a group holds at most %d devices", models.MaxGroupDevices)
	}
	if len(ids) == 0 {
		return nil
	}
	pks := make(map[string]int64, len(ids))
	for start := 0; start < len(ids); start += lookupBatch {
		var found []models.Device
		batch := ids[start:min(start+lookupBatch, len(ids))]
		if err := tx.Select("id, device_id").Where("app_id = ? AND device_id IN ?", g.AppID, batch).Find(&found).Error; err != nil {
			return err
		}
		for _, d := range found {
			pks[d.DeviceID] = d.ID
		}
	}
	now := time.Now().UTC()
	members := make([]deviceGroupMember, 0, len(ids))
	var unknown []string
	for _, id := range ids {
		pk, ok := pks[id]
		if !ok {
			unknown = append(unknown, id)
			continue
		}
		members = append(members, deviceGroupMember{GroupID: g.ID, DevicePK: pk, AddedAt: now})
	}
	if len(unknown) > 0 {
		return models.UnregisteredDevices(unknown)
	}
	// A member row binds three values: 300 rows a statement bind about as
	// many as insertBatch's delivery rows on SQLite.
	return tx.CreateInBatches(&members, 300).Error
}

// Groups lists an app's groups by name, with their device counts.
func (s *Store) Groups(ctx context.Context, appID int64) ([]models.DeviceGroup, map[int64]int, error) {
	var gs []models.DeviceGroup
	if err := s.db.WithContext(ctx).Where("app_id = ?", appID).Order("name").Find(&gs).Error; err != nil {
		return nil, nil, fmt.Errorf("store: groups: %w", err)
	}
	counts := map[int64]int{}
	var rows []struct {
		GroupID int64
		N       int
	}
	err := s.db.WithContext(ctx).Model(&deviceGroupMember{}).Select("group_id, COUNT(*) AS n").
		Where("group_id IN (?)", s.db.Model(&models.DeviceGroup{}).Select("id").Where("app_id = ?", appID)).Group("group_id").Scan(&rows).Error
	if err != nil {
		return nil, nil, fmt.Errorf("store: group sizes: %w", err)
	}
	for _, r := range rows {
		counts[r.GroupID] = r.N
	}
	return gs, counts, nil
}

// Group finds a group of the app by ID or, failing that, by name.
func (s *Store) Group(ctx context.Context, appID int64, ref string) (models.DeviceGroup, error) {
	var g models.DeviceGroup
	q := s.db.WithContext(ctx).Where("app_id = ?", appID)
	if id, ok := parseID(ref); ok {
		q = q.Where("id = ? OR name = ?", id, ref)
	} else {
		q = q.Where("name = ?", ref)
	}
	if err := q.Take(&g).Error; err != nil {
		return models.DeviceGroup{}, fmt.Errorf("store: group %s: %w", ref, notFound(err, "group %s does not exist in this app", ref))
	}
	return g, nil
}

// GroupDevices lists a group's devices by user, then device ID.
func (s *Store) GroupDevices(ctx context.Context, g models.DeviceGroup) ([]models.Device, error) {
	var out []models.Device
	err := s.db.WithContext(ctx).Where("id IN (?)", s.db.Model(&deviceGroupMember{}).Select("device_pk").Where("group_id = ?", g.ID)).
		Order("user_id, device_id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: devices of group %s: %w", g.Name, err)
	}
	return out, nil
}

// DeleteGroup removes a group; its devices stay registered.
func (s *Store) DeleteGroup(ctx context.Context, g models.DeviceGroup) error {
	if err := s.db.WithContext(ctx).Where("id = ?", g.ID).Delete(&models.DeviceGroup{}).Error; err != nil {
		return fmt.Errorf("store: delete group %s: %w", g.Name, err)
	}
	return nil
}

func parseID(ref string) (int64, bool) {
	id, err := strconv.ParseInt(ref, 10, 64)
	return id, err == nil && id > 0
}
