// Package vivo is the vivo Push channel: an MD5-signed auth call for an
// authToken, then the single-send API (vendor-facts.md §7).
package vivo

import (
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Channel is vivo Push. authTokens are cached per certificate.
type Channel struct {
	route  *vendors.Route
	tokens *vendors.TokenCache
}

// New builds the channel; sandbox may be nil.
func New(outbound *vendors.Outbound, sandbox *vendors.Sandbox) *Channel {
	return &Channel{route: vendors.NewRoute(outbound, sandbox, NewEmulator(), false, host), tokens: vendors.NewTokenCache(tokenMargin)}
}

// Vendor names the channel.
func (*Channel) Vendor() models.Vendor { return models.VendorVivo }
