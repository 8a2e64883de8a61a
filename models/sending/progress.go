package sending

import (
	"context"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// Wait follows a push until every delivery has its answer, max passes or
// ctx ends, and returns its progress then. It reads one indexed count each
// time this process answers some of the push's deliveries, and otherwise
// polls it (the push may be sent by other instances): quickly at first, then
// every 25 ms.
func (d *Dispatcher) Wait(ctx context.Context, pushID int64, max time.Duration) (models.PushProgress, error) {
	deadline := time.Now().Add(max)
	pause := 5 * time.Millisecond
	for {
		answered, release := d.answers.next(pushID)
		p, err := d.store.PushProgress(ctx, pushID)
		if err != nil || p.Finished || time.Now().After(deadline) {
			release()
			return p, err
		}
		t := time.NewTimer(min(pause, time.Until(deadline)))
		select {
		case <-ctx.Done():
			t.Stop()
			release()
			return p, nil // the client left: the push goes on without it
		case <-answered:
		case <-t.C:
		}
		t.Stop()
		release()
		pause = min(2*pause, 25*time.Millisecond)
	}
}
