package vendors

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// ReceiptPoster carries the sandbox emulators' receipt callbacks to the console,
// a little after the send as the vendors do, retrying briefly like them.
type ReceiptPoster struct {
	client  *http.Client
	console string // the console's own base URL, for console-configured receipts
	log     *slog.Logger
	delay   time.Duration

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// NewReceiptPoster posts to console URLs; delay is how long after the send a
// receipt leaves.
func NewReceiptPoster(console string, log *slog.Logger, delay time.Duration) *ReceiptPoster {
	ctx, cancel := context.WithCancel(context.Background())
	return &ReceiptPoster{client: &http.Client{Timeout: 5 * time.Second}, console: console, log: log, delay: delay, ctx: ctx, cancel: cancel}
}

// ConsoleReceiptURL is the receipt URL the sandbox's vendor console has
// configured for a certificate (Huawei, Honor): this console's endpoint.
func (c *ReceiptPoster) ConsoleReceiptURL(cert models.Certificate) string {
	return ReceiptURL(c.console, cert)
}

// Post sends a receipt in the background after the poster's delay (plus
// extra, for vendors that batch). The body is built when it leaves, so
// its timestamps are the receipt's, not the send's.
func (c *ReceiptPoster) Post(url, contentType string, body func() []byte, header http.Header, extra time.Duration) {
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		if !Sleep(c.ctx, c.delay+extra) {
			return
		}
		var err error
		b := body()
		for attempt := 0; attempt < 3; attempt++ {
			if err = c.post(url, contentType, b, header); err == nil {
				return
			}
			if !Sleep(c.ctx, time.Duration(attempt+1)*500*time.Millisecond) {
				return
			}
		}
		c.log.Warn("sandbox: receipt not delivered", "url", url, "err", err)
	}()
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
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("the console answered %s", resp.Status)
	}
	return nil
}

// Close drops the receipts not yet sent and waits for those in flight.
func (c *ReceiptPoster) Close() {
	c.cancel()
	c.wg.Wait()
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
