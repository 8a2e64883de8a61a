package vendors

import (
	"bytes"
	"container/heap"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
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

// Post sends a receipt in the background after the poster's delay (plus
// extra, for vendors that batch). The body is built when it leaves, so
// its timestamps are the receipt's, not the send's.
func (c *ReceiptPoster) Post(url, contentType string, body func() []byte, header http.Header, extra time.Duration) {
	c.start.Do(func() {
		for range receiptPosts {
			c.wg.Add(1)
			go c.work()
		}
	})
	c.mu.Lock()
	heap.Push(&c.queue, &pendingReceipt{due: time.Now().Add(c.delay + extra), url: url, contentType: contentType, body: body, header: header})
	c.mu.Unlock()
	c.signal()
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
		r, ok := c.next()
		if !ok {
			return
		}
		c.deliver(r)
	}
}

// next waits for the earliest receipt to fall due (and for the console's
// hold to end) and takes it; false once the poster is closed.
func (c *ReceiptPoster) next() (*pendingReceipt, bool) {
	for {
		c.mu.Lock()
		wait := time.Hour // nothing queued: until a Post wakes a worker
		if len(c.queue) > 0 {
			wait = max(time.Until(c.queue[0].due), time.Until(c.heldTil))
			if wait <= 0 {
				r := heap.Pop(&c.queue).(*pendingReceipt)
				more := len(c.queue) > 0
				c.mu.Unlock()
				if more { // another worker looks at the next one
					c.signal()
				}
				return r, true
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

// deliver posts one receipt, retrying a failure twice (after 0.5 and 1 s)
// and a refusal for the console's rate for up to receiptPatience.
func (c *ReceiptPoster) deliver(r *pendingReceipt) {
	var err error
	b := r.body()
	giveUp := time.Now().Add(receiptPatience)
	for attempt := 0; attempt < 3; {
		var wait time.Duration
		switch err = c.post(r.url, r.contentType, b, r.header); {
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
	c.log.Warn("sandbox: receipt not delivered", "url", r.url, "err", err)
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
	due         time.Time
	url         string
	contentType string
	body        func() []byte
	header      http.Header
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
