package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
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
	return s.states.submit(ctx, &stateRequest{appID: appID, deviceID: deviceID, change: c, at: now})
}

// stateGroupSQLite is stateGroupSQL (state_batches.go) for SQLite, which
// has no data-modifying CTEs: the timeline entries are a second statement
// in the same transaction. The reports come as a VALUES list, each device
// at most once. SQLite too evaluates every SET expression on the row as it
// was, so previous_state is the state before this report.
func stateGroupSQLite(n int) string {
	rows := strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?),", n), ",")
	return `WITH r(app_id, device_id, state, unread, at) AS (VALUES ` + rows + `)
UPDATE devices SET
	previous_state = devices.state,
	state = r.state,
	unread = COALESCE(r.unread, devices.unread),
	state_since = CASE WHEN devices.state = r.state THEN devices.state_since ELSE r.at END,
	last_seen_at = r.at
FROM r WHERE devices.app_id = r.app_id AND devices.device_id = r.device_id
RETURNING id, app_id, device_id, user_id, state, previous_state, unread, state_since`
}

// commitStateGroupSQLite is the group commit on SQLite: one transaction,
// one UPDATE for the group's reports and one INSERT for the timeline
// entries of those whose state changed. The SQLite driver prepares each
// statement anew, and a row trigger is compiled into every UPDATE, so
// statements per group, not per report, are what makes it fast. SQLite's
// single connection serialises writers: while one group commits the next
// one gathers. The statements go to the connection directly: gorm's
// statement building and SQL logging would cost more than the statements
// themselves at thousands of reports a second.
func (s *Store) commitStateGroupSQLite(group []*stateRequest) error {
	pool, err := s.db.DB()
	if err != nil {
		return err
	}
	ctx := context.Background()
	tx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	args := make([]any, 0, 5*len(group))
	byKey := make(map[stateKey]*stateRequest, len(group))
	for _, r := range group {
		args = append(args, r.appID, r.deviceID, string(r.change.State), nullableInt(r.change.Unread), r.at)
		byKey[stateKey{r.appID, r.deviceID}] = r
	}
	rows, err := tx.QueryContext(ctx, stateGroupSQLite(len(group)), args...)
	if err != nil {
		return err
	}
	var events []any
	for rows.Next() {
		var d models.DeviceState
		var appID int64
		var userID string
		var previous models.State
		var since sqliteTime
		if err := rows.Scan(&d.ID, &appID, &d.DeviceID, &userID, &d.State, &previous, &d.Unread, &since); err != nil {
			rows.Close()
			return err
		}
		r := byKey[stateKey{appID, d.DeviceID}]
		if r == nil {
			continue
		}
		d.StateSince, d.LastSeenAt = since.Time, r.at
		r.result, r.err = d, nil
		if previous != d.State {
			events = append(events, appID, d.ID, d.DeviceID, userID, string(r.change.Event), r.change.Detail, r.at)
		}
		delete(byKey, stateKey{appID, d.DeviceID})
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	if err := rows.Close(); err != nil {
		return err
	}
	for _, r := range byKey {
		r.err = deviceNotRegistered(r.deviceID)
	}
	if n := len(events) / 7; n > 0 {
		values := strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?),", n), ",")
		if _, err := tx.ExecContext(ctx, `INSERT INTO device_events (app_id, device_pk, device_id, user_id, kind, detail, created_at) VALUES `+values, events...); err != nil {
			return err
		}
	}
	return tx.Commit()
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
