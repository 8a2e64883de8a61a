// Package oppo is the OPPO Push (HeyTap) channel: a SHA-256-signed auth
// call for an auth_token, then the unicast notification API on the host of
// the device's region (vendor-facts.md §6).
package oppo

import (
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Channel is OPPO Push. auth_tokens are cached per certificate and host.
type Channel struct {
	route  *vendors.Route
	tokens *vendors.TokenCache
}

// New builds the channel; sandbox may be nil.
func New(outbound *vendors.Outbound, sandbox *vendors.Sandbox) *Channel {
	return &Channel{route: vendors.NewRoute(outbound, sandbox, NewEmulator(), false, hostCN, hostIntl), tokens: vendors.NewTokenCache(tokenMargin)}
}

// Vendor names the channel.
func (*Channel) Vendor() models.Vendor { return models.VendorOPPO }
