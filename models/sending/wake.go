package sending

import (
	"context"
	"sync"

	"github.com/riverqueue/river"
)

// A push's chunk jobs are inserted in the transaction that records the
// push, and river wakes its workers only for jobs inserted outside one:
// left alone, this process would find the push's jobs at its next poll
// (Options.Poll), which is most of the time a small push takes. Once the
// push has committed, a wake job — which does nothing — is inserted on
// its own, and that insert makes river fetch at once, the push's chunks
// with it. Other instances still find the chunks by polling.
type wakeArgs struct{}

func (wakeArgs) Kind() string { return "pushcheck_wake" }

func (wakeArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: queueName, MaxAttempts: 1}
}

type wakeWorker struct {
	river.WorkerDefaults[wakeArgs]
}

func (wakeWorker) Work(context.Context, *river.Job[wakeArgs]) error { return nil }

// wake makes this process's workers look for jobs now. A failure only
// costs the wait until the next poll, so it is logged, not returned: the
// push it follows has committed and will be sent either way.
func (d *Dispatcher) wake(ctx context.Context) {
	if _, err := d.queue.Insert(ctx, wakeArgs{}, nil); err != nil {
		d.opts.Log.WarnContext(ctx, "the workers were not woken for a new push; they find it at their next poll", "err", err)
	}
}

// answers tells this process's waiters (Wait) that a push's deliveries
// got answers, so that a waiter looks again at once rather than at its
// next poll. A push sent by another instance is still followed by polling.
type answers struct {
	mu      sync.Mutex
	waiting map[int64]*waiters
}

// waiters are the Waits of one push: ch is closed at its next answers.
type waiters struct {
	ch chan struct{}
	n  int
}

func newAnswers() *answers { return &answers{waiting: map[int64]*waiters{}} }

// next is closed at the push's next answers; release ends the interest.
func (a *answers) next(pushID int64) (next <-chan struct{}, release func()) {
	a.mu.Lock()
	defer a.mu.Unlock()
	w, ok := a.waiting[pushID]
	if !ok {
		w = &waiters{ch: make(chan struct{})}
		a.waiting[pushID] = w
	}
	w.n++
	return w.ch, func() {
		a.mu.Lock()
		defer a.mu.Unlock()
		if w.n--; w.n == 0 && a.waiting[pushID] == w {
			delete(a.waiting, pushID)
		}
	}
}

// came wakes the push's waiters.
func (a *answers) came(pushID int64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if w, ok := a.waiting[pushID]; ok {
		close(w.ch)
		delete(a.waiting, pushID)
	}
}
