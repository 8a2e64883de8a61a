package vendors_test

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/http/httpproxy"

	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

type seen struct {
	mu                     sync.Mutex
	host, sni, proto, path string
}

func echoServer(t *testing.T, ca *vendors.CA, s *seen) *httptest.Server {
	return vendortest.Server(t, ca, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.host, s.sni, s.proto, s.path = r.Host, r.TLS.ServerName, r.Proto, r.URL.Path
		s.mu.Unlock()
		io.WriteString(w, "ok")
	}), false, "api.push.apple.com")
}

func TestResolveReachesAFakeThroughTheRealHostname(t *testing.T) {
	ca := vendortest.NewCA(t)
	var s seen
	srv := echoServer(t, ca, &s)
	out := vendortest.ClientFactory(srv, ca, "api.push.apple.com")
	resp, err := out.Client(nil).Get("https://api.push.apple.com/3/device/abc")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if s.host != "api.push.apple.com" || s.sni != "api.push.apple.com" || s.proto != "HTTP/2.0" || s.path != "/3/device/abc" {
		t.Fatalf("the fake saw host %q, SNI %q, %s %s", s.host, s.sni, s.proto, s.path)
	}
}

func TestTLSIsAlwaysVerified(t *testing.T) {
	ca := vendortest.NewCA(t)
	srv := echoServer(t, ca, &seen{})
	// Pinned to the fake, but without trusting its CA: refused.
	out := vendors.NewClientFactory(vendors.ClientConfig{Resolve: map[string]string{"api.push.apple.com:443": srv.Listener.Addr().String()}})
	_, err := out.Client(nil).Get("https://api.push.apple.com/")
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("an untrusted certificate was accepted: %v", err)
	}
	// Trusted CA, but a hostname the certificate does not name: refused.
	resolve := map[string]string{"fcm.googleapis.com:443": srv.Listener.Addr().String()}
	out = vendors.NewClientFactory(vendors.ClientConfig{Resolve: resolve, RootCAs: ca.Pool})
	if _, err := out.Client(nil).Get("https://fcm.googleapis.com/"); err == nil {
		t.Fatal("a certificate for another host was accepted")
	}
}

// connectProxy is an HTTPS_PROXY that tunnels every CONNECT to one address.
func connectProxy(t *testing.T, to string, targets *[]string) *httptest.Server {
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			http.Error(w, "CONNECT only", http.StatusMethodNotAllowed)
			return
		}
		mu.Lock()
		*targets = append(*targets, r.Host)
		mu.Unlock()
		upstream, err := net.Dial("tcp", to)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		w.WriteHeader(http.StatusOK)
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			upstream.Close()
			return
		}
		go func() { io.Copy(upstream, buf); upstream.Close() }()
		go func() { io.Copy(conn, upstream); conn.Close() }()
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestHTTPSProxyIsUsed(t *testing.T) {
	ca := vendortest.NewCA(t)
	var s seen
	srv := echoServer(t, ca, &s)
	var targets []string
	proxy := connectProxy(t, srv.Listener.Addr().String(), &targets)
	out := vendors.NewClientFactory(vendors.ClientConfig{RootCAs: ca.Pool, Proxy: httpproxy.Config{HTTPSProxy: proxy.URL}, CallTimeout: 5 * time.Second})
	resp, err := out.Client(nil).Get("https://api.push.apple.com/3/device/abc")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if len(targets) != 1 || targets[0] != "api.push.apple.com:443" || s.proto != "HTTP/2.0" {
		t.Fatalf("proxy saw %v, server %s", targets, s.proto)
	}
	// NO_PROXY exempts a host, and a pinned host connects where pinned;
	// asked without dialing anything.
	out = vendors.NewClientFactory(vendors.ClientConfig{Proxy: httpproxy.Config{HTTPSProxy: proxy.URL, NoProxy: "fcm.googleapis.com"},
		Resolve: map[string]string{"oauth2.googleapis.com:443": "127.0.0.1:9444"}})
	tr := out.Transport(nil)
	for host, wantProxy := range map[string]bool{"api.push.apple.com": true, "fcm.googleapis.com": false, "oauth2.googleapis.com": false} {
		req, _ := http.NewRequest(http.MethodGet, "https://"+host+"/", nil)
		u, err := tr.Proxy(req)
		if err != nil || (u != nil) != wantProxy {
			t.Errorf("%s: proxy %v (%v), want proxied=%v", host, u, err, wantProxy)
		}
	}
}

func TestParseResolve(t *testing.T) {
	m, err := vendors.ParseResolve("api.push.apple.com:443=127.0.0.1:9443, oauth2.googleapis.com:443=127.0.0.1:9444")
	if err != nil || m["api.push.apple.com:443"] != "127.0.0.1:9443" || m["oauth2.googleapis.com:443"] != "127.0.0.1:9444" {
		t.Fatalf("%v %v", m, err)
	}
	for _, bad := range []string{"api.push.apple.com=127.0.0.1:9443", "api.push.apple.com:443", "a:1=b"} {
		if _, err := vendors.ParseResolve(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
