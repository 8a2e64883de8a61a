package storage_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

// With every background connection taken — a large push and its receipts
// do that — a page's queries still run, on the console's own connections;
// background work waits.
func TestConsoleHasConnectionsOfItsOwn(t *testing.T) {
	s := storagetest.Open(t)
	if s.Dialect() != storage.DialectPostgres {
		t.Skip("SQLite has one connection for all")
	}
	ctx := context.Background()
	if _, err := s.CreateApp(ctx, "lanes"); err != nil {
		t.Fatal(err)
	}
	if err := s.SizePool(8); err != nil { // 4 background, 4 console
		t.Fatal(err)
	}
	bulk, err := s.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	var held []*sql.Conn
	t.Cleanup(func() {
		for _, c := range held {
			c.Close()
		}
	})
	for range 4 {
		c, err := bulk.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}

	wait, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	if _, err := s.Apps(wait); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("background query with its pool taken: err = %v, want it to wait until its deadline", err)
	}
	console, cancel := context.WithTimeout(models.WithConsoleWait(ctx), 5*time.Second)
	defer cancel()
	apps, err := s.Apps(console)
	if err != nil || len(apps) != 1 {
		t.Fatalf("console query with the background pool taken: %v, %v", apps, err)
	}
	if got := s.ConsolePool().Stats().MaxOpenConnections; got != 4 {
		t.Fatalf("console pool holds %d connections, want 4 of 8", got)
	}
}
