package sending

import (
	"context"
	"log/slog"

	"github.com/pushcheck/pushcheck/models"
)

// vendorLimits bound each vendor's calls in flight across every job of
// the process: many chunk jobs share one vendor's connections and quota
// of patience, not one bound each.
type vendorLimits map[models.Vendor]chan struct{}

func newVendorLimits(concurrency map[models.Vendor]int) vendorLimits {
	out := vendorLimits{}
	for _, v := range models.AllVendors() {
		n := concurrency[v]
		if n <= 0 {
			n = DefaultConcurrency
		}
		out[v] = make(chan struct{}, n)
	}
	return out
}

// take waits for one of the vendor's slots.
func (l vendorLimits) take(v models.Vendor) { l[v] <- struct{}{} }

// give returns one slot.
func (l vendorLimits) give(v models.Vendor) { <-l[v] }

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
