package alerts_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/alerts"
	"github.com/pushcheck/pushcheck/models/i18n"
	"github.com/pushcheck/pushcheck/models/secrets"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

// fixture is a migrated store with one app, a sealer, and a chat platform
// on loopback TLS that records every post.
type fixture struct {
	t      *testing.T
	store  *storage.Store
	sealer *secrets.Sealer
	app    models.App
	hook   *receiver
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	store := storagetest.Open(t)
	key, err := secrets.NewSecretKey()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := secrets.ParseSecretKey(key)
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := secrets.NewSealer(raw)
	if err != nil {
		t.Fatal(err)
	}
	app, err := store.CreateApp(context.Background(), "Chat IM")
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, store: store, sealer: sealer, app: app, hook: newReceiver(t)}
}

// service builds a Service posting through the receiver's TLS client.
func (f *fixture) service(opts alerts.Options) *alerts.Service {
	opts.Client = f.hook.srv.Client()
	if opts.Messages == nil {
		messages, err := i18n.Load()
		if err != nil {
			f.t.Fatal(err)
		}
		opts.Messages = messages
	}
	if opts.ConsoleURL == "" {
		opts.ConsoleURL = "https://console.example"
	}
	return alerts.New(f.store, f.sealer, opts)
}

// certificate stores a certificate of the fixture's app.
func (f *fixture) certificate(name string, env models.CertificateEnvironment, expires *time.Time) models.Certificate {
	f.t.Helper()
	c, err := f.store.CreateCertificate(context.Background(), models.Certificate{
		AppID: f.app.ID, Vendor: models.VendorAPNs, Name: name, Environment: env, ExpiresAt: expires,
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

// post is one request the receiver took.
type post struct {
	Path, RawQuery string
	Header         http.Header
	Body           []byte
}

func (p post) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(p.Body, &m); err != nil {
		t.Fatalf("body is not JSON: %v: %s", err, p.Body)
	}
	return m
}

// receiver is a chat platform's webhook endpoint: it records each post
// and answers what the test sets.
type receiver struct {
	srv    *httptest.Server
	mu     sync.Mutex
	posts  []post
	status int
	answer string
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{status: http.StatusOK, answer: `{"code":0,"msg":"success","data":{}}`}
	r.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, err := io.ReadAll(req.Body)
		if err != nil {
			t.Error(err)
		}
		r.mu.Lock()
		r.posts = append(r.posts, post{Path: req.URL.Path, RawQuery: req.URL.RawQuery, Header: req.Header.Clone(), Body: body})
		status, answer := r.status, r.answer
		r.mu.Unlock()
		w.WriteHeader(status)
		io.WriteString(w, answer)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) answerWith(status int, answer string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.status, r.answer = status, answer
}

func (r *receiver) taken() []post {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]post(nil), r.posts...)
}

func ptr[T any](v T) *T { return &v }
