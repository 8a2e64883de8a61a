package storage

import (
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// The foreground split from bounded counts, every way the caps can fall.
func TestSplitForeground(t *testing.T) {
	limit := int64(models.DeviceCountCap)
	for _, c := range []struct {
		name                       string
		all, fresh, stale          int64
		wantFresh, wantStale       int64
		freshAtLeast, staleAtLeast bool
	}{
		{"fresh below the cap", 50000, 120, -1, 120, 49880, false, false},
		{"fresh past, stale below", 15000, limit + 1, limit / 2, 15000 - limit/2, limit / 2, false, false},
		{"both past", 50000, limit + 1, limit + 1, limit, limit, true, true},
	} {
		counts := newDeviceCounts()
		counts.ByState[string(models.StateForeground)] = c.all
		splitForeground(&counts, c.fresh, c.stale)
		if counts.ByState["foreground"] != c.wantFresh || counts.ByState["stale"] != c.wantStale ||
			counts.StateAtLeast["foreground"] != c.freshAtLeast || counts.StateAtLeast["stale"] != c.staleAtLeast {
			t.Errorf("%s: %+v", c.name, counts)
		}
	}
}
