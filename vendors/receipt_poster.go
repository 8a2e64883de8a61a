package vendors

import (
	"bytes"
	"container/heap"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// ReceiptPoster carries the sandbox emulators' receipt callbacks to the console,
// a little after the send as the vendors do, retrying briefly like them.
//
// A 10,000-device push brings thousands of receipts within seconds. They
// wait in one queue, ordered by when each is due, and receiptPosts workers
// post them over connections kept open. (A goroutine a receipt, and a new
// connection each — Go's default keeps two idle a host — cost this
// process more memory and CPU than recording the receipts did.)
//
// The vendors send receipts in batches: Huawei, Honor and HarmonyOS up to
// 100 statuses a callback, Meizu about once a second, Xiaomi and vivo an
// object keyed by message, OPPO an array. Like a vendor collecting them,
// the poster holds a receipt that falls due for a moment (gather) and
// sends it with the receipts for the same callback that fell due
// meanwhile (at most receiptBatch), written by the callback's Write; a
// receipt never leaves before it is due. So a large push's
// receipts cost the console one callback per dozens of receipts, not one
// each (bench/load.sh: about 150 callbacks for 6,500 receipts).
//
// The console limits receipt callbacks (per address and per certificate)
// and answers 429 with Retry-After beyond that. The poster then holds all
// its receipts for that long and tries again, as a vendor whose callbacks
// are refused would: a large push's receipts arrive at the console's pace
// instead of being lost after three refusals in a row.
type ReceiptPoster struct {
	client  *http.Client
	console string // the console's own base URL, for console-configured receipts
	log     *slog.Logger
	delay   time.Duration

	mu      sync.Mutex
	queue   receiptQueue
	heldTil time.Time
	wake    chan struct{}
	start   sync.Once

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// NewReceiptPoster posts to console URLs; delay is how long after the send a
// receipt leaves.
func NewReceiptPoster(console string, log *slog.Logger, delay time.Duration) *ReceiptPoster {
	ctx, cancel := context.WithCancel(context.Background())
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = receiptPosts
	transport.MaxConnsPerHost = receiptPosts
	return &ReceiptPoster{client: &http.Client{Timeout: 5 * time.Second, Transport: transport},
		console: console, log: log, delay: delay, wake: make(chan struct{}, 1), ctx: ctx, cancel: cancel}
}

// receiptPosts is how many receipt callbacks are in flight at most.
const receiptPosts = 16

// ConsoleReceiptURL is the receipt URL the sandbox's vendor console has
// configured for a certificate (Huawei, Honor): this console's endpoint.
func (c *ReceiptPoster) ConsoleReceiptURL(cert models.Certificate) string {
	return ReceiptURL(c.console, cert)
}

// ReceiptCallback is where and how an emulator posts a kind of receipt.
type ReceiptCallback struct {
	URL         string
	ContentType string
	// Key tells apart callbacks to one URL that are signed or shaped
	// differently (another app's signing key): only receipts with the same
	// URL, content type and key share a request.
	Key string
	// Write makes one request's body and headers from the entries that
	// leave together, oldest first. It runs when they leave, so signatures
	// and timestamps are the post's.
	Write func(entries []any) (body []byte, header http.Header)
}

// group is what receipts must share to leave in one request.
func (cb ReceiptCallback) group() string {
	return cb.URL + "\x00" + cb.ContentType + "\x00" + cb.Key
}

const (
	// receiptGather is how long a due receipt waits for others for its
	// callback, at most: the poster's delay, if shorter, so that a test's
	// short delay stays short.
	receiptGather = 300 * time.Millisecond
	// receiptBatch is the most entries in one callback: Huawei's and
	// HarmonyOS's documented limit, and under the console's (1,000).
	receiptBatch = 100
)

// Post sends a receipt entry in the background after the poster's delay
// (plus extra, for vendors that hold their receipts longer), in one
// request with the callback's other entries due about then.
func (c *ReceiptPoster) Post(cb ReceiptCallback, entry any, extra time.Duration) {
	c.start.Do(func() {
		for range receiptPosts {
			c.wg.Add(1)
			go c.work()
		}
	})
	c.mu.Lock()
	heap.Push(&c.queue, &pendingReceipt{due: time.Now().Add(c.delay + extra), cb: cb, group: cb.group(), entry: entry})
	c.mu.Unlock()
	c.signal()
}

// gather is how long a due receipt waits for others (see receiptGather).
func (c *ReceiptPoster) gather() time.Duration {
	return min(receiptGather, c.delay)
}

// signal wakes one waiting worker, if none is waking already.
func (c *ReceiptPoster) signal() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// work posts receipts as they fall due, until Close.
func (c *ReceiptPoster) work() {
	defer c.wg.Done()
	for {
		batch, ok := c.next()
		if !ok {
			return
		}
		c.deliver(batch)
	}
}

// next waits for the earliest receipt to fall due (and for the console's
// hold to end) and takes it with the receipts that go along; false once
// the poster is closed.
func (c *ReceiptPoster) next() ([]*pendingReceipt, bool) {
	for {
		c.mu.Lock()
		wait := time.Hour // nothing queued: until a Post wakes a worker
		if len(c.queue) > 0 {
			wait = max(time.Until(c.queue[0].due.Add(c.gather())), time.Until(c.heldTil))
			if wait <= 0 {
				batch := c.takeBatch()
				more := len(c.queue) > 0
				c.mu.Unlock()
				if more { // another worker looks at the next one
					c.signal()
				}
				return batch, true
			}
		}
		c.mu.Unlock()
		t := time.NewTimer(wait)
		select {
		case <-c.ctx.Done():
			t.Stop()
			return nil, false
		case <-c.wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// takeBatch takes the earliest receipt and the ones for its callback due
// by now, oldest first, up to receiptBatch. c.mu is held.
func (c *ReceiptPoster) takeBatch() []*pendingReceipt {
	first := heap.Pop(&c.queue).(*pendingReceipt)
	until := time.Now()
	var along []*pendingReceipt
	keep := c.queue[:0]
	for _, r := range c.queue {
		if r.group == first.group && !r.due.After(until) {
			along = append(along, r)
		} else {
			keep = append(keep, r)
		}
	}
	if len(along) == 0 {
		return []*pendingReceipt{first}
	}
	// The heap's array is not in due order: the earliest go now, the
	// rest stay queued.
	slices.SortStableFunc(along, func(a, b *pendingReceipt) int { return a.due.Compare(b.due) })
	n := min(len(along), receiptBatch-1)
	keep = append(keep, along[n:]...)
	clear(c.queue[len(keep):])
	c.queue = keep
	heap.Init(&c.queue)
	return append([]*pendingReceipt{first}, along[:n]...)
}

// deliver posts a batch, retrying like a vendor (a few times, a little
// apart), and waiting as long as the console asks when it refuses for its
// rate.
func (c *ReceiptPoster) deliver(batch []*pendingReceipt) {
	cb := batch[0].cb
	entries := make([]any, len(batch))
	for i, r := range batch {
		entries[i] = r.entry
	}
	body, header := cb.Write(entries)
	var err error
	giveUp := time.Now().Add(receiptPatience)
	for attempt := 0; attempt < 3; {
		var wait time.Duration
		switch err = c.post(cb.URL, cb.ContentType, body, header); {
		case err == nil:
			return
		case errors.As(err, new(*refusedForRate)) && time.Now().Before(giveUp):
			wait = c.holding() // the console's own pace: not a failed attempt
		default:
			attempt++
			wait = time.Duration(attempt) * 500 * time.Millisecond
		}
		if !Sleep(c.ctx, wait) {
			return
		}
	}
	c.log.Warn("sandbox: receipts not delivered", "url", cb.URL, "receipts", len(batch), "err", err)
}

// receiptPatience is how long a receipt the console refuses for its rate
// is tried again.
const receiptPatience = 5 * time.Minute

// refusedForRate is the console's 429: posting waits until the time it
// asked for.
type refusedForRate struct{ retryAfter time.Duration }

func (r *refusedForRate) Error() string {
	return fmt.Sprintf("the console limits receipts: try again in %s", r.retryAfter)
}

// hold delays every post until d from now.
func (c *ReceiptPoster) hold(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if until := time.Now().Add(d); until.After(c.heldTil) {
		c.heldTil = until
	}
}

// holding is how long posts must still wait.
func (c *ReceiptPoster) holding() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return max(0, time.Until(c.heldTil))
}

func (c *ReceiptPoster) post(url, contentType string, body []byte, header http.Header) error {
	req, err := http.NewRequestWithContext(c.ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := c.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	// Read to the end, so that the connection is reused.
	if _, err := io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16)); err != nil {
		return err
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		wait := time.Second
		if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs > 0 {
			wait = time.Duration(min(secs, 60)) * time.Second
		}
		c.hold(wait)
		return &refusedForRate{retryAfter: wait}
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("the console answered %s", resp.Status)
	}
	return nil
}

// Close drops the receipts not yet sent and waits for those in flight. A
// second Close does nothing more.
func (c *ReceiptPoster) Close() {
	c.cancel()
	c.wg.Wait()
	c.client.CloseIdleConnections()
}

// pendingReceipt is a receipt waiting to fall due.
type pendingReceipt struct {
	due   time.Time
	cb    ReceiptCallback
	group string
	entry any
}

// receiptQueue orders pending receipts by when they fall due
// (container/heap).
type receiptQueue []*pendingReceipt

func (q receiptQueue) Len() int           { return len(q) }
func (q receiptQueue) Less(i, j int) bool { return q[i].due.Before(q[j].due) }
func (q receiptQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *receiptQueue) Push(x any)        { *q = append(*q, x.(*pendingReceipt)) }
func (q *receiptQueue) Pop() any {
	old := *q
	r := old[len(old)-1]
	old[len(old)-1] = nil
	*q = old[:len(old)-1]
	return r
}

// ReceiptSender is an emulator that sends receipts the way its vendor
// does; the sandbox hands it its poster.
type ReceiptSender interface {
	UseReceiptPoster(*ReceiptPoster)
}

// ReceiptPosterSlot holds an emulator's poster; embedding it makes the
// emulator a ReceiptSender.
type ReceiptPosterSlot struct {
	mu     sync.Mutex
	poster *ReceiptPoster
}

// UseReceiptPoster implements ReceiptSender.
func (s *ReceiptPosterSlot) UseReceiptPoster(c *ReceiptPoster) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.poster = c
}

// ReceiptPoster is the poster handed over, or nil: no receipts.
func (s *ReceiptPosterSlot) ReceiptPoster() *ReceiptPoster {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.poster
}

// StatusesBody is the receipt body of Huawei, Honor and HarmonyOS: the
// entries' statuses in one "statuses" array. An entry is a status or a
// []map[string]any of them.
func StatusesBody(entries []any) []byte {
	return MustJSON(map[string]any{"statuses": joinEntries(entries)})
}

// ArrayBody is OPPO's receipt body: the entries' events in one array. An
// entry is an event or a []map[string]any of them.
func ArrayBody(entries []any) []byte {
	return MustJSON(joinEntries(entries))
}

// MergedObject is the receipt object of Xiaomi, vivo and Meizu: one JSON
// object keyed by message, holding every entry's keys (each entry a
// map[string]any of its message's receipts).
func MergedObject(entries []any) map[string]any {
	out := map[string]any{}
	for _, e := range entries {
		if m, ok := e.(map[string]any); ok {
			maps.Copy(out, m)
		}
	}
	return out
}

// StampEntries calls stamp on every receipt map in entries (each a map or
// a []map[string]any): a receipt's time is when its callback leaves, after
// the vendor's answer, not when the send queued it.
func StampEntries(entries []any, stamp func(map[string]any)) {
	for _, e := range entries {
		switch e := e.(type) {
		case map[string]any:
			stamp(e)
		case []map[string]any:
			for _, m := range e {
				stamp(m)
			}
		}
	}
}

func joinEntries(entries []any) []any {
	out := make([]any, 0, len(entries))
	for _, e := range entries {
		if list, ok := e.([]map[string]any); ok {
			for _, item := range list {
				out = append(out, item)
			}
			continue
		}
		out = append(out, e)
	}
	return out
}
