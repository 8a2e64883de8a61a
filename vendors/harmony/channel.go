// Package harmony is the HarmonyOS NEXT channel: Huawei Push Kit's REST v3
// ("scenario-specific messages"), authenticated by a service-account JWT
// signed with PS256 (docs/vendors/harmony.md). Push Kit v1/v2, in package
// huawei, cannot reach HarmonyOS NEXT phones, and v3 reaches nothing else.
package harmony

import (
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// hosts are Huawei's real hostnames for v3: only the push host, as the
// JWT is minted here and never exchanged for an access token.
func hosts() []string { return []string{pushHost} }

// Channel is Push Kit v3. Its JWTs are cached per certificate and reused
// until shortly before they expire, as Huawei advises.
type Channel struct {
	connector *vendors.Connector
	tokens    *vendors.TokenCache
	// now is the clock JWTs are minted with (tests move it).
	now      func() time.Time
	emulator *Emulator
}

// New builds the channel; sandbox may be nil.
func New(clients *vendors.ClientFactory, sandbox *vendors.Sandbox) *Channel {
	em := NewEmulator()
	return &Channel{connector: vendors.NewConnector(models.VendorHarmony, clients, sandbox, em, false, hosts()...),
		tokens: vendors.NewTokenCache(jwtMargin), now: time.Now, emulator: em}
}

// Vendor names the channel.
func (*Channel) Vendor() models.Vendor { return models.VendorHarmony }
