package vendors_test

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/vendors"
)

// A burst of receipts goes over a few kept-open connections, with a bound
// on those in flight, and every receipt arrives.
func TestReceiptPosterReusesConnections(t *testing.T) {
	var conns, inFlight, most, got atomic.Int64
	var wg sync.WaitGroup
	const receipts = 200
	wg.Add(receipts)
	console := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer wg.Done()
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(2 * time.Millisecond) // the console records it
		io.Copy(io.Discard, r.Body)
		got.Add(1)
		io.WriteString(w, `{"ok":true}`)
	}))
	console.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	console.Start()
	defer console.Close()

	postAll(t, console.URL, receipts, &wg, &got)
	if most.Load() > 16 || most.Load() < 2 {
		t.Errorf("%d receipts were in flight at once, want several and at most 16", most.Load())
	}
	if conns.Load() > 16 {
		t.Errorf("%d connections for %d receipts, want them kept open and reused (at most 16)", conns.Load(), receipts)
	}
}

// A console that refuses receipts for its rate is waited for, as long as
// it asks, and every receipt arrives in the end; the poster does not keep
// knocking while it waits.
func TestReceiptPosterWaitsWhenTheConsoleAsks(t *testing.T) {
	var refused, got atomic.Int64
	var wg sync.WaitGroup
	const receipts = 40
	wg.Add(receipts)
	var mu sync.Mutex
	var openAt time.Time // the console refuses everything until then
	console := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		mu.Lock()
		if openAt.IsZero() {
			openAt = time.Now().Add(time.Second)
		}
		closed := time.Now().Before(openAt)
		mu.Unlock()
		if closed {
			refused.Add(1)
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		got.Add(1)
		wg.Done()
	}))
	defer console.Close()

	postAll(t, console.URL, receipts, &wg, &got)
	// At most one refusal for each post in flight when the console first
	// said wait: the rest waited without asking.
	if refused.Load() > 16 {
		t.Errorf("%d refusals: the poster kept posting while told to wait", refused.Load())
	}
}

// postAll posts n receipts to the console at url, waits until it has
// counted them all as arrived (got), and stops the poster.
func postAll(t *testing.T, url string, n int, arrived *sync.WaitGroup, got *atomic.Int64) {
	t.Helper()
	poster := vendors.NewReceiptPoster(url, slog.New(slog.DiscardHandler), 0)
	for i := range n {
		// A key each: these receipts are for as many callbacks, and none
		// may share a request.
		poster.Post(vendors.ReceiptCallback{URL: url + "/receipts", ContentType: "application/json", Key: strconv.Itoa(i), Write: emptyReceipt}, nil, 0)
	}
	arrived.Wait()
	poster.Close()
	if got.Load() != int64(n) {
		t.Fatalf("%d of %d receipts arrived", got.Load(), n)
	}
}

func emptyReceipt([]any) ([]byte, http.Header) { return []byte(`{}`), nil }

// Receipts for one callback due about together leave in one request, at
// most 100 entries a request, oldest first, as the vendors batch them, and
// none before it is due; another callback's (another key) never joins them.
func TestReceiptPosterBatchesACallbacksReceipts(t *testing.T) {
	var mu sync.Mutex
	var bodies []string
	var early bool
	var wg sync.WaitGroup
	start := time.Now()
	console := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, r.URL.Path+" "+r.Header.Get("X-Key")+" "+string(b))
		early = early || time.Since(start) < 300*time.Millisecond
		mu.Unlock()
		wg.Done()
	}))
	defer console.Close()
	// Delay: the entries are all queued before the first falls due.
	poster := vendors.NewReceiptPoster(console.URL, slog.New(slog.DiscardHandler), 300*time.Millisecond)
	defer poster.Close()
	callback := func(key string) vendors.ReceiptCallback {
		return vendors.ReceiptCallback{URL: console.URL + "/receipts", ContentType: "application/json", Key: key,
			Write: func(entries []any) ([]byte, http.Header) {
				return vendors.MustJSON(entries), http.Header{"X-Key": {key}}
			}}
	}
	wg.Add(3) // a: 100 + 50 entries; b: 1
	for i := range 150 {
		poster.Post(callback("a"), i, 0)
	}
	poster.Post(callback("b"), "other", 0)
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	var first, rest, other bool
	for _, b := range bodies {
		switch {
		case strings.HasPrefix(b, "/receipts a [0,1,2,") && strings.HasSuffix(b, ",99]"):
			first = true
		case strings.HasPrefix(b, "/receipts a [100,101,") && strings.HasSuffix(b, ",149]"):
			rest = true
		case b == `/receipts b ["other"]`:
			other = true
		}
	}
	if early {
		t.Error("a receipt left before it was due")
	}
	if !first || !rest || !other || len(bodies) != 3 {
		t.Fatalf("callbacks: want a with 0…99, a with 100…149 and b alone, got %d: %.300q", len(bodies), bodies)
	}
}
