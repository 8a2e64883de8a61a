package models

import (
	"strings"
	"time"
)

// App is one IM application: its devices, keys and (later) certificates are
// scoped to it. The numeric ID appears in every operator URL and API path.
type App struct {
	ID        int64 `gorm:"primaryKey"`
	Name      string
	CreatedAt time.Time
}

func (App) TableName() string { return "apps" }

// APIKey authenticates an app's devices (or its IM server) on the device API.
// Only a hash is stored; Prefix is the first characters, shown so an admin can
// tell keys apart.
type APIKey struct {
	ID         int64 `gorm:"primaryKey"`
	AppID      int64
	Label      string
	Prefix     string
	Hash       string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

func (APIKey) TableName() string { return "api_keys" }

// Active reports whether the key still authenticates.
func (k APIKey) Active() bool { return k.RevokedAt == nil }

const maxAppNameLen = 80

// ValidateAppName trims and checks an app name.
func ValidateAppName(name string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", Invalid("name", "the app needs a name")
	case len(name) > maxAppNameLen:
		return "", Invalid("name", "the app name is longer than %d characters", maxAppNameLen)
	}
	return name, nil
}
