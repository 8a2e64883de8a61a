package sending

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/requestid"
	"github.com/pushcheck/pushcheck/models/storage"
)

// The job queue is river's, in the console's own database: a push's
// deliveries are cut into chunk jobs inserted in the transaction that
// records the push, and any instance on the database works them.
//
// Crash semantics: a job left running by a killed process is rescued by
// river after RescueAfter and run again by whichever instance is up; the
// rerun finishes the deliveries whose call was in flight as interrupted
// (never resent) and sends the ones still queued. JobTimeout bounds one run:
// at the timeout, or when the process stops, the job stops between waves
// and is put back at once (river.JobSnooze(0)), its in-flight calls
// answered first.
const (
	// JobTimeout bounds one run of a chunk job, between waves: a wave
	// under way finishes first. A wave usually takes seconds; one whose
	// calls all time out (15 s each by default) up to 240 s, see sendWaves.
	JobTimeout = 2 * time.Minute
	// RescueAfter is when river takes a job whose process died for stuck
	// and runs it again: above the longest wave, so a live job is never
	// taken.
	RescueAfter = 5 * time.Minute
	// queueName keeps pushcheck's jobs apart from anything else in river's
	// tables.
	queueName = "pushes"
	// fetchCooldown is the least time between two looks for jobs: a
	// wake must not wait for the next poll.
	fetchCooldown = 10 * time.Millisecond
	// maxAttempts bounds the retries of a chunk whose run failed (the
	// database was down); a rescue counts as one.
	maxAttempts = 10
)

// deliverArgs is one chunk job: up to ChunkSize deliveries of a push.
type deliverArgs struct {
	PushID      int64    `json:"push_id"`
	DeliveryIDs []string `json:"delivery_ids"`
	// RequestID is the sending request's, so that the vendor calls' log
	// lines carry it, whichever instance makes them.
	RequestID string `json:"request_id,omitempty"`
}

func (deliverArgs) Kind() string { return "pushcheck_deliver_chunk" }

func (deliverArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: queueName, MaxAttempts: maxAttempts}
}

// chunkWorker runs chunk jobs through the dispatcher.
type chunkWorker struct {
	river.WorkerDefaults[deliverArgs]
	d *Dispatcher
}

func (w *chunkWorker) Work(ctx context.Context, job *river.Job[deliverArgs]) error {
	if job.Args.RequestID != "" {
		ctx = requestid.With(ctx, job.Args.RequestID)
	}
	return w.d.work(ctx, job.Args)
}

// retrySoon retries a failed chunk after seconds, not river's hours: a
// push is watched live.
type retrySoon struct{}

func (retrySoon) NextRetry(job *rivertype.JobRow) time.Time {
	wait := time.Duration(1<<min(job.Attempt, 5)) * time.Second
	return time.Now().Add(wait)
}

// newQueue builds the river client over the store's connection pool, with
// the driver of its dialect.
func newQueue(store *storage.Store, d *Dispatcher, workers int, poll time.Duration, log *slog.Logger) (*river.Client[*sql.Tx], error) {
	driver, err := queueDriver(store)
	if err != nil {
		return nil, err
	}
	ws := river.NewWorkers()
	if err := river.AddWorkerSafely(ws, &chunkWorker{d: d}); err != nil {
		return nil, fmt.Errorf("sending: queue worker: %w", err)
	}
	if err := river.AddWorkerSafely(ws, wakeWorker{}); err != nil {
		return nil, fmt.Errorf("sending: queue worker: %w", err)
	}
	client, err := river.NewClient(driver, &river.Config{
		Queues:               map[string]river.QueueConfig{queueName: {MaxWorkers: workers}},
		Workers:              ws,
		JobTimeout:           JobTimeout,
		RescueStuckJobsAfter: RescueAfter,
		RetryPolicy:          retrySoon{},
		// Both drivers work over database/sql, which has no LISTEN: other
		// instances' new jobs are found by polling; this process's are
		// fetched at once (see wakeArgs), at most once per cooldown.
		PollOnly:          true,
		FetchPollInterval: poll,
		FetchCooldown:     min(poll, fetchCooldown),
		// Chunk jobs of old pushes are kept a day for the record.
		CompletedJobRetentionPeriod: 24 * time.Hour,
		Logger:                      log,
	})
	if err != nil {
		return nil, fmt.Errorf("sending: queue: %w", err)
	}
	return client, nil
}

func queueDriver(store *storage.Store) (riverdriver.Driver[*sql.Tx], error) {
	db, err := store.SQLDB()
	if err != nil {
		return nil, err
	}
	if store.Dialect() == storage.DialectSQLite {
		return pollingSQLite{riversqlite.New(db)}, nil
	}
	return riverdatabasesql.New(db), nil
}

// pollingSQLite is river's SQLite driver without its notifications: they
// are a table the listener polls every 50 ms, which the queue (PollOnly)
// never reads. Without them, river wakes this process's workers
// after an insert outside a transaction (see wakeArgs), as it does on
// PostgreSQL over database/sql, and a push's transaction writes no
// notification rows.
type pollingSQLite struct {
	*riversqlite.Driver
}

func (pollingSQLite) SupportsListener() bool     { return false }
func (pollingSQLite) SupportsListenNotify() bool { return false }

// MigrateQueue creates or updates river's own tables, after the store's
// migrations. On PostgreSQL they land in the connection's search_path.
func MigrateQueue(ctx context.Context, store *storage.Store) error {
	driver, err := queueDriver(store)
	if err != nil {
		return err
	}
	m, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return fmt.Errorf("sending: queue migrations: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("sending: queue migrations: %w", err)
	}
	return nil
}

// enqueue cuts a push's deliveries to send into chunk jobs, inserted in
// the push's own transaction.
func (d *Dispatcher) enqueue(ctx context.Context, tx *sql.Tx, p models.Push, ds []models.Delivery) error {
	toSend := 0
	for _, dl := range ds {
		if dl.Status == models.DeliverySending {
			toSend++
		}
	}
	size := chunkSize(toSend, d.opts.ChunkSize, d.opts.Workers)
	var jobs []river.InsertManyParams
	var chunk []string
	flush := func() {
		if len(chunk) > 0 {
			jobs = append(jobs, river.InsertManyParams{Args: deliverArgs{PushID: p.ID, DeliveryIDs: chunk, RequestID: requestid.From(ctx)}})
			chunk = nil
		}
	}
	for _, dl := range ds {
		if dl.Status != models.DeliverySending {
			continue
		}
		chunk = append(chunk, dl.ID)
		if len(chunk) == size {
			flush()
		}
	}
	flush()
	if len(jobs) == 0 {
		return nil
	}
	if _, err := d.queue.InsertManyTx(ctx, tx, jobs); err != nil {
		return fmt.Errorf("queue %d chunk jobs: %w", len(jobs), err)
	}
	return nil
}

// chunkSize cuts n deliveries into about one job per worker, of at least
// fifty deliveries and at most most. A job has its own reads and writes:
// a 200-device push in four jobs of 50 finished a tenth sooner on
// PostgreSQL than in eight of 25 (go test -bench Fanout), with as many
// calls in flight.
func chunkSize(n, most, workers int) int {
	const least = 50
	return min(most, max(least, (n+workers-1)/workers))
}

// Start works queued chunk jobs until Stop.
func (d *Dispatcher) Start(ctx context.Context) error {
	// river stops hard when its start context ends: the process's own
	// shutdown goes through Stop instead.
	if err := d.queue.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("sending: start queue: %w", err)
	}
	return nil
}

// Stop stops fetching jobs and asks running ones to stop between waves:
// each answers its calls in flight, then puts its job back for another
// instance (or the next start). It returns when they have, or when ctx
// ends.
func (d *Dispatcher) Stop(ctx context.Context) error {
	err := d.queue.StopAndCancel(ctx)
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("sending: stop queue: %w", err)
	}
	return nil
}

// QueueDepth counts the push queue's unfinished chunk jobs by state, for
// the metrics scrape.
func (d *Dispatcher) QueueDepth(ctx context.Context) (map[string]int64, error) {
	return d.store.QueuedJobs(ctx, queueName)
}
