// Package huawei is the Huawei Push Kit (HMS) channel.
package huawei

import "github.com/pushcheck/pushcheck/models"

// Channel is Huawei Push Kit (HMS). Sending arrives with the Android vendors' issue; for now
// it checks and stores certificates.
type Channel struct{}

// New builds the channel.
func New() *Channel { return &Channel{} }

// Vendor names the channel.
func (*Channel) Vendor() models.Vendor { return models.VendorHuawei }
