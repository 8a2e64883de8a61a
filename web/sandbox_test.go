package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models/demo"
	"github.com/pushcheck/pushcheck/models/sandbox"
	"github.com/pushcheck/pushcheck/vendors"
)

// sandboxService is `pushcheck sandbox --demo` running for a test.
type sandboxService struct {
	console string // http://127.0.0.1:port
	addr    string // the emulators' address
	dataDir string
	out     *lockedBuffer
	pool    *x509.CertPool
	caPEM   []byte
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// freeAddr is a loopback address nothing listens on, for the fixed
// sandbox address a test gives.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// startSandboxCommand runs `pushcheck sandbox --demo --sandbox-addr …`
// through the real command line, and fetches the CA it serves.
func startSandboxCommand(t *testing.T) *sandboxService {
	t.Helper()
	s := &sandboxService{addr: freeAddr(t), out: &lockedBuffer{}}
	env := serverEnv(t, nil)
	s.dataDir = env["PUSHCHECK_DATA_DIR"]
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"sandbox", "--demo", "--sandbox-addr", s.addr}, envOf(env), s.out, testLog{t})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("pushcheck sandbox: %v", err)
		}
	})
	console := regexp.MustCompile(`pushcheck \S+ on (http://[0-9.:]+) `)
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(s.out.String(), "sandbox: the vendors' emulators on https://"+s.addr) {
		select {
		case err := <-done:
			done <- err // for the cleanup, which waits for it
			t.Fatalf("pushcheck sandbox stopped: %v\n%s", err, s.out.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no sandbox settings printed:\n%s", s.out.String())
		}
	}
	s.console = console.FindStringSubmatch(s.out.String())[1]
	resp, err := http.Get(s.console + "/sandbox/ca.pem")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if s.caPEM, err = io.ReadAll(resp.Body); err != nil {
		t.Fatal(err)
	}
	s.pool = x509.NewCertPool()
	if !s.pool.AppendCertsFromPEM(s.caPEM) {
		t.Fatalf("the served CA is not PEM: %s", s.caPEM)
	}
	return s
}

// settings are the sandbox settings the API serves to the demo admin.
func (s *sandboxService) settings(t *testing.T) (out struct {
	Address string                `json:"address"`
	Resolve string                `json:"resolve"`
	Hosts   []vendors.SandboxHost `json:"hosts"`
}) {
	t.Helper()
	s.getJSON(t, "/api/v1/sandbox/settings", &out)
	return out
}

func (s *sandboxService) getJSON(t *testing.T, path string, v any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.console+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+demo.OperatorToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body) // for the message only
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

// credentials downloads the demo's sandbox certificate of a vendor.
func (s *sandboxService) credentials(t *testing.T, vendor string) sandbox.Credentials {
	t.Helper()
	var certs struct {
		Certificates []struct {
			ID     int64  `json:"id"`
			Vendor string `json:"vendor"`
			Name   string `json:"name"`
		} `json:"certificates"`
	}
	s.getJSON(t, "/api/v1/apps/1/certificates", &certs)
	for _, c := range certs.Certificates {
		if c.Vendor == vendor && strings.HasPrefix(c.Name, "Sandbox ") && !strings.Contains(c.Name, " without ") && !strings.Contains(c.Name, ",") {
			var out sandbox.Credentials
			s.getJSON(t, fmt.Sprintf("/api/v1/apps/1/certificates/%d/sandbox-credentials", c.ID), &out)
			return out
		}
	}
	t.Fatalf("the demo has no %s sandbox certificate", vendor)
	return sandbox.Credentials{}
}

// The command serves every vendor hostname on its one fixed address,
// with TLS verified against the CA it serves, and prints the settings.
func TestSandboxCommandAnswersForEveryVendorHostname(t *testing.T) {
	s := startSandboxCommand(t)
	for _, want := range []string{"PUSHCHECK_RESOLVE=api.push.apple.com:443=" + s.addr, "--connect-to api.push.apple.com:443:", "keytool -importcert", "NODE_EXTRA_CA_CERTS=", "SSL_CERT_FILE="} {
		if !strings.Contains(s.out.String(), want) {
			t.Errorf("the start lines lack %q:\n%s", want, s.out.String())
		}
	}
	set := s.settings(t)
	if set.Address != s.addr || len(set.Hosts) < len(vendorsOf(set.Hosts)) || len(vendorsOf(set.Hosts)) != 9 {
		t.Fatalf("settings: %+v", set)
	}
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{
		TLSClientConfig:   &tls.Config{RootCAs: s.pool},
		ForceAttemptHTTP2: true,
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, s.addr)
		},
	}}
	for _, h := range set.Hosts {
		// Any answer but 421 is the vendor's emulator's (most refuse a bare GET).
		resp, err := client.Get("https://" + h.Host + "/")
		if err != nil {
			t.Errorf("%s (%s): %v", h.Host, h.Vendor, err)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusMisdirectedRequest {
			t.Errorf("%s (%s): no emulator answered", h.Host, h.Vendor)
		}
	}
	if _, err := client.Get("https://push.example.com/"); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("a hostname no emulator serves passed TLS verification: %v", err)
	}
	// The CA is the one kept in the data directory, written out for clients.
	written, err := os.ReadFile(filepath.Join(s.dataDir, sandboxCACertFile))
	if err != nil || !bytes.Equal(written, s.caPEM) {
		t.Errorf("%s: %v, same as served: %v", sandboxCACertFile, err, bytes.Equal(written, s.caPEM))
	}
}

func vendorsOf(hosts []vendors.SandboxHost) map[string]bool {
	out := map[string]bool{}
	for _, h := range hosts {
		out[string(h.Vendor)] = true
	}
	return out
}

// The demo's certificates were created before the emulators started,
// straight in the database: the emulators learn them when they start, and
// an outside client with their credentials gets in; unknown ones do not.
func TestSandboxAcceptsTheDatabasesCertificatesFromOutside(t *testing.T) {
	s := startSandboxCommand(t)
	creds := s.credentials(t, "huawei")
	resolve, err := vendors.ParseResolve(s.settings(t).Resolve)
	if err != nil {
		t.Fatal(err)
	}
	client := vendors.NewClientFactory(vendors.ClientConfig{Resolve: resolve, RootCAs: s.pool}).Client(nil)
	for secret, want := range map[string]int{creds.Fields["client_secret"]: http.StatusOK, "not-the-secret": http.StatusBadRequest} {
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {creds.Fields["client_id"]}, "client_secret": {secret}}
		resp, err := client.PostForm("https://oauth-login.cloud.huawei.com/oauth2/v3/token", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("client secret %q: %d, want %d", secret, resp.StatusCode, want)
		}
	}
}

// The CA survives restarts: a second start reads the file the first wrote.
func TestSandboxCAIsKept(t *testing.T) {
	cfg := Config{DataDir: t.TempDir()}
	log := slog.New(slog.DiscardHandler)
	first, err := sandboxCA(cfg, log)()
	if err != nil {
		t.Fatal(err)
	}
	second, err := sandboxCA(cfg, log)()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.PEM, second.PEM) {
		t.Fatal("a new CA on the second start")
	}
	key, err := os.Stat(filepath.Join(cfg.DataDir, sandboxCAKeyFile))
	if err != nil || key.Mode().Perm() != 0o600 {
		t.Fatalf("the CA key file: %v %v", key, err)
	}
	if err := os.WriteFile(filepath.Join(cfg.DataDir, "broken.key"), []byte("not PEM"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := sandboxCA(Config{SandboxCAFile: filepath.Join(cfg.DataDir, "broken.key")}, log)(); err == nil {
		t.Fatal("a broken CA file was taken")
	}
}
