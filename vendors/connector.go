package vendors

import (
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// Connector gives a vendor's client the connection a certificate's calls
// go through: to the vendor's real hosts, or for sandbox certificates to
// the vendor's emulator, started on first use.
type Connector struct {
	v           models.Vendor
	vendor      *ClientFactory
	sandbox     *Sandbox
	emulator    http.Handler
	clientCerts bool
	hosts       []string

	once     sync.Once
	emulated *ClientFactory
	err      error

	mu      sync.Mutex
	clients map[*ClientFactory]*http.Client
}

// NewConnector describes a vendor's emulator: its handler, whether it asks for
// TLS client certificates, and the real hostnames it answers for. sandbox
// may be nil, and sandbox certificates then fail with an explanation.
func NewConnector(v models.Vendor, clients *ClientFactory, sandbox *Sandbox, emulator http.Handler, clientCerts bool, hosts ...string) *Connector {
	if sandbox != nil {
		sandbox.enroll(v, emulator, clientCerts, hosts...)
	}
	return &Connector{v: v, vendor: clients, sandbox: sandbox, emulator: emulator, clientCerts: clientCerts, hosts: hosts}
}

// For returns the client factory for the certificate.
func (r *Connector) For(c models.Certificate) (*ClientFactory, error) {
	if !c.Sandboxed() {
		return r.vendor, nil
	}
	if r.sandbox == nil {
		return nil, errors.New("the sandbox is not running in this process")
	}
	r.once.Do(func() {
		r.emulated, r.err = r.sandbox.Start(r.v, r.emulator, r.clientCerts, r.hosts...)
	})
	return r.emulated, r.err
}

// CallTimeout bounds one vendor call.
func (r *Connector) CallTimeout() time.Duration { return r.vendor.CallTimeout() }

// Acceptor is an emulator that learns a sandbox certificate's
// credentials, as the vendor's console knows an app's. Credentials that do
// not load are skipped: the certificate's checks refused them when it was
// saved, and a send through it says what is wrong.
type Acceptor interface {
	Accept(models.Certificate, models.CertificateSecrets)
}

// HTTPClient returns a shared client of the certificate's factory, so
// calls reuse connections (one per vendor host, HTTP/2 where offered). For
// a sandbox certificate the emulator learns its credentials first.
func (r *Connector) HTTPClient(c models.Certificate, secrets models.CertificateSecrets) (*http.Client, error) {
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
		r.clients = map[*ClientFactory]*http.Client{}
	}
	client, ok := r.clients[out]
	if !ok {
		client = out.Client(nil)
		r.clients[out] = client
	}
	return client, nil
}
