package sending

import (
	"cmp"
	"context"
	"log/slog"

	"github.com/pushcheck/pushcheck/models"
)

// vendorLimits bound the calls in flight across every job of the
// process: each real vendor's (many chunk jobs share one vendor's
// connections and quota of patience, not one bound each), and the
// sandbox's, one bound for all its emulators. An emulator call costs this
// machine both ends of the call, so the sandbox gets fewer slots than a
// vendor across the network, where the slots wait on latency, not CPU:
// with 32 a vendor, a push to eight emulators kept the two cores so busy
// that the console's own pages waited.
type vendorLimits struct {
	vendor  map[models.Vendor]chan struct{}
	sandbox chan struct{}
}

func newVendorLimits(concurrency map[models.Vendor]int, sandbox int) vendorLimits {
	out := vendorLimits{vendor: map[models.Vendor]chan struct{}{}, sandbox: make(chan struct{}, cmp.Or(max(sandbox, 0), DefaultSandboxConcurrency))}
	for _, v := range models.AllVendors() {
		n := concurrency[v]
		if n <= 0 {
			n = DefaultConcurrency
		}
		out.vendor[v] = make(chan struct{}, n)
	}
	return out
}

// slots is the bound a certificate's calls take from.
func (l vendorLimits) slots(c models.Certificate) chan struct{} {
	if c.Sandboxed() {
		return l.sandbox
	}
	return l.vendor[c.Vendor]
}

// take waits for one of the certificate's slots.
func (l vendorLimits) take(c models.Certificate) { l.slots(c) <- struct{}{} }

// give returns one slot.
func (l vendorLimits) give(c models.Certificate) { <-l.slots(c) }

// minLevel drops a handler's records below level: river's info lines
// come once per job.
type minLevel struct {
	slog.Handler
	level slog.Level
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.level && h.Handler.Enabled(ctx, l)
}

func (h minLevel) WithAttrs(attrs []slog.Attr) slog.Handler {
	return minLevel{Handler: h.Handler.WithAttrs(attrs), level: h.level}
}

func (h minLevel) WithGroup(name string) slog.Handler {
	return minLevel{Handler: h.Handler.WithGroup(name), level: h.level}
}
