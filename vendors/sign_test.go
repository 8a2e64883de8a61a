package vendors_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Meizu's documented example (MEIZUPUSH/PushAPI README, docs/vendors/meizu.md
// §8.1): three parameters, the secret written as the literal <APP_SECRET>.
func TestMeizuSignMatchesTheDocumentedExample(t *testing.T) {
	params := map[string]string{
		"appId":       "10000",
		"pushIds":     "RA50c6348036344485d01776773577c64740465480a6b",
		"messageJson": `{"title":"title","content":"content","pushTimeInfo":{"offLine":1,"validTime":24}}`,
	}
	if got := vendors.SortedParamsMD5(params, "<APP_SECRET>"); got != "ac076ff25d9900015a681cb5172aa53b" {
		t.Fatalf("sign = %s", got)
	}
}

func TestDigestHelpers(t *testing.T) {
	// Known digests of "abc" (RFC 1321, FIPS 180-2), split to show the
	// parts are concatenated without separators.
	if got := vendors.MD5Hex("a", "b", "c"); got != "900150983cd24fb0d6963f7d28e17f72" {
		t.Errorf("md5 = %s", got)
	}
	if got := vendors.SHA256Hex("ab", "c"); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("sha256 = %s", got)
	}
}

func TestTokenCacheSharesOneFetchAndRenews(t *testing.T) {
	cache := vendors.NewTokenCache(time.Minute)
	var fetches atomic.Int32
	fetch := func(context.Context) (vendors.AccessToken, error) {
		n := fetches.Add(1)
		time.Sleep(10 * time.Millisecond) // concurrent callers pile up meanwhile
		return vendors.AccessToken{Value: string(rune('a' + n - 1)), ExpiresAt: time.Now().Add(time.Hour)}, nil
	}
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if tok, err := cache.Get(context.Background(), "cert-1", fetch); err != nil || tok.Value != "a" {
				t.Errorf("token %q, %v", tok.Value, err)
			}
		}()
	}
	wg.Wait()
	if fetches.Load() != 1 {
		t.Fatalf("%d fetches for one certificate, want 1", fetches.Load())
	}
	// The vendor refuses the token: it is dropped once, and the next Get
	// fetches; refusing a token already replaced changes nothing.
	cache.Invalidate("cert-1", vendors.AccessToken{Value: "a"})
	tok, _ := cache.Get(context.Background(), "cert-1", fetch)
	cache.Invalidate("cert-1", vendors.AccessToken{Value: "a"})
	again, _ := cache.Get(context.Background(), "cert-1", fetch)
	if tok.Value != "b" || again.Value != "b" || fetches.Load() != 2 {
		t.Fatalf("after invalidate: %q then %q, %d fetches", tok.Value, again.Value, fetches.Load())
	}
	// A token inside the refresh margin is renewed.
	soon := func(context.Context) (vendors.AccessToken, error) {
		fetches.Add(1)
		return vendors.AccessToken{Value: "short", ExpiresAt: time.Now().Add(30 * time.Second)}, nil
	}
	cache.Get(context.Background(), "cert-2", soon)
	cache.Get(context.Background(), "cert-2", soon)
	if fetches.Load() != 4 {
		t.Fatalf("a token expiring within the margin was reused: %d fetches", fetches.Load())
	}
	// A failed fetch is reported and not cached.
	boom := errors.New("auth down")
	if _, err := cache.Get(context.Background(), "cert-3", func(context.Context) (vendors.AccessToken, error) { return vendors.AccessToken{}, boom }); !errors.Is(err, boom) {
		t.Fatalf("fetch error: %v", err)
	}
}

func TestWithTokenRetriesOnceWithAFreshToken(t *testing.T) {
	cache := vendors.NewTokenCache(time.Minute)
	var fetches atomic.Int32
	fetch := func(context.Context) (vendors.AccessToken, error) {
		n := fetches.Add(1)
		return vendors.AccessToken{Value: string(rune('a' + n - 1)), ExpiresAt: time.Now().Add(time.Hour)}, nil
	}
	// The vendor refuses the first token: one renewal, one more call.
	var used []string
	err := cache.WithToken(context.Background(), "c", fetch, func(tok vendors.AccessToken) (bool, error) {
		used = append(used, tok.Value)
		return tok.Value == "a", nil
	})
	if err != nil || len(used) != 2 || used[1] != "b" {
		t.Fatalf("calls %v, %v", used, err)
	}
	// A vendor that refuses every token gets exactly two calls, not a loop.
	used = nil
	cache.WithToken(context.Background(), "d", fetch, func(tok vendors.AccessToken) (bool, error) {
		used = append(used, tok.Value)
		return true, nil
	})
	if len(used) != 2 {
		t.Fatalf("a vendor refusing every token got %d calls", len(used))
	}
	// A call error ends it at once.
	boom := errors.New("network")
	calls := 0
	if err := cache.WithToken(context.Background(), "e", fetch, func(vendors.AccessToken) (bool, error) { calls++; return true, boom }); !errors.Is(err, boom) || calls != 1 {
		t.Fatalf("call error: %v after %d calls", err, calls)
	}
}

// Caches are keyed on the credentials themselves: a rename, a check or a
// quota change (which move updated_at) keep the key, so live tokens are
// reused; changed credentials, settings or environment make a new one.
func TestCertificateKeyFollowsTheCredentialsOnly(t *testing.T) {
	c := models.Certificate{ID: 10003, Name: "Huawei", Environment: models.CertProduction, UpdatedAt: time.Now(),
		Settings: models.CertificateSettings{AppID: "104000001", ClientID: "104000001"}}
	s := models.CertificateSecrets{ClientSecret: "s3cret"}
	key := vendors.CertificateKey(c, s)
	renamed := c
	renamed.Name, renamed.UpdatedAt = "Huawei (renamed)", c.UpdatedAt.Add(time.Hour)
	if vendors.CertificateKey(renamed, s) != key {
		t.Fatal("a rename made a new cache key")
	}
	other := s
	other.ClientSecret = "rotated"
	moved := c
	moved.Settings.ClientID = "104000002"
	sandbox := c
	sandbox.Environment = models.CertSandbox
	for name, k := range map[string]string{"secret": vendors.CertificateKey(c, other), "client ID": vendors.CertificateKey(moved, s), "environment": vendors.CertificateKey(sandbox, s)} {
		if k == key {
			t.Errorf("a changed %s kept the cache key", name)
		}
	}
	if strings.Contains(key, "s3cret") {
		t.Fatal("the key shows the secret")
	}
}
