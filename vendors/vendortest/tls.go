// Package vendortest starts loopback fakes that answer for the vendors'
// real hostnames over real TLS (HTTP/2 where the vendor uses it), and builds
// the ClientFactory that reaches them through PUSHCHECK_RESOLVE-style pinning.
package vendortest

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/vendors"
)

// NewCA makes a throwaway CA, as SSL_CERT_FILE would name.
func NewCA(t testing.TB) *vendors.CA {
	t.Helper()
	ca, err := vendors.NewCA("pushcheck test CA")
	if err != nil {
		t.Fatal(err)
	}
	return ca
}

// Server starts an HTTP/2 TLS server on loopback answering for hosts with
// a certificate from ca. requestClientCerts asks clients for certificates
// (APNs certificate auth) and leaves judging them to the handler.
func Server(t testing.TB, ca *vendors.CA, h http.Handler, requestClientCerts bool, hosts ...string) *httptest.Server {
	t.Helper()
	leaf, err := ca.Leaf(hosts...)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.EnableHTTP2 = true
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{leaf}}
	if requestClientCerts {
		srv.TLS.ClientAuth = tls.RequestClientCert
	}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// ClientFactory pins each host's port 443 to the server and trusts ca, as
// PUSHCHECK_RESOLVE and SSL_CERT_FILE do in production.
func ClientFactory(srv *httptest.Server, ca *vendors.CA, hosts ...string) *vendors.ClientFactory {
	return vendors.PinnedClientFactory(srv.Listener.Addr().String(), ca.Pool, 5*time.Second, hosts...)
}

// Fake serves h over TLS as hosts and returns the clients that reaches
// it through the real hostnames: one call for a vendor test's fake.
func Fake(t testing.TB, h http.Handler, hosts ...string) *vendors.ClientFactory {
	t.Helper()
	ca := NewCA(t)
	return ClientFactory(Server(t, ca, h, false, hosts...), ca, hosts...)
}

// FakeTimeout is Fake with a call timeout of its own, for tests of slow
// answers.
func FakeTimeout(t testing.TB, h http.Handler, timeout time.Duration, hosts ...string) *vendors.ClientFactory {
	t.Helper()
	ca := NewCA(t)
	return vendors.PinnedClientFactory(Server(t, ca, h, false, hosts...).Listener.Addr().String(), ca.Pool, timeout, hosts...)
}
