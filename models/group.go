package models

import (
	"strings"
	"time"
	"unicode/utf8"
)

// DeviceGroup is QA's named set of test devices, across users and
// vendors: one push to the group compares them side by side.
type DeviceGroup struct {
	ID        int64 `gorm:"primaryKey"`
	AppID     int64
	Name      string
	CreatedBy string
	CreatedAt time.Time
}

func (DeviceGroup) TableName() string { return "device_groups" }

// MaxGroupDevices bounds a group: a test fleet, not a broadcast list;
// one push reaches the whole group.
const MaxGroupDevices = MaxPushDevices

func CleanGroupName(name string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", Invalid("name", "a group needs a name, e.g. android-matrix")
	case utf8.RuneCountInString(name) > 80:
		return "", Invalid("name", "a group name has at most 80 characters")
	}
	return name, nil
}
