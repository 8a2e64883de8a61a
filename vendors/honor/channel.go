// Package honor is the Honor Push channel: client credentials at Honor's
// IAM, then the sendMessage API, a camelCase fork of Huawei's
// (docs/vendors/honor.md).
package honor

import (
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// hosts are Honor's real hostnames; the sandbox and tests pin them.
func hosts() []string { return []string{authHost, pushHost} }

// Channel is Honor Push. Access tokens are cached per certificate.
type Channel struct {
	connector *vendors.Connector
	tokens    *vendors.TokenCache
	emulator  *Emulator
}

// New builds the channel; sandbox may be nil.
func New(clients *vendors.ClientFactory, sandbox *vendors.Sandbox) *Channel {
	em := NewEmulator()
	return &Channel{connector: vendors.NewConnector(models.VendorHonor, clients, sandbox, em, false, hosts()...), tokens: vendors.NewTokenCache(tokenMargin), emulator: em}
}

// Vendor names the channel.
func (*Channel) Vendor() models.Vendor { return models.VendorHonor }
