// Package xiaomi is the Xiaomi Mi Push channel: the AppSecret in every
// request's Authorization header, and the v3 regid send on the regional
// host (docs/vendors/xiaomi.md).
package xiaomi

import (
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Channel is Xiaomi Mi Push. There is no token exchange to cache.
type Channel struct {
	connector *vendors.Connector
	emulator  *Emulator
}

// New builds the channel; sandbox may be nil.
func New(clients *vendors.ClientFactory, sandbox *vendors.Sandbox) *Channel {
	em := NewEmulator()
	return &Channel{connector: vendors.NewConnector(models.VendorXiaomi, clients, sandbox, em, false, allHosts()...), emulator: em}
}

// Vendor names the channel.
func (*Channel) Vendor() models.Vendor { return models.VendorXiaomi }
