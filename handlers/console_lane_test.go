package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/storage"
)

// While background work holds every connection of its pool — a large
// push and its receipts can — a signed-in page and an operator API call
// still answer: they have connections of their own (PostgreSQL).
func TestPagesDoNotWaitForBackgroundConnections(t *testing.T) {
	e := newEnv(t)
	if e.store.Dialect() != storage.DialectPostgres {
		t.Skip("SQLite has one connection for all")
	}
	_, token := e.operator("support@example.com", models.RoleOperator)
	b := e.browser()
	b.client.Timeout = 10 * time.Second
	if r := b.signIn("support@example.com", "correct horse battery"); r.status != http.StatusSeeOther {
		t.Fatalf("sign in: %d", r.status)
	}
	if err := e.store.SizePool(8); err != nil { // 4 background, 4 console
		t.Fatal(err)
	}
	bulk, err := e.store.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	for range 4 {
		c, err := bulk.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
	}
	held := bulk.Stats()
	if held.InUse != 4 {
		t.Fatalf("the background pool has %d connections in use, want all 4 held", held.InUse)
	}

	if r := b.get(fmt.Sprintf("/apps/%d/users/nobody-yet", e.app.ID)); r.status != http.StatusOK {
		t.Fatalf("user page with the background pool taken: %d", r.status)
	}
	api := &http.Client{Timeout: 10 * time.Second}
	if r := e.call(api, http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/devices", e.app.ID), token, "", ""); r.status != http.StatusOK {
		t.Fatalf("devices API with the background pool taken: %d %s", r.status, r.body)
	}
}
