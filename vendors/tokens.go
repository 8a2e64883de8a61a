package vendors

import (
	"context"
	"sync"
	"time"
)

// AccessToken is a vendor auth token with its expiry.
type AccessToken struct {
	Value     string
	ExpiresAt time.Time
}

// TokenCache keeps one auth token per certificate (Huawei and Honor OAuth,
// OPPO auth_token, vivo authToken), fetching a new one shortly before
// expiry. Concurrent sends for one certificate share a single fetch, and a
// token the vendor calls invalid is dropped once, so that one retry gets a
// fresh one.
type TokenCache struct {
	// refreshBefore is how long before expiry a token is renewed.
	refreshBefore time.Duration
	now           func() time.Time

	mu      sync.Mutex
	entries map[string]*tokenEntry
}

type tokenEntry struct {
	mu    sync.Mutex // held while fetching, so one fetch serves all waiters
	token AccessToken
}

// NewTokenCache renews tokens refreshBefore their expiry.
func NewTokenCache(refreshBefore time.Duration) *TokenCache {
	return &TokenCache{refreshBefore: refreshBefore, now: time.Now, entries: map[string]*tokenEntry{}}
}

func (c *TokenCache) entry(key string) *tokenEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok {
		e = &tokenEntry{}
		c.entries[key] = e
	}
	return e
}

// Get returns the cached token for key, or fetches one.
func (c *TokenCache) Get(ctx context.Context, key string, fetch func(context.Context) (AccessToken, error)) (AccessToken, error) {
	e := c.entry(key)
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.token.Value != "" && c.now().Before(e.token.ExpiresAt.Add(-c.refreshBefore)) {
		return e.token, nil
	}
	tok, err := fetch(ctx)
	if err != nil {
		return AccessToken{}, err
	}
	e.token = tok
	return tok, nil
}

// Invalidate drops the token the vendor refused, unless another send has
// already replaced it.
func (c *TokenCache) Invalidate(key string, refused AccessToken) {
	e := c.entry(key)
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.token.Value == refused.Value {
		e.token = AccessToken{}
	}
}

// WithToken runs call with the cached token for key. When call reports
// that the vendor refused the token (expired or invalid), the token is
// dropped and call runs once more with a fresh one; a second refusal is
// left for call's caller to report. The error is the token request's or
// call's.
func (c *TokenCache) WithToken(ctx context.Context, key string, fetch func(context.Context) (AccessToken, error), call func(AccessToken) (refused bool, err error)) error {
	for attempt := 0; ; attempt++ {
		tok, err := c.Get(ctx, key, fetch)
		if err != nil {
			return err
		}
		refused, err := call(tok)
		if err != nil || !refused || attempt > 0 {
			return err
		}
		c.Invalidate(key, tok)
	}
}

// Send makes one vendor send that needs an access token: within timeout,
// with the cached token for key (renewed once if the vendor refuses it,
// as WithToken does), and with the time it took in the result. call gets
// the result so far and returns it filled with the vendor's answer.
func (c *TokenCache) Send(ctx context.Context, timeout time.Duration, key string, fetch func(context.Context) (AccessToken, error), r Result,
	call func(ctx context.Context, tok AccessToken, r Result) (Result, bool, error)) (Result, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	start := time.Now()
	err := c.WithToken(ctx, key, fetch, func(tok AccessToken) (bool, error) {
		var refused bool
		var err error
		r, refused, err = call(ctx, tok, r)
		return refused, err
	})
	r.Latency = time.Since(start)
	return r, err
}
