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
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/http/httpproxy"
)

// ClientConfig is how pushcheck reaches vendors. Every vendor call, OAuth
// token exchanges included, goes through one ClientFactory built from it.
type ClientConfig struct {
	// Resolve maps "host:port" to the "ip:port" to connect to instead, like
	// curl's --resolve: TLS (SNI, certificate check) and the Host header
	// still use the original host. PUSHCHECK_RESOLVE.
	Resolve map[string]string
	// Proxy is HTTPS_PROXY / NO_PROXY as read at start.
	Proxy httpproxy.Config
	// RootCAs are the trusted roots; nil means the system's, which Go reads
	// from the usual places and SSL_CERT_FILE / SSL_CERT_DIR.
	RootCAs *x509.CertPool
	// ConnectTimeout bounds dialing and the TLS handshake; CallTimeout a
	// whole vendor call.
	ConnectTimeout time.Duration
	CallTimeout    time.Duration
	// Log gets a debug line per vendor call, written with the call's
	// context so that it carries the request ID; nil logs nothing.
	Log *slog.Logger
}

// ClientFactory is the one HTTP client factory for vendor traffic. It has no
// switch that skips TLS verification, on purpose.
type ClientFactory struct {
	cfg   ClientConfig
	proxy func(*url.URL) (*url.URL, error)
}

// NewClientFactory validates the configuration.
func NewClientFactory(cfg ClientConfig) *ClientFactory {
	if cfg.ConnectTimeout <= 0 {
		cfg.ConnectTimeout = 5 * time.Second
	}
	if cfg.CallTimeout <= 0 {
		cfg.CallTimeout = 15 * time.Second
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	return &ClientFactory{cfg: cfg, proxy: cfg.Proxy.ProxyFunc()}
}

// ParseResolve reads PUSHCHECK_RESOLVE:
// "api.push.apple.com:443=127.0.0.1:9443,oauth2.googleapis.com:443=127.0.0.1:9444".
func ParseResolve(s string) (map[string]string, error) {
	out := map[string]string{}
	for _, pair := range strings.Split(s, ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		from, to, ok := strings.Cut(pair, "=")
		if !ok {
			return nil, fmt.Errorf("PUSHCHECK_RESOLVE: %q is not host:port=address:port", pair)
		}
		for _, hp := range []string{from, to} {
			if _, _, err := net.SplitHostPort(hp); err != nil {
				return nil, fmt.Errorf("PUSHCHECK_RESOLVE: %q: %v", hp, err)
			}
		}
		out[strings.ToLower(from)] = to
	}
	return out, nil
}

// CallTimeout is the bound on one vendor call.
func (o *ClientFactory) CallTimeout() time.Duration { return o.cfg.CallTimeout }

// TLSConfig is the base TLS configuration: the configured roots, TLS 1.2+.
// Callers add client certificates (APNs .p12) to a copy.
func (o *ClientFactory) TLSConfig() *tls.Config {
	return &tls.Config{RootCAs: o.cfg.RootCAs, MinVersion: tls.VersionTLS12}
}

// Transport builds a transport that speaks HTTP/2 when the server offers it
// (APNs requires it), honours the proxy and the resolve map, and verifies
// TLS with tlsConfig (nil: TLSConfig()).
func (o *ClientFactory) Transport(tlsConfig *tls.Config) *http.Transport {
	if tlsConfig == nil {
		tlsConfig = o.TLSConfig()
	}
	dialer := &net.Dialer{Timeout: o.cfg.ConnectTimeout, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy: func(r *http.Request) (*url.URL, error) {
			// A pinned host is an explicit instruction to connect there.
			if _, pinned := o.cfg.Resolve[strings.ToLower(hostPort(r.URL))]; pinned {
				return nil, nil
			}
			return o.proxy(r.URL)
		},
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			if to, ok := o.cfg.Resolve[strings.ToLower(addr)]; ok {
				addr = to
			}
			return dialer.DialContext(ctx, network, addr)
		},
		TLSClientConfig:       tlsConfig,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   o.cfg.ConnectTimeout,
		ResponseHeaderTimeout: o.cfg.CallTimeout,
		IdleConnTimeout:       90 * time.Second,
		// A push's calls run up to PUSHCHECK_VENDOR_CONCURRENCY at once; over
		// HTTP/1.1 each holds a connection, kept for the next wave rather
		// than closed and dialled (with a TLS handshake) again.
		MaxIdleConnsPerHost: 256,
	}
}

// Client is an HTTP client over Transport, bounded by the call timeout,
// logging each call.
func (o *ClientFactory) Client(tlsConfig *tls.Config) *http.Client {
	return &http.Client{Transport: loggedTransport{next: o.Transport(tlsConfig), log: o.cfg.Log}, Timeout: o.cfg.CallTimeout}
}

// loggedTransport logs each vendor call with the request's context. Only
// the host is logged: paths carry device tokens (APNs) and bodies carry
// credentials.
type loggedTransport struct {
	next *http.Transport
	log  *slog.Logger
}

func (t loggedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := t.next.RoundTrip(r)
	ms := float64(time.Since(start).Microseconds()) / 1000
	if err != nil {
		t.log.DebugContext(r.Context(), "vendor call failed", "method", r.Method, "host", r.URL.Host, "duration_ms", ms, "err", err)
		return resp, err
	}
	t.log.DebugContext(r.Context(), "vendor call", "method", r.Method, "host", r.URL.Host, "status", resp.StatusCode, "duration_ms", ms)
	return resp, nil
}

// CloseIdleConnections lets clients (apns2) drop a certificate's pool.
func (t loggedTransport) CloseIdleConnections() { t.next.CloseIdleConnections() }

func hostPort(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	if u.Scheme == "http" {
		return u.Hostname() + ":80"
	}
	return u.Hostname() + ":443"
}

// IsTimeout recognises a vendor call that ran out of time, however the
// client library wrapped it (context deadline, client timeout, dial or
// handshake timeout).
func IsTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) ||
		strings.Contains(err.Error(), "Client.Timeout") || strings.Contains(err.Error(), "timed out")
}
