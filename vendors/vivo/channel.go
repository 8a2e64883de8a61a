// Package vivo is the vivo Push channel.
package vivo

import "github.com/pushcheck/pushcheck/models"

// Channel is vivo Push. Sending arrives with the Android vendors' issue; for now
// it checks and stores certificates.
type Channel struct{}

// New builds the channel.
func New() *Channel { return &Channel{} }

// Vendor names the channel.
func (*Channel) Vendor() models.Vendor { return models.VendorVivo }
