// Package huawei is the Huawei Push Kit (HMS) channel: OAuth 2.0 client
// credentials, then the v1 REST send (docs/vendors/huawei.md).
package huawei

import (
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// hosts are Huawei's real hostnames; the sandbox and tests pin them.
func hosts() []string { return []string{authHost, pushHost} }

// Channel is Huawei Push Kit. Access tokens are cached per certificate.
type Channel struct {
	connector *vendors.Connector
	tokens    *vendors.TokenCache
	emulator  *Emulator
}

// New builds the channel; sandbox may be nil.
func New(clients *vendors.ClientFactory, sandbox *vendors.Sandbox) *Channel {
	em := NewEmulator()
	return &Channel{connector: vendors.NewConnector(models.VendorHuawei, clients, sandbox, em, false, hosts()...), tokens: vendors.NewTokenCache(tokenMargin), emulator: em}
}

// Vendor names the channel.
func (*Channel) Vendor() models.Vendor { return models.VendorHuawei }
