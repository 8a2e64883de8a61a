package vendors

import (
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// Route picks the outbound a certificate's calls go through: the
// production one, or for sandbox certificates the vendor's emulator,
// started on first use.
type Route struct {
	outbound    *Outbound
	sandbox     *Sandbox
	emulator    http.Handler
	clientCerts bool
	hosts       []string

	once       sync.Once
	sandboxOut *Outbound
	err        error

	mu      sync.Mutex
	clients map[*Outbound]*http.Client
}

// NewRoute describes a vendor's emulator: its handler, whether it asks for
// TLS client certificates, and the real hostnames it answers for. sandbox
// may be nil, and sandbox certificates then fail with an explanation.
func NewRoute(outbound *Outbound, sandbox *Sandbox, emulator http.Handler, clientCerts bool, hosts ...string) *Route {
	return &Route{outbound: outbound, sandbox: sandbox, emulator: emulator, clientCerts: clientCerts, hosts: hosts}
}

// For returns the outbound for the certificate.
func (r *Route) For(c models.Certificate) (*Outbound, error) {
	if !c.Sandboxed() {
		return r.outbound, nil
	}
	if r.sandbox == nil {
		return nil, errors.New("the sandbox is not running in this process")
	}
	r.once.Do(func() {
		r.sandboxOut, r.err = r.sandbox.Start(r.emulator, r.clientCerts, r.hosts...)
		if rs, ok := r.emulator.(ReceiptSender); ok {
			if c := r.sandbox.Courier(); c != nil {
				rs.UseCourier(c)
			}
		}
	})
	return r.sandboxOut, r.err
}

// CallTimeout bounds one vendor call.
func (r *Route) CallTimeout() time.Duration { return r.outbound.CallTimeout() }

// Acceptor is an emulator that learns a sandbox certificate's
// credentials, as the vendor's console knows an app's.
type Acceptor interface {
	Accept(models.Certificate, models.CertificateSecrets)
}

// HTTPClient returns a shared client over the certificate's outbound, so
// calls reuse connections (one per vendor host, HTTP/2 where offered). For
// a sandbox certificate the emulator learns its credentials first.
func (r *Route) HTTPClient(c models.Certificate, secrets models.CertificateSecrets) (*http.Client, error) {
	out, err := r.For(c)
	if err != nil {
		return nil, err
	}
	if a, ok := r.emulator.(Acceptor); ok && c.Sandboxed() {
		a.Accept(c, secrets)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.clients == nil {
		r.clients = map[*Outbound]*http.Client{}
	}
	client, ok := r.clients[out]
	if !ok {
		client = out.Client(nil)
		r.clients[out] = client
	}
	return client, nil
}
