package sending_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/secrets"
	"github.com/pushcheck/pushcheck/models/sending"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/all"
)

// fixture is a store with an app, a sandbox APNs certificate and an
// operator, and what a dispatcher is built from.
type fixture struct {
	store   *storage.Store
	sandbox *vendors.Sandbox
	sealer  *secrets.Sealer
	app     models.App
	op      models.Operator
	cert    models.Certificate
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	store := storagetest.Open(t)
	if err := sending.MigrateQueue(ctx, store); err != nil {
		t.Fatal(err)
	}
	sandbox, err := vendors.NewSandbox(slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sandbox.Close() })
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
	app, err := store.CreateApp(ctx, "Fan-out")
	if err != nil {
		t.Fatal(err)
	}
	op, err := store.CreateOperator(ctx, models.NewOperator{Email: "qa@example.com", Password: "correct horse battery", Role: models.RoleOperator})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{store: store, sandbox: sandbox, sealer: sealer, app: app, op: op}
	registry := f.registry(t, nil)
	in := models.CertificateInput{Vendor: models.VendorAPNs, Name: "Sandbox APNs", Environment: string(models.CertSandbox),
		APNs: &models.APNsCredentials{BundleID: "com.example.im", Auth: "token", KeyID: "FANOUT0001", TeamID: "FANOUTTEAM", P8: p8(t)}}
	f.cert, err = store.SaveCertificate(ctx, sealer, app.ID, 0, func(c *models.Certificate, s *models.CertificateSecrets) error {
		return registry.PrepareCertificate(in, c, s, time.Now())
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func p8(t testing.TB) []byte {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

// registry is the vendors with APNs wrapped to count calls per token (and
// wait delay before each, a slow vendor); each instance of a test has its
// own, as separate processes would.
func (f *fixture) registry(t testing.TB, calls *callCounter) *vendors.Registry {
	t.Helper()
	base, err := all.Registry(vendors.NewClientFactory(vendors.ClientConfig{}), f.sandbox)
	if err != nil {
		t.Fatal(err)
	}
	var channels []vendors.Channel
	for _, v := range models.AllVendors() {
		ch, err := base.Channel(v)
		if err != nil {
			t.Fatal(err)
		}
		if v == models.VendorAPNs && calls != nil {
			ch = countingChannel{Channel: ch, calls: calls}
		}
		channels = append(channels, ch)
	}
	r, err := vendors.NewRegistry(channels...)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// dispatcher builds and starts an instance; stop stops it (idempotent
// through the cleanup).
func (f *fixture) dispatcher(t testing.TB, calls *callCounter, opts sending.Options) *sending.Dispatcher {
	t.Helper()
	opts.StaleAfter = 10 * time.Minute
	if opts.Poll == 0 {
		opts.Poll = 20 * time.Millisecond
	}
	d, err := sending.NewDispatcher(f.store, f.registry(t, calls), f.sealer, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := d.Stop(ctx); err != nil {
			t.Error(err)
		}
	})
	return d
}

// devices registers n iPhones in the background on the certificate and
// returns their IDs.
func (f *fixture) devices(t testing.TB, n int) []string {
	t.Helper()
	ctx := context.Background()
	ids := make([]string, n)
	now := time.Now().UTC()
	for i := range ids {
		ids[i] = fmt.Sprintf("phone-%05d", i)
		reg := models.Registration{UserID: fmt.Sprintf("user-%d", i), Platform: models.PlatformIOS, Vendor: models.VendorAPNs,
			Token: fmt.Sprintf("%064x", i+1), CertificateID: &f.cert.ID, Environment: models.EnvProduction}
		if _, err := f.store.RegisterDevice(ctx, f.app.ID, ids[i], reg, now); err != nil {
			t.Fatal(err)
		}
	}
	return ids
}

// callCounter counts vendor calls per token, across instances.
type callCounter struct {
	mu     sync.Mutex
	delay  time.Duration
	tokens map[string]int
	total  int
}

func newCallCounter(delay time.Duration) *callCounter {
	return &callCounter{delay: delay, tokens: map[string]int{}}
}

func (c *callCounter) add(token string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tokens[token]++
	c.total++
}

func (c *callCounter) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total
}

type countingChannel struct {
	vendors.Channel
	calls *callCounter
}

func (c countingChannel) Send(ctx context.Context, cert models.Certificate, s models.CertificateSecrets, msg vendors.Message, token string) vendors.Result {
	c.calls.add(token)
	time.Sleep(c.calls.delay)
	return c.Channel.Send(ctx, cert, s, msg, token)
}
