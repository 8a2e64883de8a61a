// Package storage is the one Store over gorm: every query the console
// makes, the versioned migrations, and the SQLite and PostgreSQL dialects.
// Methods are named for what the caller wants (DevicesOfUser,
// FinishDelivery); not-found is models' typed error.
package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/pushcheck/pushcheck/models"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Dialect names the database behind a Store.
type Dialect string

const (
	DialectSQLite   Dialect = "sqlite"
	DialectPostgres Dialect = "postgres"
)

// Store is the one storage type: every query the console makes is a method
// here, named for what the caller wants.
type Store struct {
	db      *gorm.DB
	dialect Dialect
	// states commits concurrent state reports together.
	states *stateBatches
	// lanes are PostgreSQL's two connection pools (nil on SQLite).
	lanes *lanes
}

// OpenSQLite opens (creating if needed) the embedded database file. SQLite
// allows one writer at a time; a single connection serialises access in
// process instead of failing with "database is locked" under load.
// Temporary files stay in memory: a statement inside a transaction keeps
// a sub-journal of the pages it changes, and on disk that was a write
// system call per page of every wave of a push.
func OpenSQLite(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("store: create data dir: %w", err)
	}
	dsn := path + "?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=temp_store(MEMORY)"
	db, err := gorm.Open(sqlite.Open(dsn), gormConfig())
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite %s: %w", path, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("store: sqlite handle: %w", err)
	}
	sqlDB.SetMaxOpenConns(1)
	store := &Store{db: db, dialect: DialectSQLite}
	store.states = newStateBatches(store)
	return store, nil
}

// OpenPostgres connects to PostgreSQL with a DSN or postgres:// URL, with
// two connection pools (see lanes).
func OpenPostgres(dsn string) (*Store, error) {
	pools, err := openLanes(dsn)
	if err != nil {
		return nil, err
	}
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: pools}), gormConfig())
	if err != nil {
		return nil, errors.Join(fmt.Errorf("store: open postgres: %w", err), pools.close())
	}
	store := &Store{db: db, dialect: DialectPostgres, lanes: pools}
	store.states = newStateBatches(store)
	pools.size(DefaultPoolSize(runtime.GOMAXPROCS(0)))
	return store, nil
}

// DefaultPoolSize is the PostgreSQL connections one instance opens unless
// told (PUSHCHECK_DB_CONNS): the console's six, and four a core for
// background work, eight at least, thirty in all at most, so that three
// instances stay under PostgreSQL's default max_connections of 100.
//
// Background connections beyond what the cores can serve only make the
// console wait: in bench/load.sh on two cores, where PostgreSQL shares the
// machine, eight of them instead of 23 made the user page's p99 lower in
// eight of nine alternated runs (median 73 against 99 ms), the push a
// little faster and the device reports beside it a little slower (771
// against 739 and 726 against 755 a second); bench/ingest.sh, reports
// alone, took median 2,777 a second against 2,587 (five runs each).
// Device reports are committed together (stateBatches), so a few
// connections carry them.
func DefaultPoolSize(cores int) int {
	const perCore, least, most = 4, 8, 30
	return min(most, consoleConns+max(least, perCore*cores))
}

// SizePool sets how many PostgreSQL connections the store may open, both
// pools together. SQLite keeps its single connection.
func (s *Store) SizePool(n int) error {
	if s.lanes == nil || n <= 0 {
		return nil
	}
	s.lanes.size(n)
	return nil
}

// Open picks the database: PostgreSQL when databaseURL is a postgres URL,
// otherwise the SQLite file pushcheck.db in dataDir.
func Open(databaseURL, dataDir string) (*Store, error) {
	if databaseURL == "" {
		return OpenSQLite(filepath.Join(dataDir, "pushcheck.db"))
	}
	if strings.HasPrefix(databaseURL, "postgres://") || strings.HasPrefix(databaseURL, "postgresql://") {
		return OpenPostgres(databaseURL)
	}
	return nil, fmt.Errorf("store: DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite database)")
}

func gormConfig() *gorm.Config {
	return &gorm.Config{
		Logger:                 logger.Default.LogMode(logger.Silent),
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	}
}

// Dialect tells which database the store talks to.
func (s *Store) Dialect() Dialect { return s.dialect }

// Ping checks that the database answers (for /readyz).
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}

// Close releases the connections.
func (s *Store) Close() error {
	s.states.close()
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	if s.lanes != nil {
		return s.lanes.close()
	}
	return sqlDB.Close()
}

// tx runs fn in a transaction bound to ctx.
func (s *Store) tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.db.WithContext(ctx).Transaction(fn)
}

// notFound turns gorm's record-not-found into the application error.
func notFound(err error, format string, args ...any) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.NotFound(format, args...)
	}
	return err
}

// isUniqueViolation recognises a duplicate-key error on either database.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "SQLSTATE 23505")
}

// Exec runs one administrative statement (tests create and drop schemas).
func (s *Store) Exec(ctx context.Context, sql string) error {
	if err := s.db.WithContext(ctx).Exec(sql).Error; err != nil {
		return fmt.Errorf("store: exec: %w", err)
	}
	return nil
}
