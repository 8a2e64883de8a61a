// Package sending is where a test push is sent: it finds the targeted
// devices, lints the message per certificate, records every delivery
// before calling a vendor, fans the calls out, records each answer and
// counts it against the certificate's daily quota.
package sending

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/riverqueue/river"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/metrics"
	"github.com/pushcheck/pushcheck/models/secrets"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/vendors"
)

// Dispatcher sends a test push: it picks the targeted devices, records a
// delivery for each and the chunk jobs that send them in one transaction,
// and works chunk jobs (its own pushes' or another instance's) with a
// per-vendor bound on calls in flight shared by every job of the process.
type Dispatcher struct {
	store    *storage.Store
	registry *vendors.Registry
	sealer   *secrets.Sealer
	opts     Options
	queue    *river.Client[*sql.Tx]
	limits   vendorLimits
	answers  *answers
}

// Options tune a dispatcher; zero fields take the defaults.
type Options struct {
	// StaleAfter is when a silent foreground device counts as offline.
	StaleAfter time.Duration
	Receipts   ReceiptBases
	// Concurrency bounds each vendor's calls in flight in this process
	// (PUSHCHECK_VENDOR_CONCURRENCY); a vendor not named gets
	// DefaultConcurrency.
	Concurrency map[models.Vendor]int
	// SandboxConcurrency bounds the calls in flight to the sandbox's
	// emulators in this process, all vendors together
	// (PUSHCHECK_SANDBOX_CONCURRENCY); 0: DefaultSandboxConcurrency.
	SandboxConcurrency int
	// Workers is how many chunk jobs this process runs at once.
	Workers int
	// ChunkSize is the most deliveries one job sends; a smaller push is cut
	// into about Workers jobs, of at least 50 deliveries, that run side by
	// side.
	ChunkSize int
	// WaveSize is how many calls of a job are marked sent together and
	// answered in one transaction.
	WaveSize int
	// Poll is how often an instance looks for jobs it was not woken for:
	// another instance's pushes, and chunks put back by a stop.
	Poll time.Duration
	Log  *slog.Logger
	// Metrics counts pushes, deliveries and vendor calls; nil counts
	// nothing.
	Metrics *metrics.Metrics
}

// Defaults of Options.
const (
	DefaultConcurrency = 32
	// DefaultSandboxConcurrency is the sandbox's bound: bench/load.sh's
	// push to eight emulators ran fastest, and /healthz stayed under 50 ms,
	// with 64 in flight (16: a slower push; 32 a vendor, 256 in all: the
	// pages waited).
	DefaultSandboxConcurrency = 64
	DefaultWorkers            = 8
	DefaultChunkSize          = 100
	// DefaultWaveSize is a whole chunk (a wave is also at most twice the
	// vendor's slots, see sendWaves): a job marks its deliveries sent in
	// one statement and answers them in one transaction. With waves of 25
	// a job waited at each wave's end for its slowest call and two
	// transactions. go test -bench Fanout, 10,000 devices, alternated with
	// 25: on SQLite ratio 0.45–0.54 against 0.38–0.43 (four pairs), on
	// PostgreSQL 2,551–2,592 deliveries/s against 1,801–2,116 (three). The
	// cost: after a kill, a running job's whole wave is shown interrupted,
	// even the calls that were still waiting for a slot.
	DefaultWaveSize = 100
	// DefaultPoll is a second: this process's pushes wake its workers at
	// once, so the poll only bounds how soon another instance joins in.
	// Each poll is a query and its garbage; at 200 ms an idle console's
	// heap grew by about 3 MB between the runtime's two-minute
	// collections.
	DefaultPoll = time.Second
)

func (o Options) withDefaults() Options {
	o.Workers = cmp.Or(o.Workers, DefaultWorkers)
	o.ChunkSize = cmp.Or(o.ChunkSize, DefaultChunkSize)
	o.WaveSize = cmp.Or(o.WaveSize, DefaultWaveSize)
	o.Poll = cmp.Or(o.Poll, DefaultPoll)
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

// ReceiptBases are the console addresses receipt URLs are built on.
type ReceiptBases struct {
	// Public is where the vendors reach the console (PUSHCHECK_PUBLIC_URL);
	// empty: production pushes ask for no receipts.
	Public string
	// Local is the console's own address, which the sandbox's emulators
	// reach from the same machine.
	Local string
}

// For is the base for a certificate's receipts.
func (b ReceiptBases) For(c models.Certificate) string {
	if c.Sandboxed() && b.Local != "" {
		return b.Local
	}
	return b.Public
}

// NewDispatcher builds a dispatcher and its job queue client; Start works
// the queue. River's tables must exist (MigrateQueue).
func NewDispatcher(store *storage.Store, registry *vendors.Registry, sealer *secrets.Sealer, opts Options) (*Dispatcher, error) {
	opts = opts.withDefaults()
	d := &Dispatcher{store: store, registry: registry, sealer: sealer, opts: opts, limits: newVendorLimits(opts.Concurrency, opts.SandboxConcurrency), answers: newAnswers()}
	// river logs its own warnings and errors; its info lines are per job.
	queueLog := slog.New(minLevel{Handler: opts.Log.Handler(), level: slog.LevelWarn})
	var err error
	if d.queue, err = newQueue(store, d, opts.Workers, opts.Poll, queueLog); err != nil {
		return nil, err
	}
	return d, nil
}

// Send records a push request for an operator with its deliveries and the
// jobs that send them, and returns at once: the queue's workers, here or
// on another instance, make the calls (Wait follows them).
func (d *Dispatcher) Send(ctx context.Context, app models.App, op models.Operator, raw models.PushRequest) (models.Push, []models.Delivery, error) {
	req, err := raw.Normalize(op.DisplayName())
	if err != nil {
		return models.Push{}, nil, err
	}
	devices, group, err := d.targets(ctx, app.ID, req.Target)
	if err != nil {
		return models.Push{}, nil, err
	}
	certs, err := d.store.CertificatesByID(ctx, app.ID, models.CertificateIDs(devices))
	if err != nil {
		return models.Push{}, nil, err
	}
	now := time.Now().UTC()
	lint, err := d.lint(ctx, raw, req, devices, certs, now)
	if err != nil {
		return models.Push{}, nil, err
	}
	deliveries := make([]models.Delivery, len(devices))
	for i, dev := range devices {
		deliveries[i] = models.Delivery{ID: models.NewDeliveryID(), DevicePK: dev.ID, DeviceID: dev.DeviceID, UserID: dev.UserID, TokenHash: models.HashDeviceToken(dev.Token),
			Vendor: dev.Vendor, CertificateID: dev.CertificateID, Status: models.DeliverySending, Warnings: lint.Message}
		if dev.CertificateID != nil {
			if t, ok := lint.Target(*dev.CertificateID); ok && t.Vendor == dev.Vendor {
				deliveries[i].Class, deliveries[i].Warnings = t.Class, lint.WarningsFor(t)
			}
		}
		if reason, fix := d.skipReason(dev, certs, req, now); reason != "" {
			deliveries[i].Status, deliveries[i].Code, deliveries[i].Explanation, deliveries[i].Fix = models.DeliverySkipped, "skipped", reason, fix
		} else {
			plan := d.receiptPlan(certs[*dev.CertificateID], req.DryRun)
			deliveries[i].Plan, deliveries[i].Explanation = plan, plan
		}
	}
	push := models.Push{AppID: app.ID, OperatorID: op.ID, OperatorEmail: op.Email, Target: req.TargetLabel(), Mode: req.Mode, DryRun: req.DryRun, Message: req.Message()}
	if group != nil {
		push.GroupID = &group.ID
	}
	push, deliveries, err = d.store.StartPush(ctx, push, deliveries, d.enqueue)
	if err != nil {
		return models.Push{}, nil, err
	}
	if slices.ContainsFunc(deliveries, func(dl models.Delivery) bool { return dl.Status == models.DeliverySending }) {
		d.wake(ctx)
	}
	d.opts.Metrics.PushSent(push.DryRun)
	d.opts.Metrics.DeliveriesFinished(deliveries) // the skipped ones: the rest are still sending
	return push, deliveries, nil
}

// targets finds the targeted devices, and the group when the target is one.
func (d *Dispatcher) targets(ctx context.Context, appID int64, t models.PushTarget) ([]models.Device, *models.DeviceGroup, error) {
	switch {
	case t.UserID != "":
		devices, err := d.store.TargetDevicesOfUser(ctx, appID, t.UserID, models.MaxPushDevices)
		if err != nil {
			return nil, nil, err
		}
		if len(devices) == 0 {
			return nil, nil, models.Invalid("target.user_id", "user %s has no registered devices in this app", t.UserID)
		}
		return devices, nil, nil
	case t.Group != "":
		g, err := d.store.Group(ctx, appID, t.Group)
		if models.IsNotFound(err) {
			return nil, nil, models.Invalid("target.group", "group %s does not exist in this app", t.Group)
		}
		if err != nil {
			return nil, nil, err
		}
		devices, err := d.store.GroupDevices(ctx, g)
		if err != nil {
			return nil, nil, err
		}
		if len(devices) == 0 {
			return nil, nil, models.Invalid("target.group", "group %s has no devices", g.Name)
		}
		if len(devices) > models.MaxPushDevices {
			return nil, nil, models.Invalid("target.group", "group %s has %d devices; one push reaches at most %d", g.Name, len(devices), models.MaxPushDevices)
		}
		return devices, &g, nil
	}
	if len(t.DeviceIDs) > models.MaxPushDeviceIDs {
		return nil, nil, models.Invalid("target.device_ids", "at most %d device IDs in one test push", models.MaxPushDeviceIDs)
	}
	found, err := d.store.DevicesByDeviceIDs(ctx, appID, t.DeviceIDs)
	if err != nil {
		return nil, nil, err
	}
	devices := make([]models.Device, 0, len(t.DeviceIDs))
	var unknown []string
	for _, id := range t.DeviceIDs {
		dev, ok := found[id]
		if !ok {
			unknown = append(unknown, id)
			continue
		}
		devices = append(devices, dev)
	}
	switch {
	case len(unknown) == 1:
		return nil, nil, models.Invalid("target.device_ids", "device %s is not registered in this app", unknown[0])
	case len(unknown) > 1:
		return nil, nil, models.Invalid("target.device_ids", "%d devices are not registered in this app: %s", len(unknown), models.ShortList(unknown, 5))
	}
	return devices, nil, nil
}

// receiptPlan says, on the trace's first line, whether and how the
// vendor will report delivery.
func (d *Dispatcher) receiptPlan(cert models.Certificate, dryRun bool) string {
	ch, err := d.registry.Channel(cert.Vendor)
	if err != nil {
		return ""
	}
	reader, ok := ch.(vendors.ReceiptReader)
	url := vendors.ReceiptURL(d.opts.Receipts.For(cert), cert)
	switch {
	case dryRun:
		return "dry run: nothing reaches the device, so no receipt or ack follows"
	case !ok:
		return cert.Vendor.Label() + " sends no delivery receipts; the app's ack shows the push arrived"
	case url == "":
		return "no receipt requested: set PUSHCHECK_PUBLIC_URL so " + cert.Vendor.Label() + " can reach this console"
	case !reader.ReceiptsPerMessage():
		return "receipts come to the URL configured in the " + cert.Vendor.Label() + " console; for this certificate: " + url
	}
	return "receipt requested at " + url
}

// skipReason says why a device gets no send, as the IM server would decide
// (mode as_im_server), or because nothing can be sent at all.
func (d *Dispatcher) skipReason(dev models.Device, certs map[int64]models.Certificate, req models.PushRequest, now time.Time) (string, string) {
	if req.Mode == models.ModeAsIMServer {
		switch {
		case !dev.BindingActive():
			return fmt.Sprintf("%s: the IM server sends no offline push until the app logs in again", models.ReachabilityOf(dev, true, now, d.opts.StaleAfter).Reason),
				"log in on the device again, or send with mode force to test the token anyway"
		case dev.State == models.StateForeground && !dev.Stale(now, d.opts.StaleAfter):
			return "the app is in the foreground: the IM server delivers the message online, not as an offline push",
				"put the app in the background, or send with mode force"
		}
	}
	if dev.CertificateID == nil {
		return "the device reported no certificate ID, so there are no credentials to send with", "make the app report certificate_id with its token"
	}
	cert, ok := certs[*dev.CertificateID]
	switch {
	case !ok:
		return fmt.Sprintf("certificate #%d does not exist in this app", *dev.CertificateID), "add the certificate, or fix the ID the app reports"
	case cert.Vendor != dev.Vendor:
		return fmt.Sprintf("certificate #%d is for %s but the token is from %s", cert.ID, cert.Vendor.Label(), dev.Vendor.Label()), "make the app report the certificate ID of its push vendor"
	case req.Call != nil && dev.Vendor == models.VendorAPNs && dev.VoIPToken == "":
		// A call rings a killed iOS app only through PushKit, whose token
		// is not the alert token: sending the call to the alert token
		// would be refused by APNs (or shown as a plain banner).
		return "the device reported no VoIP (PushKit) token, so a call invitation cannot ring it", "make the app register with PKPushRegistry and report voip_token with its registration"
	}
	return "", ""
}

func vendorMessage(req models.PushRequest, deliveryID string) vendors.Message {
	m := vendors.Message{Title: req.Title, Desc: req.Desc, Ext: req.Ext, Sound: req.Sound, Badge: req.Badge, IgnoreBadge: req.IgnoreBadge,
		DeliveryID: deliveryID, DryRun: req.DryRun, ClickAction: req.ClickAction, Image: req.Image, Call: req.Call}
	if a := req.APNs; a != nil {
		m.APNs = vendors.APNsOptions{PushType: a.PushType, Priority: a.Priority, CollapseID: a.CollapseID, Expiration: a.Expiration,
			InterruptionLevel: a.InterruptionLevel, ThreadID: a.ThreadID}
	}
	if f := req.FCM; f != nil {
		m.FCM = vendors.FCMOptions{Priority: f.Priority, TTLSeconds: f.TTLSeconds, ChannelID: f.ChannelID}
		if f.Web != nil {
			m.FCM.Web = *f.Web
		}
	}
	if o := req.Huawei; o != nil {
		m.Huawei = *o
	}
	if o := req.Harmony; o != nil {
		m.Harmony = *o
	}
	if o := req.Honor; o != nil {
		m.Honor = *o
	}
	if o := req.Xiaomi; o != nil {
		m.Xiaomi = *o
	}
	if o := req.OPPO; o != nil {
		m.OPPO = *o
	}
	if o := req.Vivo; o != nil {
		m.Vivo = *o
	}
	if o := req.Meizu; o != nil {
		m.Meizu = *o
	}
	return m
}
