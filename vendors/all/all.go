// Package all wires the eight channels into one registry, for the server
// and for tests that need the real vendor checks.
package all

import (
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/apns"
	"github.com/pushcheck/pushcheck/vendors/fcm"
	"github.com/pushcheck/pushcheck/vendors/honor"
	"github.com/pushcheck/pushcheck/vendors/huawei"
	"github.com/pushcheck/pushcheck/vendors/meizu"
	"github.com/pushcheck/pushcheck/vendors/oppo"
	"github.com/pushcheck/pushcheck/vendors/vivo"
	"github.com/pushcheck/pushcheck/vendors/xiaomi"
)

// Registry builds the registry of all eight vendors, sending through
// outbound, or through the sandbox's emulators for sandbox certificates
// (sandbox may be nil where nothing is sent).
func Registry(outbound *vendors.Outbound, sandbox *vendors.Sandbox) (*vendors.Registry, error) {
	return vendors.NewRegistry(apns.New(outbound, sandbox), fcm.New(outbound, sandbox), huawei.New(outbound, sandbox), honor.New(outbound, sandbox), xiaomi.New(outbound, sandbox), oppo.New(outbound, sandbox), vivo.New(outbound, sandbox), meizu.New(outbound, sandbox))
}
