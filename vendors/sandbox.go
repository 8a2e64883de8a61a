package vendors

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// CA is a private certificate authority. The sandbox uses one so that its
// emulators answer for the vendors' real hostnames over real, verified TLS,
// reached only through pinning to loopback: sandbox pushes travel the same
// code path as production ones and can never leave the machine.
type CA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	PEM  []byte
	Pool *x509.CertPool
}

// NewCA makes a CA valid for a year.
func NewCA(name string) (*CA, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("new CA: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(365 * 24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("new CA: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("new CA: %w", err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &CA{cert: cert, key: key, Pool: pool, PEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}, nil
}

// Leaf issues a server certificate for the hostnames (and 127.0.0.1).
func (ca *CA) Leaf(hosts ...string) (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("leaf: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: hosts[0]},
		DNSNames: hosts, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: ca.cert.NotAfter,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, KeyUsage: x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("leaf: %w", err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

// Sandbox runs the vendors' emulators on loopback, each started on first
// use and stopped by Close.
type Sandbox struct {
	ca      *CA
	log     *slog.Logger
	poster  *ReceiptPoster // nil until the console's address is known
	mu      sync.Mutex
	servers []*http.Server
	err     error // the first emulator that stopped serving on its own
	obs     Observer
	started map[models.Vendor]*ClientFactory
}

// NewSandbox prepares the sandbox's CA; calls to the emulators are logged
// to log like calls to the vendors (nil: not logged).
func NewSandbox(log *slog.Logger) (*Sandbox, error) {
	ca, err := NewCA("pushcheck sandbox")
	if err != nil {
		return nil, err
	}
	return &Sandbox{ca: ca, log: log}, nil
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

// Start serves a vendor's emulator for the hostnames and returns the
// ClientFactory that reaches it: port 443 of each host pinned to the
// emulator, its CA trusted. requestClientCerts asks TLS clients for
// certificates (APNs .p12 auth); the handler judges them.
func (s *Sandbox) Start(v models.Vendor, h http.Handler, requestClientCerts bool, hosts ...string) (*ClientFactory, error) {
	h = s.observe(v, h)
	leaf, err := s.ca.Leaf(hosts...)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("sandbox: listen: %w", err)
	}
	tlsConfig := &tls.Config{Certificates: []tls.Certificate{leaf}, NextProtos: []string{"h2", "http/1.1"}}
	if requestClientCerts {
		tlsConfig.ClientAuth = tls.RequestClientCert
	}
	srv := &http.Server{Handler: h, TLSConfig: tlsConfig, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.ServeTLS(ln, "", ""); !errors.Is(err, http.ErrServerClosed) {
			s.mu.Lock()
			if s.err == nil {
				s.err = fmt.Errorf("sandbox emulator for %s: %w", hosts[0], err)
			}
			s.mu.Unlock()
		}
	}()
	clients := PinnedClientFactory(ln.Addr().String(), s.ca.Pool, 15*time.Second, hosts...)
	if s.log != nil {
		clients.cfg.Log = s.log
	}
	s.mu.Lock()
	s.servers = append(s.servers, srv)
	if s.started == nil {
		s.started = map[models.Vendor]*ClientFactory{}
	}
	s.started[v] = clients
	s.mu.Unlock()
	return clients, nil
}

// Clients reaches a vendor's emulator once it has started, as any other
// client would: the vendor's hostnames pinned to it, the sandbox's CA
// trusted.
func (s *Sandbox) Clients(v models.Vendor) (*ClientFactory, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.started[v]
	return c, ok
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

// Close stops every emulator and reports the first failure of any.
func (s *Sandbox) Close() error {
	if c := s.ReceiptPoster(); c != nil {
		c.Close()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	first := s.err
	for _, srv := range s.servers {
		if err := srv.Close(); err != nil && first == nil {
			first = err
		}
	}
	s.servers = nil
	return first
}
