// Package handlers is the HTTP layer: the console's pages and the JSON API.
// It parses input, calls the store and the services through the small
// interfaces of dependencies.go, and picks a view; it holds no SQL and no
// vendor payloads. Every response leaves through respond.go.
package handlers

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/handlers/openapi"
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/alerts"
	"github.com/pushcheck/pushcheck/models/apikeys"
	"github.com/pushcheck/pushcheck/models/diagnosis"
	"github.com/pushcheck/pushcheck/models/i18n"
	"github.com/pushcheck/pushcheck/models/metrics"
	"github.com/pushcheck/pushcheck/models/phones"
	"github.com/pushcheck/pushcheck/models/receipts"
	"github.com/pushcheck/pushcheck/models/secrets"
	"github.com/pushcheck/pushcheck/models/sending"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/static"
	"github.com/pushcheck/pushcheck/vendors"
)

// Config is the part of the server configuration the HTTP layer needs.
type Config struct {
	// StaleAfter is how long a foreground device may stay silent before it is
	// treated as offline, the way IM servers time out a silent client.
	StaleAfter time.Duration
	// CookieSecure marks cookies Secure (and __Host-); on when the console is
	// served over HTTPS.
	CookieSecure bool
	// LoginPolicy throttles password guessing.
	LoginPolicy models.LoginPolicy
	// Version is shown in the footer and /healthz.
	Version string
	// Sealer encrypts certificate secrets at rest.
	Sealer *secrets.Sealer
	// PublicURL is the console's address as users reach it, for links in
	// report copies; empty: the address of the request.
	PublicURL string
	// LocalURL is the console's own listening address, where the sandbox's
	// emulators send their receipts.
	LocalURL string
	// HistoryRetention is how long test pushes are kept, for the pages.
	HistoryRetention time.Duration
	// RateLimits bound the public surfaces; the zero value limits nothing.
	RateLimits RateLimits
	// TrustedProxies are the networks whose X-Forwarded-For is believed;
	// without any, a client's address is the connection's peer.
	TrustedProxies []*net.IPNet
	// Sender records test pushes and queues their vendor calls; the
	// caller starts and stops its queue.
	Sender *sending.Dispatcher
	// Alerts finds certificates to warn about and keeps the apps' alert
	// webhooks; nil builds one that posts with the vendor client
	// factory's defaults.
	Alerts *alerts.Service
	// SendWait bounds how long POST .../pushes waits for the deliveries'
	// answers before it returns the push with its progress (default 10 s).
	SendWait time.Duration
	// Metrics counts device reports, acks, receipts and rate-limit
	// refusals; nil counts nothing.
	Metrics *metrics.Metrics
	// MetricsHandler serves the exposition at /metrics to a scraper that
	// sends MetricsToken; without a token /metrics is off on this listener.
	MetricsHandler http.Handler
	MetricsToken   string
	// Messages are the console's catalogues (English, 简体中文); required.
	Messages *i18n.Catalog
	// Sandbox runs the vendors' emulators; nil: no sandbox in this process.
	Sandbox *vendors.Sandbox
	// Phones runs the virtual phones beside the sandbox; nil: the phone
	// pages and API say this console has none.
	Phones *phones.Lab
}

// Handler serves every route. It is built once by New; each field is the
// small interface this package declares for what it uses.
type Handler struct {
	devices      deviceStore
	certificates certificateStore
	pushes       pushStore
	groups       groupStore
	apps         appStore
	appKeys      appKeyChecker
	operators    operatorStore
	sessions     sessionStore
	auditLog     auditLog
	// sandboxRequests is the sandbox emulators' request log.
	sandboxRequests sandboxRequestStore
	reports         reportStore
	db              database
	sender          pushSender
	diagnoser       diagnoser
	receipts        receiptRecorder
	alerts          alerter
	vendors         vendorRegistry
	sandbox         sandboxService
	phones          phoneLab
	cfg             Config
	log             *slog.Logger
	now             func() time.Time
	limits          limiters
	metrics         *metrics.Metrics
	// apiDocument is the OpenAPI document, read once (api_docs.go).
	apiDocument func() (*openapi.Document, error)
}

// New builds the console's HTTP handler: every route with its middleware,
// over the real store and the services built on it. Callers see a plain
// http.Handler; echo stays inside this package.
func New(store *storage.Store, registry *vendors.Registry, cfg Config, log *slog.Logger) http.Handler {
	if cfg.SendWait <= 0 {
		cfg.SendWait = 10 * time.Second
	}
	h := &Handler{
		devices: store, certificates: store, pushes: store, groups: store, apps: store, operators: store,
		sessions: store, auditLog: store, reports: store, db: store, sandboxRequests: store,
		sender:    cfg.Sender,
		metrics:   cfg.Metrics,
		diagnoser: diagnosis.NewDiagnoser(store, registry, cfg.StaleAfter),
		receipts:  receipts.NewRecorder(store, registry, cfg.Sealer, cfg.Metrics),
		vendors:   registry,
		appKeys:   apikeys.NewCache(store, time.Now),
		cfg:       cfg, log: log, now: func() time.Time { return time.Now().UTC() },
	}
	h.alerts = cfg.Alerts
	if cfg.Phones != nil {
		h.phones = cfg.Phones
	}
	if cfg.Alerts == nil {
		h.alerts = alerts.New(store, cfg.Sealer, alerts.Options{ConsoleURL: cfg.PublicURL, Messages: cfg.Messages, Log: log})
	}
	if cfg.Sandbox != nil {
		h.sandbox = cfg.Sandbox
	}
	h.limits = newLimiters(cfg.RateLimits, time.Now)
	h.loadAPIDocsOnce()
	return h.routes()
}

// routes registers every route on a new echo instance.
func (h *Handler) routes() *echo.Echo {
	e := echo.New()
	e.HTTPErrorHandler = h.handleError
	e.IPExtractor = clientAddress(h.cfg.TrustedProxies)
	e.Pre(h.requestID)
	e.Use(h.logRequests, h.recoverPanics, h.securityHeaders, h.localize, checkInput)

	e.GET("/healthz", h.healthz)
	e.GET("/readyz", h.readyz)
	h.registerMetricsRoute(e)
	e.StaticFS("/static", static.FS)
	e.GET("/favicon.ico", func(c echo.Context) error { return c.Redirect(http.StatusMovedPermanently, "/static/favicon.svg") })

	h.registerSetupRoutes(e)
	pages := e.Group("", consoleWait, h.requireSession, h.checkCSRF, limitBody(pageBodyLimit))
	h.registerSessionRoutes(e, pages)
	h.registerHomeRoutes(pages)
	h.registerUserRoutes(pages)
	h.registerDeviceRoutes(pages)
	h.registerProfileRoutes(pages)
	h.registerCertificateRoutes(pages)
	h.registerPushRoutes(pages)
	h.registerReportRoutes(pages)
	h.registerLimitRoutes(pages)
	h.registerPushPageRoutes(pages)
	h.registerHistoryRoutes(pages)
	h.registerGroupRoutes(pages)
	h.registerPhoneRoutes(pages)
	h.registerSandboxRequestRoutes(pages)
	admin := pages.Group("", requireRole(models.RoleAdmin))
	h.registerAppRoutes(admin)
	h.registerWebhookRoutes(admin)
	h.registerOperatorRoutes(admin)
	h.registerAuditRoutes(admin)
	h.registerReceiptRoutes(e)
	h.registerAPIDocRoutes(e)
	h.registerSandboxRoutes(e, pages)

	// Unknown API paths answer in JSON rather than falling through to the
	// pages' sign-in redirect.
	e.Any("/api/*", noRoute)
	deviceLimit := h.rateLimited(surfaceDevice, byBearer(h.limits.deviceKey), byAddress(h.limits.deviceAddress))
	deviceAPI := e.Group("/api/v1/devices", h.countDeviceReports, deviceLimit, limitBody(deviceBodyLimit), h.requireAppKey)
	h.registerDeviceAPIRoutes(deviceAPI)
	h.registerAckRoutes(e.Group("/api/v1/deliveries", h.countDeviceReports, deviceLimit, limitBody(deviceBodyLimit), h.requireAppKey))
	h.registerAuditAPIRoutes(e.Group("/api/v1/audit", consoleWait, limitBody(apiBodyLimit), h.requireOperatorToken))
	operatorAPI := e.Group("/api/v1/apps", consoleWait, limitBody(apiBodyLimit), h.requireOperatorToken)
	h.registerOperatorAPIRoutes(operatorAPI)
	h.registerSandboxAPIRoutes(e.Group("/api/v1/sandbox", consoleWait, limitBody(apiBodyLimit), h.requireOperatorToken), operatorAPI)
	return e
}

// Body limits: a device report is a few hundred bytes; pages and operator
// calls carry forms and, later, certificate files.
const (
	deviceBodyLimit = 16 << 10
	apiBodyLimit    = 1 << 20
	pageBodyLimit   = 1 << 20
)

func (h *Handler) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok", "version": h.cfg.Version})
}

func (h *Handler) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	if err := h.db.Ping(ctx); err != nil {
		h.log.ErrorContext(c.Request().Context(), "readyz: database unreachable", "err", err)
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "database unreachable"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ready", "database": string(h.db.Dialect())})
}
