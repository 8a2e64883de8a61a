package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// ReportState records foreground/background and the unread count. It is
// the hot path of the whole console: every phone of the app reports each
// time the app goes to the background or comes back.
func (s *Store) ReportState(ctx context.Context, appID int64, deviceID string, report models.StateReport, now time.Time) (models.DeviceState, error) {
	if err := report.Validate(); err != nil {
		return models.DeviceState{}, err
	}
	d, err := s.changeState(ctx, appID, deviceID, report.Change(), now.UTC())
	if err != nil {
		return models.DeviceState{}, fmt.Errorf("store: report state of %s: %w", deviceID, err)
	}
	return d, nil
}

// LogoutDevice clears the push binding after a logout or a kick.
func (s *Store) LogoutDevice(ctx context.Context, appID int64, deviceID string, report models.LogoutReport, now time.Time) (models.DeviceState, error) {
	change, err := report.Change()
	if err != nil {
		return models.DeviceState{}, err
	}
	d, err := s.changeState(ctx, appID, deviceID, change, now.UTC())
	if err != nil {
		return models.DeviceState{}, fmt.Errorf("store: logout %s: %w", deviceID, err)
	}
	return d, nil
}

func (s *Store) changeState(ctx context.Context, appID int64, deviceID string, c models.StateChange, now time.Time) (models.DeviceState, error) {
	if s.states != nil {
		return s.states.submit(ctx, &stateRequest{appID: appID, deviceID: deviceID, change: c, at: now})
	}
	return s.changeStateInTransaction(ctx, appID, deviceID, c, now)
}

// stateChangeSQLite is the UPDATE of stateGroupSQL (state_batches.go) for
// one report on SQLite, which has no data-modifying CTEs: the timeline
// entry is a second statement in the same transaction. SQLite too
// evaluates every SET expression on the row as it was, so previous_state
// is the state before this report.
//
// Parameters: ?1 state, ?2 unread or NULL, ?3 now, ?4 app, ?5 device ID.
const stateChangeSQLite = `
UPDATE devices SET
	previous_state = state,
	state = ?1,
	unread = COALESCE(?2, unread),
	state_since = CASE WHEN state = ?1 THEN state_since ELSE ?3 END,
	last_seen_at = ?3
WHERE app_id = ?4 AND device_id = ?5
RETURNING id, user_id, previous_state, unread, state_since`

// changeStateInTransaction is the SQLite path. Its single connection
// serialises writers, so the transaction is short and never waits for a
// lock. The statements go to the connection directly: gorm's statement
// building and SQL logging cost more than the statements themselves at
// thousands of reports a second.
func (s *Store) changeStateInTransaction(ctx context.Context, appID int64, deviceID string, c models.StateChange, now time.Time) (models.DeviceState, error) {
	pool, err := s.db.DB()
	if err != nil {
		return models.DeviceState{}, err
	}
	tx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return models.DeviceState{}, err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	unread := nullableInt(c.Unread)
	d := models.DeviceState{DeviceID: deviceID, State: c.State, LastSeenAt: now}
	var userID string
	var previous models.State
	var since sqliteTime
	err = tx.QueryRowContext(ctx, stateChangeSQLite, string(c.State), unread, now, appID, deviceID).
		Scan(&d.ID, &userID, &previous, &d.Unread, &since)
	if errors.Is(err, sql.ErrNoRows) {
		return models.DeviceState{}, deviceNotRegistered(deviceID)
	}
	if err != nil {
		return models.DeviceState{}, err
	}
	d.StateSince = since.Time
	if previous != c.State {
		_, err = tx.ExecContext(ctx, `INSERT INTO device_events (app_id, device_pk, device_id, user_id, kind, detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			appID, d.ID, deviceID, userID, string(c.Event), c.Detail, now)
		if err != nil {
			return models.DeviceState{}, err
		}
	}
	return d, tx.Commit()
}

// sqliteTime reads a timestamp SQLite returns from RETURNING, where the
// driver no longer knows the column's declared type and hands back the
// text it stored.
type sqliteTime struct{ time.Time }

func (t *sqliteTime) Scan(v any) error {
	// The forms the SQLite driver writes a time.Time in.
	layouts := [...]string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02T15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999", time.RFC3339Nano}
	switch v := v.(type) {
	case time.Time:
		t.Time = v.UTC()
		return nil
	case string:
		for _, layout := range layouts {
			if parsed, err := time.Parse(layout, v); err == nil {
				t.Time = parsed.UTC()
				return nil
			}
		}
	}
	return fmt.Errorf("store: %v is not a time SQLite wrote", v)
}

// nullableInt is an optional number as a query parameter.
func nullableInt(p *int) sql.NullInt64 {
	if p == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: int64(*p), Valid: true}
}
