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

// UnregisteredDevices refuses a group's device list, naming every ID no
// device of the app has, so one answer says all there is to fix.
func UnregisteredDevices(unknown []string) *Error {
	if len(unknown) == 1 {
		return Invalid("device_ids", "device %s is not registered in this app", unknown[0])
	}
	return Invalid("device_ids", "%d devices are not registered in this app: %s", len(unknown), strings.Join(unknown, ", "))
}
