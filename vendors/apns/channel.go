// Package apns is the Apple Push Notification service channel, through
// github.com/sideshow/apns2.
package apns

import "github.com/pushcheck/pushcheck/models"

// Channel is Apple APNs.
type Channel struct{}

// New builds the channel.
func New() *Channel { return &Channel{} }

// Vendor names the channel.
func (*Channel) Vendor() models.Vendor { return models.VendorAPNs }
