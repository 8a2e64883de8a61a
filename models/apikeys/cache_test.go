package apikeys_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/apikeys"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

// The cache answers from memory, and a key revoked in the database (by any
// instance) stops working once MaxAge has passed.
func TestRevocationSeenWithinMaxAge(t *testing.T) {
	ctx := context.Background()
	store := storagetest.Open(t)
	app, secret, err := store.CreateAppWithKey(ctx, "cache test")
	if err != nil {
		t.Fatal(err)
	}
	keys, err := store.APIKeysOfApp(ctx, app.ID)
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	cache := apikeys.NewCache(store, func() time.Time { return clock })

	got, err := cache.AppByAPIKey(ctx, secret)
	if err != nil || got.ID != app.ID {
		t.Fatalf("fresh key: app %d, %v; want app %d", got.ID, err, app.ID)
	}
	if err := store.RevokeAPIKey(ctx, app.ID, keys[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := cache.AppByAPIKey(ctx, secret); err != nil {
		t.Fatalf("within MaxAge the remembered answer stands, got %v", err)
	}
	clock = clock.Add(apikeys.MaxAge)
	_, err = cache.AppByAPIKey(ctx, secret)
	if models.ErrorCode(err) != models.CodeUnauthenticated {
		t.Fatalf("after MaxAge a revoked key must be refused, got %v", err)
	}
}

// countingLookup counts database reads and fails on demand.
type countingLookup struct {
	reads atomic.Int32
	err   error
}

func (l *countingLookup) AppByAPIKey(ctx context.Context, secret string) (models.App, error) {
	l.reads.Add(1)
	time.Sleep(5 * time.Millisecond)
	if l.err != nil {
		return models.App{}, l.err
	}
	if secret != "pk_good" {
		return models.App{}, models.Errorf(models.CodeUnauthenticated, "the API key is unknown or revoked")
	}
	return models.App{ID: 7}, nil
}

func TestConcurrentMissesShareOneRead(t *testing.T) {
	lookup := &countingLookup{}
	cache := apikeys.NewCache(lookup, time.Now)
	var wg sync.WaitGroup
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if app, err := cache.AppByAPIKey(context.Background(), "pk_good"); err != nil || app.ID != 7 {
				t.Errorf("got app %d, %v", app.ID, err)
			}
		}()
	}
	wg.Wait()
	if n := lookup.reads.Load(); n != 1 {
		t.Fatalf("32 concurrent requests read the database %d times, want 1", n)
	}
	// An unknown key is remembered as unknown too, so a client retrying a
	// bad key does not reach the database each time.
	for range 3 {
		if _, err := cache.AppByAPIKey(context.Background(), "pk_bad"); models.ErrorCode(err) != models.CodeUnauthenticated {
			t.Fatalf("unknown key: %v", err)
		}
	}
	if n := lookup.reads.Load(); n != 2 {
		t.Fatalf("database reads = %d, want 2", n)
	}
}

// A database failure is not remembered: the next request tries again.
func TestOutageIsNotRemembered(t *testing.T) {
	lookup := &countingLookup{err: errors.New("connection refused")}
	cache := apikeys.NewCache(lookup, time.Now)
	for range 2 {
		if _, err := cache.AppByAPIKey(context.Background(), "pk_good"); err == nil {
			t.Fatal("an outage must fail the request")
		}
	}
	lookup.err = nil
	if app, err := cache.AppByAPIKey(context.Background(), "pk_good"); err != nil || app.ID != 7 {
		t.Fatalf("after the outage: app %d, %v", app.ID, err)
	}
}
