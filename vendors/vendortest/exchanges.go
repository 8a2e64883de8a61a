package vendortest

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Exchanges is a sandbox whose emulators' exchanges a test reads one by
// one, in the order the emulators answered.
type Exchanges struct {
	Sandbox *vendors.Sandbox
	seen    chan vendors.EmulatorExchange
}

// ObservedSandbox starts a sandbox with an observer that keeps every
// exchange; it is closed when the test ends.
func ObservedSandbox(t testing.TB) *Exchanges {
	t.Helper()
	sandbox, err := vendors.NewSandbox(nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := sandbox.Close(); err != nil {
			t.Error(err)
		}
	})
	x := &Exchanges{Sandbox: sandbox, seen: make(chan vendors.EmulatorExchange, 64)}
	sandbox.Observe(func(e vendors.EmulatorExchange) { x.seen <- e })
	return x
}

// Next is the next exchange; the observer hears of it just after the
// client has its answer, so Next waits a moment for it.
func (x *Exchanges) Next(t testing.TB) vendors.EmulatorExchange {
	t.Helper()
	select {
	case e := <-x.seen:
		return e
	case <-time.After(5 * time.Second):
		t.Fatal("no emulator exchange observed")
	}
	return vendors.EmulatorExchange{}
}

// Last skips to the last exchange of a send (a token grant comes first
// where the vendor has one) and reads it with the channel.
func (x *Exchanges) Last(t testing.TB, r vendors.EmulatorReader, path string) vendors.Observed {
	t.Helper()
	for {
		e := x.Next(t)
		if strings.Contains(e.Path, path) {
			return r.ReadEmulatorExchange(e)
		}
	}
}

// SandboxCertificate makes c a sandbox certificate of app 7.
func SandboxCertificate(c models.Certificate) models.Certificate {
	c.Environment, c.AppID = models.CertSandbox, 7
	return c
}

// Post sends a raw request to an emulator, as another client would.
func Post(t testing.TB, clients *vendors.ClientFactory, url, contentType, body string, header http.Header) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := clients.Client(nil).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

// RequireFinding fails unless one finding has the code.
func RequireFinding(t testing.TB, what string, fs []vendors.Finding, code string) {
	t.Helper()
	for _, f := range fs {
		if f.Code == code {
			return
		}
	}
	t.Errorf("%s lack %s: %+v", what, code, fs)
}

// RequireDelivered fails unless exactly one notification went to token
// with the title, body and delivery ID.
func RequireDelivered(t testing.TB, o vendors.Observed, token, title, body, deliveryID string) vendors.Notification {
	t.Helper()
	if !o.Accepted || !o.AuthOK || len(o.Notifications) != 1 {
		t.Fatalf("not delivered: %+v", o)
	}
	n := o.Notifications[0]
	if n.Token != token || n.Title != title || n.Body != body || n.DeliveryID != deliveryID {
		t.Fatalf("notification: %+v", n)
	}
	return n
}
