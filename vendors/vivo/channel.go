// Package vivo is the vivo Push channel: an MD5-signed auth call for an
// authToken, then the single-send API (docs/vendors/vivo.md).
package vivo

import (
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Channel is vivo Push. authTokens are cached per certificate.
type Channel struct {
	connector *vendors.Connector
	tokens    *vendors.TokenCache
	emulator  *Emulator
}

// New builds the channel; sandbox may be nil.
func New(clients *vendors.ClientFactory, sandbox *vendors.Sandbox) *Channel {
	em := NewEmulator()
	return &Channel{connector: vendors.NewConnector(models.VendorVivo, clients, sandbox, em, false, host), tokens: vendors.NewTokenCache(tokenMargin), emulator: em}
}

// Vendor names the channel.
func (*Channel) Vendor() models.Vendor { return models.VendorVivo }
