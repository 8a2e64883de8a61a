// Package storagetest opens a migrated Store for tests: SQLite in a temporary
// directory always, or a fresh schema of the PostgreSQL database named by
// PUSHCHECK_TEST_DATABASE_URL when it is set, so the same suite runs on both.
package storagetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/pushcheck/pushcheck/models/storage"
)

// EnvDatabaseURL names the PostgreSQL database the suite runs against.
const EnvDatabaseURL = "PUSHCHECK_TEST_DATABASE_URL"

// Open returns a migrated, empty store that is closed (and on PostgreSQL
// dropped) when the test ends.
func Open(t testing.TB) *storage.Store {
	t.Helper()
	dsn := DSN(t)
	var store *storage.Store
	var err error
	if dsn == "" {
		store, err = storage.OpenSQLite(filepath.Join(t.TempDir(), "pushcheck.db"))
	} else {
		store, err = storage.OpenPostgres(dsn)
	}
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { store.Close() })
	if err := store.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return store
}

// DSN returns a database URL for a fresh, private PostgreSQL schema, or ""
// when the suite runs on SQLite. Callers that start a whole server use it as
// DATABASE_URL.
func DSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvDatabaseURL)
	if base == "" {
		return ""
	}
	admin, err := storage.OpenPostgres(base)
	if err != nil {
		t.Fatalf("connect %s: %v", EnvDatabaseURL, err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	schema := "test_" + hex.EncodeToString(b)
	if err := admin.Exec(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin, err := storage.OpenPostgres(base)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer admin.Close()
		if err := admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", EnvDatabaseURL, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
