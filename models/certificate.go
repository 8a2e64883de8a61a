package models

import "time"

// Certificate is a set of vendor credentials with its console-assigned ID,
// the number devices report as certificate_id. This issue stores only what
// the device registry needs to tell known IDs from unknown ones.
type Certificate struct {
	ID          int64 `gorm:"primaryKey"`
	AppID       int64
	Vendor      Vendor
	Name        string
	Environment string
	CreatedAt   time.Time
}

func (Certificate) TableName() string { return "certificates" }
