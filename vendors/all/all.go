// Package all wires the nine channels into one registry, for the server
// and for tests that need the real vendor checks.
package all

import (
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/apns"
	"github.com/pushcheck/pushcheck/vendors/fcm"
	"github.com/pushcheck/pushcheck/vendors/harmony"
	"github.com/pushcheck/pushcheck/vendors/honor"
	"github.com/pushcheck/pushcheck/vendors/huawei"
	"github.com/pushcheck/pushcheck/vendors/meizu"
	"github.com/pushcheck/pushcheck/vendors/oppo"
	"github.com/pushcheck/pushcheck/vendors/vivo"
	"github.com/pushcheck/pushcheck/vendors/xiaomi"
)

// Registry builds the registry of all nine vendors, sending through
// clients, or through the sandbox's emulators for sandbox certificates
// (sandbox may be nil where nothing is sent).
func Registry(clients *vendors.ClientFactory, sandbox *vendors.Sandbox) (*vendors.Registry, error) {
	return vendors.NewRegistry(apns.New(clients, sandbox), fcm.New(clients, sandbox), huawei.New(clients, sandbox), harmony.New(clients, sandbox), honor.New(clients, sandbox), xiaomi.New(clients, sandbox), oppo.New(clients, sandbox), vivo.New(clients, sandbox), meizu.New(clients, sandbox))
}

// Answers are every vendor's explained answers by message-ID prefix
// ("vendors.huawei.80300007"): the catalogues (models/i18n/locales/
// vendors.*.toml) carry each one's explanation and fix in both languages,
// and pages show a delivery's in the reader's language.
func Answers() map[string]vendors.Code {
	out := map[string]vendors.Code{}
	for vendor, table := range map[string]map[string]vendors.Code{
		"apns": apns.Answers(), "fcm": fcm.Answers(), "huawei": huawei.Answers(), "harmony": harmony.Answers(), "honor": honor.Answers(),
		"xiaomi": xiaomi.Answers(), "oppo": oppo.Answers(), "vivo": vivo.Answers(), "meizu": meizu.Answers(),
	} {
		for key, c := range table {
			out["vendors."+vendor+"."+key] = c
		}
	}
	return out
}

// Receipts are the words of the vendors' receipt tables by message ID
// ("vendors.harmony.receipt.2"), which the catalogues carry in both
// languages.
func Receipts() map[string]string {
	out := map[string]string{}
	for prefix, table := range map[string]map[string]string{
		"vendors.receipt.hms.": vendors.HMSReceipts(), "vendors.harmony.receipt.": harmony.Receipts(), "vendors.xiaomi.receipt.": xiaomi.Receipts(),
	} {
		for key, text := range table {
			out[prefix+key] = text
		}
	}
	return out
}
