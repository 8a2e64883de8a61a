package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/handlers"
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
	"github.com/pushcheck/pushcheck/models/requestid"
	"github.com/pushcheck/pushcheck/models/secrets"
	"github.com/pushcheck/pushcheck/models/sending"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/all"
)

// env is a real router over a real store, reached over loopback HTTP.
type env struct {
	t      *testing.T
	store  *storage.Store
	srv    *httptest.Server
	app    models.App
	key    string // the app's device API key
	sealer *secrets.Sealer
	sender *sending.Dispatcher
	logs   *logBuffer // every line the server logged, debug included
	// handler and registry are what the server was built from, for tests
	// that read its routes or its vendors.
	handler  http.Handler
	registry *vendors.Registry
	sandbox  *vendors.Sandbox
}

// logBuffer collects log lines from the server's goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvWith(t, nil)
}

// newEnvWith is newEnv with the handler configuration adjusted first (rate
// limits, trusted proxies).
func newEnvWith(t *testing.T, adjust func(*handlers.Config)) *env {
	t.Helper()
	return newEnvOver(t, func(cfg *handlers.Config, _ *storage.Store) {
		if adjust != nil {
			adjust(cfg)
		}
	})
}

// newEnvOver is newEnvWith for adjustments that need the store (services
// built on it).
func newEnvOver(t *testing.T, adjust func(*handlers.Config, *storage.Store)) *env {
	t.Helper()
	return newEnvWithSandbox(t, func(cfg *handlers.Config, store *storage.Store, _ *vendors.Registry, _ *vendors.Sandbox) {
		adjust(cfg, store)
	})
}

// newEnvWithSandbox is newEnvOver for services that watch the sandbox or
// read through the vendors' registry (virtual phones).
func newEnvWithSandbox(t *testing.T, adjust func(*handlers.Config, *storage.Store, *vendors.Registry, *vendors.Sandbox)) *env {
	t.Helper()
	store := storagetest.Open(t)
	logs := &logBuffer{}
	log := slog.New(requestid.NewLogHandler(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	sandbox, err := vendors.NewSandbox(log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sandbox.Close() })
	registry, err := all.Registry(vendors.NewClientFactory(vendors.ClientConfig{}), sandbox)
	if err != nil {
		t.Fatal(err)
	}
	secretKey, err := secrets.NewSecretKey()
	if err != nil {
		t.Fatal(err)
	}
	keyBytes, err := secrets.ParseSecretKey(secretKey)
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := secrets.NewSealer(keyBytes)
	if err != nil {
		t.Fatal(err)
	}
	// The address comes first: the sandbox's emulators send their
	// receipts to the console, as the demo's do.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	local := "http://" + ln.Addr().String()
	sandbox.SendReceiptsTo(local, log, 20*time.Millisecond)
	cfg := handlers.Config{
		StaleAfter: 10 * time.Minute, LoginPolicy: storage.DefaultLoginPolicy(), Version: "test", Sealer: sealer, LocalURL: local,
		Sandbox: sandbox,
	}
	if cfg.Messages, err = i18n.Load(); err != nil {
		t.Fatal(err)
	}
	adjust(&cfg, store, registry, sandbox)
	cfg.Sender = startSender(t, store, registry, sealer, sending.Options{StaleAfter: cfg.StaleAfter, Log: log, Metrics: cfg.Metrics,
		Receipts: sending.ReceiptBases{Public: strings.TrimSuffix(cfg.PublicURL, "/"), Local: local}})
	e := handlers.New(store, registry, cfg, log)
	srv := httptest.NewUnstartedServer(e)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	ctx := context.Background()
	app, err := store.CreateApp(ctx, "Test IM")
	if err != nil {
		t.Fatal(err)
	}
	key, _, err := store.CreateAPIKey(ctx, app.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, store: store, srv: srv, app: app, key: key, sealer: sealer, sender: cfg.Sender, logs: logs, handler: e, registry: registry, sandbox: sandbox}
}

// startSender runs a dispatcher with its job queue for the test.
func startSender(t *testing.T, store *storage.Store, registry *vendors.Registry, sealer *secrets.Sealer, opts sending.Options) *sending.Dispatcher {
	t.Helper()
	ctx := context.Background()
	if err := sending.MigrateQueue(ctx, store); err != nil {
		t.Fatal(err)
	}
	opts.Poll = 20 * time.Millisecond
	d, err := sending.NewDispatcher(store, registry, sealer, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stopCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if err := d.Stop(stopCtx); err != nil {
			t.Error(err)
		}
	})
	return d
}

// operator creates an operator and an API token for it.
func (e *env) operator(email string, role models.Role) (models.Operator, string) {
	e.t.Helper()
	op, err := e.store.CreateOperator(context.Background(), models.NewOperator{Email: email, Password: "correct horse battery", Role: role})
	if err != nil {
		e.t.Fatal(err)
	}
	token, _, err := e.store.CreateOperatorToken(context.Background(), op.ID, "test")
	if err != nil {
		e.t.Fatal(err)
	}
	return op, token
}

type reply struct {
	status int
	header http.Header
	body   string
}

func (r reply) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(r.body), &m); err != nil {
		t.Fatalf("not JSON (%d): %s", r.status, r.body)
	}
	return m
}

// decode reads a JSON reply into v.
func (r reply) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.body), v); err != nil {
		t.Fatalf("not JSON (%d): %v: %s", r.status, err, r.body)
	}
}

// apiError returns the error object of a JSON error reply.
func (r reply) apiError(t *testing.T) (code, field string) {
	t.Helper()
	e, ok := r.json(t)["error"].(map[string]any)
	if !ok {
		t.Fatalf("no error object in %d %s", r.status, r.body)
	}
	field, _ = e["field"].(string)
	if msg, _ := e["message"].(string); msg == "" {
		t.Fatalf("error without a message: %s", r.body)
	}
	return e["code"].(string), field
}

func (e *env) call(client *http.Client, method, path, bearer, contentType, body string) reply {
	e.t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

func (e *env) api(method, path, bearer, body string) reply {
	e.t.Helper()
	return e.call(nil, method, path, bearer, "application/json", body)
}

// browser is a cookie-keeping client that does not follow redirects, so
// tests see where each response points.
type browser struct {
	e      *env
	client *http.Client
}

func (e *env) browser() *browser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return &browser{e: e, client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *browser) get(path string) reply {
	b.e.t.Helper()
	return b.e.call(b.client, http.MethodGet, path, "", "", "")
}

func (b *browser) post(path string, form url.Values) reply {
	b.e.t.Helper()
	return b.e.call(b.client, http.MethodPost, path, "", "application/x-www-form-urlencoded", form.Encode())
}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// csrf reads the form token from a page.
func (b *browser) csrf(path string) string {
	b.e.t.Helper()
	r := b.get(path)
	m := csrfField.FindStringSubmatch(r.body)
	if m == nil {
		b.e.t.Fatalf("no CSRF field on %s (%d)", path, r.status)
	}
	return m[1]
}

// signIn signs in through the real form.
func (b *browser) signIn(email, password string) reply {
	b.e.t.Helper()
	return b.post("/login", url.Values{"_csrf": {b.csrf("/login")}, "email": {email}, "password": {password}})
}
