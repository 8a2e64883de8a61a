package sending

import (
	"context"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// Wait follows a push until every delivery has its answer, max passes or
// ctx ends, and returns its progress then. It polls one indexed count,
// quickly at first (a few devices answer in milliseconds), then every
// 25 ms.
func (d *Dispatcher) Wait(ctx context.Context, pushID int64, max time.Duration) (models.PushProgress, error) {
	deadline := time.Now().Add(max)
	pause := 5 * time.Millisecond
	for {
		p, err := d.store.PushProgress(ctx, pushID)
		if err != nil || p.Finished || time.Now().After(deadline) {
			return p, err
		}
		t := time.NewTimer(min(pause, time.Until(deadline)))
		select {
		case <-ctx.Done():
			t.Stop()
			return p, nil // the client left: the push goes on without it
		case <-t.C:
		}
		pause = min(2*pause, 25*time.Millisecond)
	}
}
