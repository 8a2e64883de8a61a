// Package meizu is the Meizu Flyme Push channel: every request signed with
// MD5 over its sorted parameters and the AppSecret, no token to cache
// (docs/vendors/meizu.md).
package meizu

import (
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Channel is Meizu Flyme Push.
type Channel struct {
	connector *vendors.Connector
	emulator  *Emulator
}

// New builds the channel; sandbox may be nil.
func New(clients *vendors.ClientFactory, sandbox *vendors.Sandbox) *Channel {
	em := NewEmulator()
	return &Channel{connector: vendors.NewConnector(models.VendorMeizu, clients, sandbox, em, false, hostCN, hostIntl), emulator: em}
}

// Vendor names the channel.
func (*Channel) Vendor() models.Vendor { return models.VendorMeizu }
