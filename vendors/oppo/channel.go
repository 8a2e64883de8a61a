// Package oppo is the OPPO Push (HeyTap) channel: a SHA-256-signed auth
// call for an auth_token, then the unicast notification API on the host of
// the device's region (docs/vendors/oppo.md).
package oppo

import (
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Channel is OPPO Push. auth_tokens are cached per certificate and host.
type Channel struct {
	connector *vendors.Connector
	tokens    *vendors.TokenCache
	emulator  *Emulator
}

// New builds the channel; sandbox may be nil.
func New(clients *vendors.ClientFactory, sandbox *vendors.Sandbox) *Channel {
	em := NewEmulator()
	return &Channel{connector: vendors.NewConnector(models.VendorOPPO, clients, sandbox, em, false, hostCN, hostIntl), tokens: vendors.NewTokenCache(tokenMargin), emulator: em}
}

// Vendor names the channel.
func (*Channel) Vendor() models.Vendor { return models.VendorOPPO }
