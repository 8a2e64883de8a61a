// Package xiaomi is the Xiaomi Mi Push channel.
package xiaomi

import "github.com/pushcheck/pushcheck/models"

// Channel is Xiaomi Mi Push. Sending arrives with the Android vendors' issue; for now
// it checks and stores certificates.
type Channel struct{}

// New builds the channel.
func New() *Channel { return &Channel{} }

// Vendor names the channel.
func (*Channel) Vendor() models.Vendor { return models.VendorXiaomi }
