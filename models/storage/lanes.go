package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/pushcheck/pushcheck/models"
)

// lanes are the two PostgreSQL connection pools of one Store. Background
// work — device reports, receipt callbacks, the push queue's jobs, the
// sandbox's request log — takes the bulk pool; what a person at the
// console waits for (pages and the operator API, marked with
// models.WithConsoleWait) takes a small pool of its own. A large push with
// its receipts can keep every bulk connection busy for seconds; without
// its own pool a user page waited behind them (bench/load.sh measured
// dozens of seconds of pool waits in a 30-second run, and a user page p99
// of hundreds of milliseconds).
//
// lanes is the ConnPool gorm runs every statement and transaction on; the
// job queue and the pool metrics take the bulk pool (GetDBConn).
type lanes struct {
	bulk    *sql.DB
	console *sql.DB
}

// ConsolePool is the pool kept for work a person at the console waits for
// (see lanes), or nil where there is one connection for all (SQLite).
func (s *Store) ConsolePool() *sql.DB {
	if s.lanes == nil {
		return nil
	}
	return s.lanes.console
}

// consoleConns is the connections the console keeps when there are
// twelve or more: a user page reads up to six things side by side.
const consoleConns = 6

// consoleShare splits an instance's connections (at least two): six for
// the console, half of them when there are fewer than twelve, and the rest
// for background work.
func consoleShare(total int) (bulk, console int) {
	console = max(min(consoleConns, total/2), 1)
	return max(1, total-console), console
}

// openLanes opens both pools of a PostgreSQL DSN.
func openLanes(dsn string) (*lanes, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: postgres DSN: %w", err)
	}
	return &lanes{bulk: stdlib.OpenDB(*cfg), console: stdlib.OpenDB(*cfg)}, nil
}

func (l *lanes) pick(ctx context.Context) *sql.DB {
	if models.ConsoleWaits(ctx) {
		return l.console
	}
	return l.bulk
}

func (l *lanes) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return l.pick(ctx).PrepareContext(ctx, query)
}

func (l *lanes) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return l.pick(ctx).ExecContext(ctx, query, args...)
}

func (l *lanes) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return l.pick(ctx).QueryContext(ctx, query, args...)
}

func (l *lanes) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return l.pick(ctx).QueryRowContext(ctx, query, args...)
}

// BeginTx starts a transaction on the context's pool: gorm's Transaction
// and Begin come here.
func (l *lanes) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error) {
	return l.pick(ctx).BeginTx(ctx, opts)
}

// GetDBConn is the bulk pool, for gorm's DB(): the job queue and metrics.
func (l *lanes) GetDBConn() (*sql.DB, error) { return l.bulk, nil }

// size splits total connections between the pools. All may stay open
// when idle: under a burst of device reports, a pool that closes
// connections beyond a smaller idle cap reconnects every few requests.
func (l *lanes) size(total int) {
	bulk, console := consoleShare(total)
	sizePool(l.bulk, bulk)
	sizePool(l.console, console)
}

func sizePool(db *sql.DB, n int) {
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	db.SetConnMaxIdleTime(5 * time.Minute)
}

func (l *lanes) close() error {
	return errors.Join(l.bulk.Close(), l.console.Close())
}
