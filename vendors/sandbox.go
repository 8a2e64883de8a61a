package vendors

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// Sandbox serves the vendors' emulators on one TLS listener, each
// answering for its vendor's real hostnames (routed by SNI and Host), so
// that the console and any other client that trusts the sandbox's CA reach
// them the same way: by pinning the hostnames to the sandbox's address.
// The listener starts on first use, or at once with Listen.
type Sandbox struct {
	addr   string // "": a free loopback port
	loadCA func() (*CA, error)
	log    *slog.Logger

	caOnce sync.Once
	ca     *CA
	caErr  error

	// routes maps a lowercase hostname to its emulator; replaced whole
	// (copy on write) so that requests read it without a lock.
	routes atomic.Pointer[map[string][]route]
	leaves sync.Map // SNI name → *tls.Certificate

	mu           sync.Mutex
	enrolled     []enrolled
	certificates func(context.Context) ([]SandboxCertificate, error)
	ln           net.Listener
	srv          *http.Server
	err          error // the listener stopped serving on its own
	obs          Observer
	poster       *ReceiptPoster // nil until the console's address is known
}

// route is one hostname's emulator, wrapped for the observer. Huawei
// Push Kit and HarmonyOS NEXT Push Kit share a hostname: an emulator
// with a path prefix (PathScoped) answers the paths under it, the one
// without answers the rest.
type route struct {
	vendor      models.Vendor
	handler     http.Handler
	clientCerts bool
	prefix      string
}

// PathScoped is an emulator that shares its hostnames with another
// vendor's and answers only the paths under its prefix.
type PathScoped interface {
	PathPrefix() string
}

// enrolled is a vendor's emulator as its channel described it.
type enrolled struct {
	vendor      models.Vendor
	handler     http.Handler
	clientCerts bool
	hosts       []string
}

// SandboxCertificate is a sandbox certificate with its credentials, which
// the emulators accept from any client.
type SandboxCertificate struct {
	Certificate models.Certificate
	Secrets     models.CertificateSecrets
}

// SandboxOptions configure a sandbox.
type SandboxOptions struct {
	// Addr is the listen address; empty: a free loopback port.
	Addr string
	// CA loads the sandbox's CA when first needed; nil: a new CA kept in
	// memory.
	CA func() (*CA, error)
	// Log gets the emulators' calls like vendor calls; nil: not logged.
	Log *slog.Logger
}

// NewSandbox is a sandbox on a free loopback port with a CA of its own;
// calls to the emulators are logged to log (nil: not logged).
func NewSandbox(log *slog.Logger) (*Sandbox, error) {
	return NewSandboxWith(SandboxOptions{Log: log}), nil
}

// NewSandboxWith is a sandbox as configured; nothing listens yet.
func NewSandboxWith(o SandboxOptions) *Sandbox {
	if o.CA == nil {
		o.CA = func() (*CA, error) { return NewCA("pushcheck sandbox") }
	}
	s := &Sandbox{addr: o.Addr, loadCA: o.CA, log: o.Log}
	s.routes.Store(&map[string][]route{})
	return s
}

// CA is the sandbox's certificate authority, loaded on first use.
func (s *Sandbox) CA() (*CA, error) {
	s.caOnce.Do(func() { s.ca, s.caErr = s.loadCA() })
	return s.ca, s.caErr
}

// Observe sets the observer every emulator's exchanges go to (nil: none).
func (s *Sandbox) Observe(o Observer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.obs = o
}

func (s *Sandbox) observer() Observer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.obs
}

// CertificatesFrom sets where the sandbox finds every sandbox certificate,
// whose credentials the emulators learn when the listener starts.
func (s *Sandbox) CertificatesFrom(list func(context.Context) ([]SandboxCertificate, error)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.certificates = list
}

// enroll records a vendor's emulator, served once the listener starts.
func (s *Sandbox) enroll(v models.Vendor, h http.Handler, clientCerts bool, hosts ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.enrolled = append(s.enrolled, enrolled{vendor: v, handler: h, clientCerts: clientCerts, hosts: hosts})
}

// Accept teaches the vendor's emulator a sandbox certificate's
// credentials, as the vendor's console knows an app's: for a certificate
// created or changed while the sandbox runs.
func (s *Sandbox) Accept(c models.Certificate, secrets models.CertificateSecrets) {
	if !c.Sandboxed() {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.enrolled {
		if a, ok := e.handler.(Acceptor); ok && e.vendor == c.Vendor {
			a.Accept(c, secrets)
		}
	}
}

// Listen starts the listener (if it is not running) with every enrolled
// emulator, and teaches them every sandbox certificate.
func (s *Sandbox) Listen(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.listen(ctx)
}

// Start serves a vendor's emulator for the hostnames and returns the
// ClientFactory that reaches it: port 443 of each host pinned to the
// sandbox, its CA trusted. requestClientCerts asks TLS clients of those
// hosts for certificates (APNs .p12 auth); the handler judges them.
func (s *Sandbox) Start(v models.Vendor, h http.Handler, requestClientCerts bool, hosts ...string) (*ClientFactory, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.route(enrolled{vendor: v, handler: h, clientCerts: requestClientCerts, hosts: hosts})
	if rs, ok := h.(ReceiptSender); ok && s.poster != nil {
		rs.UseReceiptPoster(s.poster)
	}
	if err := s.listen(context.Background()); err != nil {
		return nil, err
	}
	clients := PinnedClientFactory(s.ln.Addr().String(), s.ca.Pool, 15*time.Second, hosts...)
	if s.log != nil {
		clients.cfg.Log = s.log
	}
	return clients, nil
}

// Clients reaches a vendor's emulator once it is served, as any other
// client would: the vendor's hostnames pinned to the sandbox, its CA
// trusted.
func (s *Sandbox) Clients(v models.Vendor) (*ClientFactory, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return nil, false
	}
	var hosts []string
	for host, rs := range *s.routes.Load() {
		for _, r := range rs {
			if r.vendor == v {
				hosts = append(hosts, host)
			}
		}
	}
	if len(hosts) == 0 {
		return nil, false
	}
	clients := PinnedClientFactory(s.ln.Addr().String(), s.ca.Pool, 15*time.Second, hosts...)
	if s.log != nil {
		clients.cfg.Log = s.log
	}
	return clients, true
}

// route adds an emulator's hostnames to the routes, replacing its
// vendor's earlier ones; s.mu is held.
func (s *Sandbox) route(e enrolled) {
	next := map[string][]route{}
	for host, rs := range *s.routes.Load() {
		next[host] = rs
	}
	r := route{vendor: e.vendor, handler: s.observe(e.vendor, e.handler), clientCerts: e.clientCerts}
	if p, ok := e.handler.(PathScoped); ok {
		r.prefix = p.PathPrefix()
	}
	for _, host := range e.hosts {
		host = strings.ToLower(host)
		var rs []route
		for _, old := range next[host] {
			if old.vendor != e.vendor {
				rs = append(rs, old)
			}
		}
		// Prefixed routes first: the one without a prefix takes the rest.
		if r.prefix != "" {
			rs = append([]route{r}, rs...)
		} else {
			rs = append(rs, r)
		}
		next[host] = rs
	}
	s.routes.Store(&next)
	s.leaves.Delete("")
}

// routed reports whether the vendor's emulator answers for host.
func (s *Sandbox) routed(host string, v models.Vendor) bool {
	for _, r := range (*s.routes.Load())[strings.ToLower(host)] {
		if r.vendor == v {
			return true
		}
	}
	return false
}

// listen starts the one TLS listener; s.mu is held.
func (s *Sandbox) listen(ctx context.Context) error {
	if s.ln != nil {
		return nil
	}
	ca, err := s.CA()
	if err != nil {
		return err
	}
	for _, e := range s.enrolled {
		if !s.routed(e.hosts[0], e.vendor) {
			s.route(e)
		}
		if rs, ok := e.handler.(ReceiptSender); ok && s.poster != nil {
			rs.UseReceiptPoster(s.poster)
		}
	}
	if err := s.acceptAll(ctx); err != nil {
		return err
	}
	addr := s.addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("sandbox: listen on %s: %w", addr, err)
	}
	plain := &tls.Config{NextProtos: []string{"h2", "http/1.1"}, GetCertificate: s.leaf, MinVersion: tls.VersionTLS12}
	asking := plain.Clone()
	asking.ClientAuth = tls.RequestClientCert
	plain.GetConfigForClient = func(hello *tls.ClientHelloInfo) (*tls.Config, error) {
		for _, r := range (*s.routes.Load())[strings.ToLower(hello.ServerName)] {
			if r.clientCerts {
				return asking, nil
			}
		}
		return nil, nil
	}
	srv := &http.Server{Handler: http.HandlerFunc(s.serve), TLSConfig: plain, ReadHeaderTimeout: 10 * time.Second}
	s.ca, s.ln, s.srv = ca, ln, srv
	go func() {
		if err := srv.ServeTLS(ln, "", ""); !errors.Is(err, http.ErrServerClosed) {
			s.mu.Lock()
			if s.err == nil {
				s.err = fmt.Errorf("sandbox on %s: %w", ln.Addr(), err)
			}
			s.mu.Unlock()
		}
	}()
	return nil
}

// acceptAll teaches the emulators every sandbox certificate; s.mu is held.
func (s *Sandbox) acceptAll(ctx context.Context) error {
	if s.certificates == nil {
		return nil
	}
	certs, err := s.certificates(ctx)
	if err != nil {
		return fmt.Errorf("sandbox: reading the sandbox certificates: %w", err)
	}
	for _, c := range certs {
		for _, e := range s.enrolled {
			if a, ok := e.handler.(Acceptor); ok && e.vendor == c.Certificate.Vendor {
				a.Accept(c.Certificate, c.Secrets)
			}
		}
	}
	return nil
}

// serve hands a request to the emulator of the hostname it addressed.
// The emulators see the bare hostname, as when clients call port 443.
func (s *Sandbox) serve(w http.ResponseWriter, r *http.Request) {
	host := strings.ToLower(requestHostOf(r))
	for _, rt := range (*s.routes.Load())[host] {
		if rt.prefix == "" || strings.HasPrefix(r.URL.Path, rt.prefix) {
			r.Host = host
			rt.handler.ServeHTTP(w, r)
			return
		}
	}
	http.Error(w, "pushcheck sandbox: no vendor emulator answers for "+host+r.URL.Path+
		"; call a vendor's hostname pinned to this address (the sandbox settings list them)", http.StatusMisdirectedRequest)
}

// leaf is the server certificate for a handshake: one per hostname,
// issued on first use; clients that send no name (or an unserved one) get
// one for every routed hostname, which route() drops when routes change.
func (s *Sandbox) leaf(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
	name := strings.ToLower(hello.ServerName)
	if _, routed := (*s.routes.Load())[name]; !routed {
		name = ""
	}
	if c, ok := s.leaves.Load(name); ok {
		return c.(*tls.Certificate), nil
	}
	hosts := []string{name}
	if name == "" {
		hosts = []string{"localhost"}
		for host := range *s.routes.Load() {
			hosts = append(hosts, host)
		}
	}
	ca, err := s.CA()
	if err != nil {
		return nil, err
	}
	c, err := ca.Leaf(hosts...)
	if err != nil {
		return nil, err
	}
	s.leaves.Store(name, &c)
	return &c, nil
}

// PinnedClientFactory reaches port 443 of each host at addr and trusts roots:
// how the sandbox reaches its emulators, and tests their fakes.
func PinnedClientFactory(addr string, roots *x509.CertPool, callTimeout time.Duration, hosts ...string) *ClientFactory {
	resolve := map[string]string{}
	for _, host := range hosts {
		resolve[host+":443"] = addr
	}
	return NewClientFactory(ClientConfig{Resolve: resolve, RootCAs: roots, ConnectTimeout: 2 * time.Second, CallTimeout: callTimeout})
}

// SendReceiptsTo makes the emulators send their receipts to the console
// at base (its local address, reachable from the sandbox).
func (s *Sandbox) SendReceiptsTo(base string, log *slog.Logger, delay time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.poster = NewReceiptPoster(base, log, delay)
}

// ReceiptPoster is the emulators' receipt poster; nil when receipts are off.
func (s *Sandbox) ReceiptPoster() *ReceiptPoster {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.poster
}

// StopReceipts drops the receipts not yet sent and waits for those in
// flight; the console calls it before it drains its own requests, which
// these are.
func (s *Sandbox) StopReceipts() {
	if c := s.ReceiptPoster(); c != nil {
		c.Close()
	}
}

// Close stops the listener and reports the first failure.
func (s *Sandbox) Close() error {
	if c := s.ReceiptPoster(); c != nil {
		c.Close()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	first := s.err
	if s.srv != nil {
		if err := s.srv.Close(); err != nil && first == nil {
			first = err
		}
	}
	s.srv, s.ln = nil, nil
	return first
}
