package storage

import (
	"context"
	"database/sql"
	"hash/maphash"
	"sync"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// State reports are committed in groups: whatever reports arrive while one
// group commits go together in the next. A report is answered only after
// the group that holds it has committed, so an acknowledged report is
// stored, as with one transaction each; what changes is that the database
// parses, plans, locks and commits once per group (on PostgreSQL one
// statement, on SQLite one transaction of two statements). At low load a
// group is one report and nothing waits.
//
// Reports are spread over lanes by device, and a lane commits one group at
// a time: two groups never hold rows of the same device, so they cannot
// deadlock each other, and one device's reports keep their order. SQLite
// has one connection, so more than one lane would only make groups smaller.
const (
	stateLanesPostgres = 8
	stateGroupSize     = 128
)

// stateBatches is the lanes of one Store.
type stateBatches struct {
	store *Store
	seed  maphash.Seed
	lanes []chan *stateRequest
	start sync.Once
	stop  sync.Once
	quit  chan struct{}
}

// stateRequest is one report waiting for its group's commit.
type stateRequest struct {
	appID    int64
	deviceID string
	change   models.StateChange
	at       time.Time
	done     chan struct{}
	result   models.DeviceState
	err      error
}

func newStateBatches(s *Store) *stateBatches {
	b := &stateBatches{store: s, seed: maphash.MakeSeed(), quit: make(chan struct{})}
	n := 1
	if s.dialect == DialectPostgres {
		n = stateLanesPostgres
	}
	b.lanes = make([]chan *stateRequest, n)
	for i := range b.lanes {
		b.lanes[i] = make(chan *stateRequest, stateGroupSize)
	}
	return b
}

// submit queues a report on its device's lane and waits for the commit.
func (b *stateBatches) submit(ctx context.Context, r *stateRequest) (models.DeviceState, error) {
	b.start.Do(func() {
		for _, lane := range b.lanes {
			go b.run(lane)
		}
	})
	r.done = make(chan struct{})
	lane := b.lanes[maphash.String(b.seed, r.deviceID)%uint64(len(b.lanes))]
	select {
	case lane <- r:
	case <-ctx.Done():
		return models.DeviceState{}, ctx.Err()
	case <-b.quit:
		return models.DeviceState{}, storeClosing()
	}
	select {
	case <-r.done:
		return r.result, r.err
	case <-ctx.Done():
		// The report may still be stored: it was not acknowledged.
		return models.DeviceState{}, ctx.Err()
	case <-b.quit:
		return models.DeviceState{}, storeClosing()
	}
}

// run takes a lane's reports in groups until the store closes: the first
// waiting report, then every other one already queued, each device once.
// A later report of a device waits for the next group, so it applies on
// top of the earlier one, and a device's reports keep their order.
func (b *stateBatches) run(lane chan *stateRequest) {
	var carry []*stateRequest
	for {
		pending := carry
		if len(pending) == 0 {
			select {
			case r := <-lane:
				pending = append(pending, r)
			case <-b.quit:
				return
			}
		}
	drain:
		for len(pending) < stateGroupSize {
			select {
			case r := <-lane:
				pending = append(pending, r)
			default:
				break drain
			}
		}
		var group []*stateRequest
		group, carry = firstOfEachDevice(pending)
		b.store.commitStateGroup(group)
	}
}

// firstOfEachDevice splits reports, in arrival order, into the first of
// each device and the later ones.
func firstOfEachDevice(reports []*stateRequest) (first, later []*stateRequest) {
	seen := make(map[stateKey]bool, len(reports))
	for _, r := range reports {
		k := stateKey{r.appID, r.deviceID}
		if seen[k] {
			later = append(later, r)
			continue
		}
		seen[k] = true
		first = append(first, r)
	}
	return first, later
}

type stateKey struct {
	appID    int64
	deviceID string
}

// close stops the lanes; reports still waiting are told the database is
// closing.
func (b *stateBatches) close() { b.stop.Do(func() { close(b.quit) }) }

func storeClosing() error {
	return models.Errorf(models.CodeUnavailable, "the database connection is closing: report again")
}

// stateGroupSQL is a group of state reports in one statement and one round
// trip. The reports come as arrays (unnest makes them rows), each device at
// most once. The UPDATE sets previous_state from the row as it locked it
// (under READ COMMITTED PostgreSQL re-reads a row that a concurrent
// statement changed), so a timeline entry is inserted exactly when the
// state really changed. PostgreSQL runs every data-modifying CTE whether
// or not the outer SELECT reads it.
const stateGroupSQL = `
WITH report AS (
	SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::timestamptz[], $6::text[], $7::text[])
		AS r(app_id, device_id, state, unread, at, event, detail)
), changed AS (
	UPDATE devices d SET
		previous_state = d.state,
		state = r.state,
		unread = COALESCE(r.unread, d.unread),
		state_since = CASE WHEN d.state = r.state THEN d.state_since ELSE r.at END,
		last_seen_at = r.at
	FROM report r
	WHERE d.app_id = r.app_id AND d.device_id = r.device_id
	RETURNING d.id, d.app_id, d.device_id, d.user_id, d.state, d.previous_state, d.unread, d.state_since, d.last_seen_at, r.event, r.detail
), event AS (
	INSERT INTO device_events (app_id, device_pk, device_id, user_id, kind, detail, created_at)
	SELECT app_id, id, device_id, user_id, event, detail, last_seen_at FROM changed WHERE previous_state <> state
)
SELECT id, app_id, device_id, state, unread, state_since, last_seen_at FROM changed`

// stateOneSQL is stateGroupSQL for a group of one, the common case below
// full load: the same statement without the arrays, which PostgreSQL plans
// and runs in about two thirds of the time.
const stateOneSQL = `
WITH changed AS (
	UPDATE devices SET
		previous_state = state,
		state = $3,
		unread = COALESCE($4, unread),
		state_since = CASE WHEN state = $3 THEN state_since ELSE $5 END,
		last_seen_at = $5
	WHERE app_id = $1 AND device_id = $2
	RETURNING id, app_id, device_id, user_id, state, previous_state, unread, state_since, last_seen_at
), event AS (
	INSERT INTO device_events (app_id, device_pk, device_id, user_id, kind, detail, created_at)
	SELECT app_id, id, device_id, user_id, $6, $7, last_seen_at FROM changed WHERE previous_state <> state
)
SELECT id, app_id, device_id, state, unread, state_since, last_seen_at FROM changed`

// commitStateGroup commits one group and answers each report: with its
// device's state, its own error (an unknown device), or the group's error
// when the group could not be committed, so that no report is answered
// as stored unless it is.
func (s *Store) commitStateGroup(group []*stateRequest) {
	defer func() {
		for _, r := range group {
			close(r.done)
		}
	}()
	if s.dialect == DialectSQLite {
		if err := s.commitStateGroupSQLite(group); err != nil {
			for _, r := range group {
				r.result, r.err = models.DeviceState{}, err
			}
		}
		return
	}
	n := len(group)
	apps, devices, states := make([]int64, n), make([]string, n), make([]string, n)
	unread, at := make([]*int32, n), make([]time.Time, n)
	events, details := make([]string, n), make([]string, n)
	for i, r := range group {
		apps[i], devices[i], states[i], at[i] = r.appID, r.deviceID, string(r.change.State), r.at
		events[i], details[i] = string(r.change.Event), r.change.Detail
		if r.change.Unread != nil {
			u := int32(*r.change.Unread)
			unread[i] = &u
		}
	}
	fail := func(err error) {
		for _, r := range group {
			r.err = err
		}
	}
	pool, err := s.db.DB()
	if err != nil {
		fail(err)
		return
	}
	// The group outlives any one request: a client hanging up must not
	// cancel the others' reports.
	var rows *sql.Rows
	if n == 1 {
		rows, err = pool.QueryContext(context.Background(), stateOneSQL, apps[0], devices[0], states[0], unread[0], at[0], events[0], details[0])
	} else {
		rows, err = pool.QueryContext(context.Background(), stateGroupSQL, apps, devices, states, unread, at, events, details)
	}
	if err != nil {
		fail(err)
		return
	}
	saved := map[stateKey]models.DeviceState{}
	if err := scanStates(rows, saved); err != nil {
		fail(err)
		return
	}
	for _, r := range group {
		d, ok := saved[stateKey{r.appID, r.deviceID}]
		if !ok {
			r.err = deviceNotRegistered(r.deviceID)
			continue
		}
		r.result = d
	}
}

func scanStates(rows *sql.Rows, into map[stateKey]models.DeviceState) error {
	defer rows.Close()
	for rows.Next() {
		var d models.DeviceState
		var appID int64
		if err := rows.Scan(&d.ID, &appID, &d.DeviceID, &d.State, &d.Unread, &d.StateSince, &d.LastSeenAt); err != nil {
			return err
		}
		into[stateKey{appID, d.DeviceID}] = d
	}
	return rows.Err()
}
