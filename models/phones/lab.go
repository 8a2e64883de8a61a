package phones

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/secrets"
	"github.com/pushcheck/pushcheck/vendors"
)

// Store is what the lab keeps in the database.
type Store interface {
	CreatePhone(ctx context.Context, p models.Phone) (models.Phone, error)
	PhonesOfApp(ctx context.Context, appID int64) ([]models.Phone, error)
	AllPhones(ctx context.Context) ([]models.Phone, error)
	Phone(ctx context.Context, appID, id int64) (models.Phone, error)
	DeletePhone(ctx context.Context, appID, id int64) error
	UpdatePhone(ctx context.Context, p models.Phone) error
	AddShadeEntry(ctx context.Context, e models.ShadeEntry) (models.ShadeEntry, error)
	ShadeSince(ctx context.Context, phoneID int64, since time.Time) ([]models.ShadeEntry, error)
	Shade(ctx context.Context, phoneID int64, limit int) ([]models.ShadeEntry, error)
	RecordPhoneAck(ctx context.Context, entryID int64, stage models.Stage, at time.Time, problem string) error
	PhoneKey(ctx context.Context, appID int64) (int64, string, error)
	SetPhoneKey(ctx context.Context, appID, keyID int64, sealed string) error
	CreateAPIKey(ctx context.Context, appID int64, label string) (string, models.APIKey, error)
	APIKeysOfApp(ctx context.Context, appID int64) ([]models.APIKey, error)
	CertificatesOfApp(ctx context.Context, appID int64) ([]models.Certificate, error)
}

// Channels finds the vendor channel that reads its emulator's exchanges
// (the vendors' registry).
type Channels interface {
	Channel(v models.Vendor) (vendors.Channel, error)
}

// Delays are how long a phone's app takes to ack, as on a real phone: long
// enough that the vendor's receipt (0.7 s in the sandbox) comes first and
// the trace reads in order. Tests set them to ~0.
type Delays struct {
	Receive time.Duration // from the emulator's acceptance to "received"
	Display time.Duration // then to "displayed"
	Tap     time.Duration // then to "clicked"
	Slow    time.Duration // added to every ack of a slow_receipt phone
}

// DefaultDelays are the console's.
func DefaultDelays() Delays {
	return Delays{Receive: 900 * time.Millisecond, Display: 300 * time.Millisecond, Tap: 1500 * time.Millisecond, Slow: 20 * time.Second}
}

// Options configure a Lab.
type Options struct {
	// Console is the console's own address (http://127.0.0.1:port), where
	// the phones reach the device API.
	Console string
	Delays  Delays
	Log     *slog.Logger
	// Inbox bounds the exchanges waiting to be read (default 1024); more
	// are dropped and counted rather than slowing the emulators.
	Inbox int
}

// Lab runs an instance's virtual phones.
type Lab struct {
	store    Store
	channels Channels
	sealer   *secrets.Sealer
	opts     Options
	http     *http.Client
	inbox    chan vendors.EmulatorExchange
	dropped  atomic.Int64

	// mu serialises changes to a phone (a push received, a state toggled),
	// which read and write its row.
	mu sync.Mutex
	// tokens finds the phone a notification is for; reloaded from the
	// database now and then, since another instance may create phones.
	tokensMu sync.Mutex
	tokens   map[tokenKey]phoneRef
	loadedAt time.Time
	keys     map[int64]string // each app's device API key, opened

	acks    sync.WaitGroup
	stop    context.CancelFunc
	stopped chan struct{}
}

type tokenKey struct {
	vendor models.Vendor
	token  string
}

type phoneRef struct{ appID, id int64 }

// New builds a lab; Start runs it.
func New(store Store, channels Channels, sealer *secrets.Sealer, opts Options) *Lab {
	if opts.Inbox <= 0 {
		opts.Inbox = 1024
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	return &Lab{store: store, channels: channels, sealer: sealer, opts: opts,
		// A transport of its own, so that Close can drop its connections.
		http:  &http.Client{Timeout: 10 * time.Second, Transport: http.DefaultTransport.(*http.Transport).Clone()},
		inbox: make(chan vendors.EmulatorExchange, opts.Inbox), keys: map[int64]string{}}
}

// Observe takes an emulator exchange; it never blocks the emulator.
func (l *Lab) Observe(x vendors.EmulatorExchange) {
	select {
	case l.inbox <- x:
	default:
		if l.dropped.Add(1)%100 == 1 {
			l.opts.Log.Warn("virtual phones: busy, emulator exchanges dropped", "dropped", l.dropped.Load())
		}
	}
}

// Start registers every phone again, as apps do when they start, then
// reads the emulators' exchanges until Close. The console must be serving.
func (l *Lab) Start(ctx context.Context) {
	ctx, l.stop = context.WithCancel(ctx)
	l.stopped = make(chan struct{})
	go func() {
		defer close(l.stopped)
		l.boot(ctx)
		for {
			select {
			case <-ctx.Done():
				return
			case x := <-l.inbox:
				l.read(ctx, x)
			}
		}
	}()
}

// Close stops reading and waits for acks in flight (they end with ctx).
func (l *Lab) Close() {
	if l.stop == nil {
		return
	}
	l.stop()
	<-l.stopped
	l.acks.Wait()
	// A report cancelled while its connection was being dialed leaves the
	// connection idle here and, on the console's side, accepted with no
	// request yet: a server drain waits 5 s for such a connection.
	l.http.CloseIdleConnections()
}

func (l *Lab) boot(ctx context.Context) {
	all, err := l.store.AllPhones(ctx)
	if err != nil {
		l.opts.Log.Error("virtual phones: start", "err", err)
		return
	}
	for _, p := range all {
		l.mu.Lock()
		err := l.register(ctx, &p)
		l.mu.Unlock()
		if err != nil {
			l.opts.Log.Error("virtual phones: start", "phone", p.DeviceID, "err", err)
		}
	}
	l.reloadTokens(ctx)
}

// Create makes a phone and registers it through the device API.
func (l *Lab) Create(ctx context.Context, appID int64, in models.NewPhone, by string) (models.Phone, error) {
	certs, err := l.store.CertificatesOfApp(ctx, appID)
	if err != nil {
		return models.Phone{}, err
	}
	p, err := Prepare(appID, in, certs, by, time.Now())
	if err != nil {
		return p, err
	}
	if p, err = l.store.CreatePhone(ctx, p); err != nil {
		return p, err
	}
	l.remember(p)
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.register(ctx, &p); err != nil {
		return p, err
	}
	return p, nil
}

// Phones lists an app's phones.
func (l *Lab) Phones(ctx context.Context, appID int64) ([]models.Phone, error) {
	return l.store.PhonesOfApp(ctx, appID)
}

// Phone reads one phone with up to limit of its latest shade entries,
// newest first.
func (l *Lab) Phone(ctx context.Context, appID, id int64, limit int) (models.Phone, []models.ShadeEntry, error) {
	p, err := l.store.Phone(ctx, appID, id)
	if err != nil || limit <= 0 {
		return p, nil, err
	}
	shade, err := l.store.Shade(ctx, p.ID, limit)
	return p, shade, err
}

// SetForeground reports the phone's app going to the foreground or the
// background, through the device API.
func (l *Lab) SetForeground(ctx context.Context, appID, id int64, foreground bool) (models.Phone, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	p, err := l.store.Phone(ctx, appID, id)
	if err != nil {
		return p, err
	}
	p.Foreground = foreground
	if err := l.reportState(ctx, p); err != nil {
		return p, err
	}
	return p, l.store.UpdatePhone(ctx, p)
}

// Delete forgets the phone's device through the device API, then the phone.
func (l *Lab) Delete(ctx context.Context, appID, id int64) error {
	p, err := l.store.Phone(ctx, appID, id)
	if err != nil {
		return err
	}
	if err := l.device(ctx, p.AppID, http.MethodDelete, p.DeviceID, "", nil); err != nil && !models.IsNotFound(err) {
		return err
	}
	if err := l.store.DeletePhone(ctx, appID, id); err != nil {
		return err
	}
	l.tokensMu.Lock()
	delete(l.tokens, tokenKey{p.Vendor, p.Token})
	l.tokensMu.Unlock()
	return nil
}

// register reports the phone's binding and state, as the app does at each
// start, and notes the outcome on the phone: a refusal is the phone's
// Problem, shown on its page; only a failure to save it is an error.
// Callers hold l.mu.
func (l *Lab) register(ctx context.Context, p *models.Phone) error {
	err := l.device(ctx, p.AppID, http.MethodPut, p.DeviceID, "", registration(*p))
	if err == nil {
		err = l.reportState(ctx, *p)
	}
	if err == nil && p.Behaviour == models.BehaviourLoggedOut {
		err = l.device(ctx, p.AppID, http.MethodPost, p.DeviceID, "/logout", map[string]string{"reason": "kicked"})
	}
	p.Problem = ""
	if err != nil {
		p.Problem = err.Error()
	} else {
		now := time.Now().UTC()
		p.RegisteredAt = &now
	}
	if err != nil {
		l.opts.Log.Warn("virtual phones: registration refused", "phone", p.DeviceID, "err", err)
	}
	return l.store.UpdatePhone(ctx, *p)
}

func (l *Lab) reportState(ctx context.Context, p models.Phone) error {
	state := "background"
	if p.Foreground {
		state = "foreground"
	}
	return l.device(ctx, p.AppID, http.MethodPost, p.DeviceID, "/state", map[string]any{"state": state, "unread": 0})
}
