// Package apikeys answers "which app does this device-API key belong to?"
// from memory. Every device report carries a key, so looking it up in the
// database each time would cost a round trip per report; instead each
// answer (known or unknown) is remembered for at most MaxAge. A key revoked
// on any instance stops working everywhere within MaxAge, because no
// instance keeps an answer longer than that.
package apikeys

import (
	"context"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/pushcheck/pushcheck/models"
)

// MaxAge is how long a looked-up key is trusted before it is read again:
// the bound on how late a revocation takes effect.
const MaxAge = time.Second

// maxEntries bounds the memory a flood of made-up keys can take; past it
// the cache is cleared, which only costs lookups.
const maxEntries = 10_000

// Lookup reads a key from the database (storage.Store.AppByAPIKey).
type Lookup interface {
	AppByAPIKey(ctx context.Context, secret string) (models.App, error)
}

// Cache remembers recent answers of a Lookup.
type Cache struct {
	lookup Lookup
	now    func() time.Time

	mu      sync.Mutex
	entries map[string]entry
	flight  singleflight.Group
}

// entry is one answer: the app, or the application error for an unknown
// or revoked key. Database failures are never remembered.
type entry struct {
	app     models.App
	err     error
	expires time.Time
}

// NewCache wraps lookup.
func NewCache(lookup Lookup, now func() time.Time) *Cache {
	return &Cache{lookup: lookup, now: now, entries: map[string]entry{}}
}

// AppByAPIKey returns the key's app, from memory when the answer is younger
// than MaxAge. Concurrent misses for one key share a single database read.
func (c *Cache) AppByAPIKey(ctx context.Context, secret string) (models.App, error) {
	now := c.now()
	c.mu.Lock()
	e, ok := c.entries[secret]
	c.mu.Unlock()
	if ok && now.Before(e.expires) {
		return e.app, e.err
	}
	v, err, _ := c.flight.Do(secret, func() (any, error) {
		app, err := c.lookup.AppByAPIKey(context.WithoutCancel(ctx), secret)
		if err != nil && models.ErrorCode(err) != models.CodeUnauthenticated {
			return nil, err
		}
		c.remember(secret, entry{app: app, err: err, expires: c.now().Add(MaxAge)})
		return entry{app: app, err: err}, nil
	})
	if err != nil {
		return models.App{}, err
	}
	got := v.(entry)
	return got.app, got.err
}

func (c *Cache) remember(secret string, e entry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= maxEntries {
		clear(c.entries)
	}
	c.entries[secret] = e
}

// Forget drops every remembered answer: after a revocation on this
// instance the next request reads the database.
func (c *Cache) Forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.entries)
}
