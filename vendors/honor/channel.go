// Package honor is the Honor Push channel.
package honor

import "github.com/pushcheck/pushcheck/models"

// Channel is Honor Push. Sending arrives with the Android vendors' issue; for now
// it checks and stores certificates.
type Channel struct{}

// New builds the channel.
func New() *Channel { return &Channel{} }

// Vendor names the channel.
func (*Channel) Vendor() models.Vendor { return models.VendorHonor }
