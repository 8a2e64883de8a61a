// Package emulatorlog is the sandbox emulators' request log: every
// exchange an emulator had, with any client, read by the vendor's channel
// and kept for the console's Sandbox requests page.
package emulatorlog

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// The log keeps a week, and at most PerApp rows of each app: enough to
// debug a CI run or a day of QA, bounded for a load test.
const (
	Retention = 7 * 24 * time.Hour
	PerApp    = 5000
)

// Store keeps the log.
type Store interface {
	RecordSandboxRequests(ctx context.Context, rs []models.SandboxRequest) error
}

// Readers finds the channel that reads a vendor's exchanges.
type Readers interface {
	Channel(v models.Vendor) (vendors.Channel, error)
}

// Options size the log.
type Options struct {
	// Buffer is how many exchanges may wait; past it they are dropped
	// and counted, so an emulator never waits for the database.
	Buffer int
	// Batch is how many rows one insert writes at most; Flush how long a
	// row may wait for its batch to fill.
	Batch int
	Flush time.Duration
	// PerSecond and Burst bound how many exchanges a second are logged;
	// the rest are counted as left out. A 10,000-device test push makes
	// 10,000 exchanges in seconds, of which the log keeps at most 5,000
	// per app anyway: reading and writing each would take the CPU the
	// push and the console's pages need. The first Burst of a push are
	// logged whole.
	PerSecond float64
	Burst     int
}

// DefaultOptions suit a console's sandbox: a few thousand exchanges of
// slack, written every half second.
func DefaultOptions() Options {
	return Options{Buffer: 4096, Batch: 200, Flush: 500 * time.Millisecond, PerSecond: 100, Burst: 500}
}

// Log takes exchanges without blocking and writes them in batches.
type Log struct {
	store   Store
	readers Readers
	log     *slog.Logger
	opts    Options
	in      chan *vendors.EmulatorExchange // pointers: a full buffer of values would take a megabyte from start
	limit   *rate.Limiter
	dropped atomic.Int64
	written atomic.Int64
}

// New makes a log; Run writes it.
func New(store Store, readers Readers, log *slog.Logger, opts Options) *Log {
	def := DefaultOptions()
	if opts.Buffer <= 0 {
		opts.Buffer = def.Buffer
	}
	if opts.Batch <= 0 {
		opts.Batch = def.Batch
	}
	if opts.Flush <= 0 {
		opts.Flush = def.Flush
	}
	if opts.PerSecond <= 0 || opts.Burst <= 0 {
		opts.PerSecond, opts.Burst = def.PerSecond, def.Burst
	}
	return &Log{store: store, readers: readers, log: log, opts: opts, in: make(chan *vendors.EmulatorExchange, opts.Buffer),
		limit: rate.NewLimiter(rate.Limit(opts.PerSecond), opts.Burst)}
}

// Observe is the sandbox's observer (vendors.Observer): it queues the
// exchange, or counts it dropped when the queue is full.
func (l *Log) Observe(x vendors.EmulatorExchange) {
	if !l.limit.Allow() {
		l.dropped.Add(1)
		return
	}
	select {
	case l.in <- &x:
	default:
		l.dropped.Add(1)
	}
}

// Dropped counts the exchanges left out: over the rate, or while the
// queue was full.
func (l *Log) Dropped() int64 { return l.dropped.Load() }

// Written counts the rows written.
func (l *Log) Written() int64 { return l.written.Load() }

// Run reads and writes queued exchanges until ctx ends, then writes what
// is left in the queue.
func (l *Log) Run(ctx context.Context) {
	tick := time.NewTicker(l.opts.Flush)
	defer tick.Stop()
	batch := make([]models.SandboxRequest, 0, l.opts.Batch)
	for {
		select {
		case x := <-l.in:
			batch = l.add(ctx, batch, *x)
		case <-tick.C:
			batch = l.write(ctx, batch)
		case <-ctx.Done():
			l.drain(batch)
			return
		}
	}
}

// drain writes what was queued when the server stopped, with a moment of
// its own.
func (l *Log) drain(batch []models.SandboxRequest) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	for {
		select {
		case x := <-l.in:
			batch = l.add(ctx, batch, *x)
		default:
			l.write(ctx, batch)
			return
		}
	}
}

// add reads an exchange into the batch, and writes the batch once full.
func (l *Log) add(ctx context.Context, batch []models.SandboxRequest, x vendors.EmulatorExchange) []models.SandboxRequest {
	batch = append(batch, l.read(x))
	if len(batch) >= l.opts.Batch {
		return l.write(ctx, batch)
	}
	return batch
}

// write inserts the batch and returns it emptied; a failed insert is
// logged and its rows counted dropped.
func (l *Log) write(ctx context.Context, batch []models.SandboxRequest) []models.SandboxRequest {
	if len(batch) == 0 {
		return batch
	}
	if err := l.store.RecordSandboxRequests(ctx, batch); err != nil {
		l.dropped.Add(int64(len(batch)))
		if l.log != nil {
			l.log.Error("sandbox request log", "rows", len(batch), "err", err)
		}
	} else {
		l.written.Add(int64(len(batch)))
	}
	return batch[:0]
}

// read asks the vendor's channel what the exchange means.
func (l *Log) read(x vendors.EmulatorExchange) models.SandboxRequest {
	var o vendors.Observed
	if ch, err := l.readers.Channel(x.Vendor); err == nil {
		o = ch.ReadEmulatorExchange(x)
	} else {
		o.Explanation = err.Error()
	}
	return Row(x, o)
}
