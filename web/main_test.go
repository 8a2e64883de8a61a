package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/secrets"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestConfigDefaultsAndErrors(t *testing.T) {
	cfg, err := loadConfig(nil, envOf(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "127.0.0.1:8080" || cfg.DataDir != "./data" || cfg.StaleAfter != 10*time.Minute || cfg.Demo || cfg.secureCookies() {
		t.Fatalf("defaults: %+v", cfg)
	}
	cfg, err = loadConfig([]string{"--demo", "--addr", ":9000"}, envOf(map[string]string{
		"PUSHCHECK_FOREGROUND_STALE_AFTER": "5m", "PUSHCHECK_PUBLIC_URL": "https://push.example.com",
	}), io.Discard)
	if err != nil || !cfg.Demo || cfg.Addr != ":9000" || cfg.StaleAfter != 5*time.Minute || !cfg.secureCookies() {
		t.Fatalf("flags and env: %+v %v", cfg, err)
	}
	for name, env := range map[string]map[string]string{
		"half an admin":    {"PUSHCHECK_ADMIN_EMAIL": "a@example.com"},
		"bad staleness":    {"PUSHCHECK_FOREGROUND_STALE_AFTER": "soon"},
		"bad public URL":   {"PUSHCHECK_PUBLIC_URL": "push.example.com"},
		"bad log format":   {"PUSHCHECK_LOG_FORMAT": "xml"},
		"bad vendor":       {"PUSHCHECK_VENDOR_CONCURRENCY": "apple=4"},
		"no calls":         {"PUSHCHECK_VENDOR_CONCURRENCY": "apns=0"},
		"no sandbox calls": {"PUSHCHECK_SANDBOX_CONCURRENCY": "0"},
		"sandbox words":    {"PUSHCHECK_SANDBOX_CONCURRENCY": "many"},
	} {
		if _, err := loadConfig(nil, envOf(env), io.Discard); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := loadConfig([]string{"extra"}, envOf(nil), io.Discard); err == nil {
		t.Error("a stray argument was accepted")
	}
	cfg, err = loadConfig(nil, envOf(map[string]string{"PUSHCHECK_VENDOR_CONCURRENCY": "apns=64, FCM=8"}), io.Discard)
	if err != nil || len(cfg.VendorConcurrency) != 2 || cfg.VendorConcurrency[models.VendorAPNs] != 64 || cfg.VendorConcurrency[models.VendorFCM] != 8 {
		t.Fatalf("vendor concurrency: %v %v", cfg.VendorConcurrency, err)
	}
	if cfg, err = loadConfig(nil, envOf(map[string]string{"PUSHCHECK_SANDBOX_CONCURRENCY": "4"}), io.Discard); err != nil || cfg.SandboxConcurrency != 4 {
		t.Fatalf("sandbox concurrency: %v %v", cfg.SandboxConcurrency, err)
	}
}

// serverEnv is the environment of a real server on a free port with its own
// database (SQLite in a temporary directory, or a PostgreSQL schema).
func serverEnv(t *testing.T, extra map[string]string) map[string]string {
	env := map[string]string{"PUSHCHECK_ADDR": "127.0.0.1:0", "PUSHCHECK_DATA_DIR": t.TempDir(), "DATABASE_URL": storagetest.DSN(t),
		"PUSHCHECK_SECRET_KEY": testSecretKey(t)}
	for k, v := range extra {
		env[k] = v
	}
	return env
}

func TestEmptyDatabasePrintsASetupLink(t *testing.T) {
	env := serverEnv(t, nil)
	cfg, err := loadConfig(nil, envOf(env), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	srv, err := newServer(context.Background(), cfg, &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	link := regexp.MustCompile(`http://\S+/setup\?token=\S+`).FindString(out.String())
	if link == "" {
		t.Fatalf("no setup link in:\n%s", out.String())
	}
	resp, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("setup link answers %d", resp.StatusCode)
	}
}

func TestTokenCreateCLI(t *testing.T) {
	env := serverEnv(t, map[string]string{"PUSHCHECK_ADMIN_EMAIL": "root@example.com", "PUSHCHECK_ADMIN_PASSWORD": "a long passphrase"})
	// Start once so the admin exists, then stop.
	ctx, cancel := context.WithCancel(context.Background())
	cfg, err := loadConfig(nil, envOf(env), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := newServer(ctx, cfg, io.Discard, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	url := srv.URL()
	done := make(chan error, 1)
	go func() { done <- srv.run(ctx) }()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"token", "create", "--email", "ROOT@example.com", "--name", "ci"}, envOf(env), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	token := strings.TrimSpace(out.String())
	if !strings.HasPrefix(token, "pco_") {
		t.Fatalf("printed %q", token)
	}
	req, _ := http.NewRequest(http.MethodGet, url+"/api/v1/apps", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the CLI token answers %d", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"token", "create", "--email", "nobody@example.com"}, envOf(env), io.Discard, io.Discard); err == nil {
		t.Fatal("token for an unknown operator")
	}
	out.Reset()
	if err := run(context.Background(), []string{"migrate"}, envOf(env), &out, io.Discard); err != nil || !strings.Contains(out.String(), fmt.Sprintf("version %d", storage.LatestSchemaVersion())) {
		t.Fatalf("migrate: %v %s", err, out.String())
	}
}

// A request being handled when the server is told to stop (SIGTERM cancels
// the context) still gets its answer, and then the server stops listening.
func TestShutdownDrainsRequestsInFlight(t *testing.T) {
	cfg, err := loadConfig(nil, envOf(serverEnv(t, nil)), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := newServer(context.Background(), cfg, io.Discard, testLog{t})
	if err != nil {
		t.Fatal(err)
	}
	// Slow every request down so one is surely in its handler at shutdown.
	started := make(chan struct{}, 1)
	inner := srv.http.Handler
	srv.http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		time.Sleep(300 * time.Millisecond)
		inner.ServeHTTP(w, r)
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.run(ctx) }()

	type result struct {
		status int
		err    error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Get(srv.URL() + "/healthz")
		if err != nil {
			got <- result{err: err}
			return
		}
		resp.Body.Close()
		got <- result{status: resp.StatusCode}
	}()
	<-started
	cancel()
	r := <-got
	if r.err != nil || r.status != http.StatusOK {
		t.Fatalf("the in-flight request: %d %v", r.status, r.err)
	}
	if err := <-done; err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if _, err := net.DialTimeout("tcp", strings.TrimPrefix(srv.URL(), "http://"), time.Second); err == nil {
		t.Fatal("the server still accepts connections after shutdown")
	}
}

func testSecretKey(t *testing.T) string {
	t.Helper()
	key, err := secrets.NewSecretKey()
	if err != nil {
		t.Fatal(err)
	}
	return key
}
