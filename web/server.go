package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/pushcheck/pushcheck/handlers"
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/alerts"
	"github.com/pushcheck/pushcheck/models/demo"
	"github.com/pushcheck/pushcheck/models/emulatorlog"
	"github.com/pushcheck/pushcheck/models/i18n"
	"github.com/pushcheck/pushcheck/models/metrics"
	"github.com/pushcheck/pushcheck/models/phones"
	"github.com/pushcheck/pushcheck/models/requestid"
	"github.com/pushcheck/pushcheck/models/secrets"
	"github.com/pushcheck/pushcheck/models/sending"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/all"
)

// server is one running console: its database, listener and HTTP server.
type server struct {
	cfg      Config
	store    *storage.Store
	sealer   *secrets.Sealer
	registry *vendors.Registry
	sandbox  *vendors.Sandbox
	sender   *sending.Dispatcher
	alerts   *alerts.Service
	phones   *phones.Lab
	// requests is the sandbox emulators' request log.
	requests *emulatorlog.Log
	log      *slog.Logger
	http     *http.Server
	ln       net.Listener
	url      string
	// scrape serves /metrics alone on PUSHCHECK_METRICS_ADDR; nil without.
	scrape *metricsListener
}

// receiptDelay is how long after a sandbox send its receipt arrives: long
// enough to watch "accepted" turn into "delivered".
const receiptDelay = 700 * time.Millisecond

// newServer opens the database, prepares the first sign-in, and starts
// listening, so that the URL is known (and printed) before serving.
func newServer(ctx context.Context, cfg Config, stdout, logOut io.Writer) (*server, error) {
	log := newLogger(cfg.LogFormat, cfg.LogLevel, logOut)
	store, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	s := &server{cfg: cfg, store: store, log: log}
	s.sandbox = vendors.NewSandboxWith(vendors.SandboxOptions{Addr: cfg.SandboxAddr, CA: sandboxCA(cfg, log), Log: log})
	clients := cfg.VendorClients
	clients.Log = log
	factory := vendors.NewClientFactory(clients)
	if s.registry, err = all.Registry(factory, s.sandbox); err != nil {
		store.Close()
		return nil, err
	}
	// Every exchange of every emulator, from any client, is logged.
	s.requests = emulatorlog.New(store, s.registry, log, emulatorlog.DefaultOptions())
	if s.sealer, err = loadSealer(cfg, stdout); err != nil {
		store.Close()
		return nil, err
	}
	s.sandbox.CertificatesFrom(sandboxCertificates(store, s.sealer))
	if err := s.listen(); err != nil {
		store.Close()
		return nil, err
	}
	// From here on a failure also closes the listeners.
	abandon := func(err error) (*server, error) {
		s.closeListeners()
		if cerr := s.sandbox.Close(); cerr != nil {
			log.Error("sandbox", "err", cerr)
		}
		store.Close()
		return nil, err
	}
	if err := s.prepareSignIn(ctx, stdout); err != nil {
		return abandon(err)
	}
	// One registry per server, passed down: tests run several servers in
	// one process, each with its own counters.
	reg := prometheus.NewRegistry()
	meter, err := metrics.New(reg, version)
	if err != nil {
		return abandon(err)
	}
	local := "http://" + s.ln.Addr().String()
	s.sandbox.SendReceiptsTo(local, log, receiptDelay)
	// Virtual phones watch the sandbox's emulators beside the request log,
	// and report to the console's own device API, like apps on real phones.
	// Both observe from before the emulators can first answer.
	s.phones = phones.New(store, s.registry, s.sealer, phones.Options{Console: local, Delays: phones.DefaultDelays(), Log: log})
	s.sandbox.Observe(vendors.ObserveAll(s.requests.Observe, s.phones.Observe))
	if cfg.SandboxAddr != "" {
		// A fixed address is for other servers: they cannot wait for the
		// console's first sandbox push to start the emulators.
		if err := s.sandbox.Listen(ctx); err != nil {
			return abandon(err)
		}
		printSandboxSettings(stdout, s.sandbox.Settings(), strings.TrimSuffix(s.url, "/"))
	}
	s.sender, err = sending.NewDispatcher(store, s.registry, s.sealer, sending.Options{
		StaleAfter:         cfg.StaleAfter,
		Receipts:           sending.ReceiptBases{Public: strings.TrimSuffix(cfg.PublicURL, "/"), Local: local},
		Concurrency:        cfg.VendorConcurrency,
		SandboxConcurrency: cfg.SandboxConcurrency,
		Log:                log,
		Metrics:            meter,
	})
	if err != nil {
		return abandon(err)
	}
	if err := s.registerDatabaseMetrics(reg); err != nil {
		return abandon(err)
	}
	scrape := metrics.Handler(reg, log)
	if s.scrape != nil {
		s.scrape.http = metricsServer(scrape, log)
	}
	messages, err := i18n.Load()
	if err != nil {
		return abandon(err)
	}
	s.alerts = s.newAlerts(factory, messages)
	e := handlers.New(store, s.registry, handlers.Config{
		StaleAfter:       cfg.StaleAfter,
		CookieSecure:     cfg.secureCookies(),
		LoginPolicy:      storage.DefaultLoginPolicy(),
		Version:          version,
		Sealer:           s.sealer,
		PublicURL:        cfg.PublicURL,
		LocalURL:         local,
		HistoryRetention: cfg.HistoryRetention,
		RateLimits:       cfg.RateLimits,
		TrustedProxies:   cfg.TrustedProxies,
		Sender:           s.sender,
		Metrics:          meter,
		MetricsHandler:   scrape,
		MetricsToken:     cfg.MetricsToken,
		Alerts:           s.alerts,
		Messages:         messages,
		Sandbox:          s.sandbox,
		Phones:           s.phones,
	}, log)
	s.http = &http.Server{
		Handler:           e,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	return s, nil
}

// newLogger writes text or JSON lines; every line logged with a request's
// context carries its request_id.
func newLogger(format string, level slog.Level, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(w, opts)
	if format == "json" {
		h = slog.NewJSONHandler(w, opts)
	}
	return slog.New(requestid.NewLogHandler(h))
}

func (s *server) listen() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	s.ln = ln
	s.url = s.cfg.PublicURL
	if s.url == "" {
		s.url = "http://" + ln.Addr().String()
	}
	if s.cfg.MetricsAddr != "" {
		if s.scrape, err = listenMetrics(s.cfg.MetricsAddr); err != nil {
			ln.Close()
			return err
		}
	}
	return nil
}

// closeListeners closes what listen opened, when the server never runs.
func (s *server) closeListeners() {
	s.ln.Close()
	if s.scrape != nil {
		s.scrape.ln.Close()
	}
}

// prepareSignIn makes sure someone can sign in: the configured admin, the
// demo admin, or a one-time setup link on an empty database.
func (s *server) prepareSignIn(ctx context.Context, out io.Writer) error {
	fmt.Fprintf(out, "pushcheck %s on %s (%s)\n", version, s.url, s.store.Dialect())
	if s.cfg.AdminEmail != "" {
		op, err := s.store.EnsureAdmin(ctx, s.cfg.AdminEmail, s.cfg.AdminPassword)
		if err != nil {
			return fmt.Errorf("PUSHCHECK_ADMIN_EMAIL/PASSWORD: %w", err)
		}
		fmt.Fprintf(out, "  admin: %s (password from PUSHCHECK_ADMIN_PASSWORD)\n", op.Email)
	}
	if s.cfg.Demo {
		if err := s.seedDemo(ctx, out); err != nil {
			return err
		}
	}
	n, err := s.store.CountOperators(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		token, err := s.store.CreateSetupToken(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "  no operators yet: create the first admin at %s/setup?token=%s (valid %s, once)\n",
			s.url, token, storage.SetupTokenLifetime)
	}
	return nil
}

func (s *server) seedDemo(ctx context.Context, out io.Writer) error {
	seed, err := demo.Seed(ctx, s.store, time.Now().UTC(), demoCertificates(s.store, s.registry, s.sealer))
	if err != nil {
		return err
	}
	if !seed.Seeded {
		fmt.Fprintf(out, "  --demo: the database already has data; nothing seeded\n")
	} else {
		var certs []string
		for _, v := range models.AllVendors() {
			certs = append(certs, fmt.Sprintf("%s #%d", v.Label(), seed.Vendors[v]))
		}
		fmt.Fprintf(out, "  demo app %q (#%d): %d devices; sandbox certificates %s; set up wrong: %v\n",
			seed.App.Name, seed.App.ID, seed.Devices, strings.Join(certs, ", "), seed.Misconfigured)
		fmt.Fprintf(out, "  virtual phones:     %d for user %q: send it a test push and watch each trace reach clicked\n", seed.Phones, demo.PhoneUser)
	}
	if seed.Admin {
		fmt.Fprintf(out, "  sign in:            %s / %s\n", demo.AdminEmail, demo.AdminPassword)
		fmt.Fprintf(out, "  device API key:     %s\n", seed.APIKey)
		fmt.Fprintf(out, "  operator API token: %s\n", seed.APIToken)
	}
	return nil
}

// URL is where the console answers.
func (s *server) URL() string { return s.url }

// run serves until ctx ends, then drains requests for up to the shutdown
// timeout and closes the database.
func (s *server) run(ctx context.Context) error {
	defer s.store.Close()
	defer func() {
		if err := s.sandbox.Close(); err != nil {
			s.log.Error("sandbox", "err", err)
		}
	}()
	// Migrations and the demo seed allocate far more than an idle console
	// holds; hand that memory back now rather than when the runtime's
	// scavenger gets to it.
	debug.FreeOSMemory()
	go s.housekeeping(ctx)
	logCtx, stopLog := context.WithCancel(ctx)
	logged := make(chan struct{})
	go func() {
		s.requests.Run(logCtx)
		close(logged)
	}()
	// However run ends, the log writes what was queued before the
	// database closes.
	defer func() {
		stopLog()
		<-logged
	}()
	stopAlerts := s.checkCertificates(ctx)
	defer stopAlerts()
	// Chunk jobs are worked from the start: this instance's pushes, and
	// any left by an instance that stopped.
	if err := s.sender.Start(ctx); err != nil {
		return err
	}
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(s.ln) }()
	if s.scrape != nil {
		s.scrape.start(s.log)
		// Scrapes go on while requests drain and jobs stop.
		defer s.scrape.stop(s.log)
	}
	s.log.Info("serving", "url", s.url, "database", s.store.Dialect())
	// The phones register once the console answers, as apps do when
	// their phones start.
	s.phones.Start(ctx)
	defer s.phones.Close()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "timeout", s.cfg.ShutdownTimeout)
	// The phones and the sandbox's receipts stop first: their acks and
	// callbacks are requests this server would otherwise wait for while it
	// drains (a kept-open connection not yet used holds a drain for 5 s).
	s.phones.Close()
	s.sandbox.StopReceipts()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := s.http.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	// Running jobs answer their calls in flight and put the rest of
	// their chunk back for another instance or the next start.
	if err := s.sender.Stop(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// housekeeping keeps tables bounded: expired sessions and timeline entries
// older than the retention go, hourly.
func (s *server) housekeeping(ctx context.Context) {
	tick := time.NewTicker(time.Hour)
	defer tick.Stop()
	for {
		now := time.Now().UTC()
		if n, err := s.store.DeleteExpiredSessions(ctx, now); err != nil {
			s.log.Error("housekeeping: sessions", "err", err)
		} else if n > 0 {
			s.log.Info("housekeeping: expired sessions removed", "count", n)
		}
		s.pruneHistory(ctx, now)
		if _, err := s.store.PruneReceiptNonces(ctx, now); err != nil {
			s.log.Error("housekeeping: receipt nonces", "err", err)
		}
		s.pruneSandboxRequests(ctx, now)
		if n, err := s.store.PruneDeviceEvents(ctx, now.Add(-s.cfg.EventRetention)); err != nil {
			s.log.Error("housekeeping: device events", "err", err)
		} else if n > 0 {
			s.log.Info("housekeeping: old device events removed", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// pruneSandboxRequests keeps the emulators' request log bounded, and
// tells of exchanges it had to leave out.
func (s *server) pruneSandboxRequests(ctx context.Context, now time.Time) {
	if n, err := s.store.PruneSandboxRequests(ctx, now.Add(-emulatorlog.Retention), emulatorlog.PerApp); err != nil {
		s.log.Error("housekeeping: sandbox requests", "err", err)
	} else if n > 0 {
		s.log.Info("housekeeping: old sandbox requests removed", "count", n)
	}
	if n := s.requests.Dropped(); n > 0 {
		s.log.Warn("sandbox request log: exchanges left out (over its rate, or while it was full)", "total", n)
	}
}

// pruneHistory removes test pushes and unmatched receipts past the history
// retention, and audit entries past theirs.
func (s *server) pruneHistory(ctx context.Context, now time.Time) {
	if s.cfg.HistoryRetention <= 0 || s.cfg.AuditRetention <= 0 {
		return // loadConfig refuses these; a zero value here is a caller's omission, not "delete everything"
	}
	if pushes, receipts, err := s.store.DeleteHistoryBefore(ctx, now.Add(-s.cfg.HistoryRetention)); err != nil {
		s.log.Error("housekeeping: push history", "err", err)
	} else if pushes+receipts > 0 {
		s.log.Info("housekeeping: old test pushes removed", "pushes", pushes, "unmatched_receipts", receipts)
	}
	if _, err := s.store.PrunePhoneShade(ctx, now.Add(-s.cfg.HistoryRetention)); err != nil {
		s.log.Error("housekeeping: virtual phones' shades", "err", err)
	}
	if n, err := s.store.PruneAudit(ctx, now.Add(-s.cfg.AuditRetention)); err != nil {
		s.log.Error("housekeeping: audit log", "err", err)
	} else if n > 0 {
		s.log.Info("housekeeping: old audit entries removed", "count", n)
	}
}
