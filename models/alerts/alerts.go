// Package alerts tells admins about certificates before pushes fail: a
// check, run at start and daily, finds certificates that expire within
// 30, 7 or 1 days or whose last Test connection failed, remembers each
// alert in the database so it is sent once (across restarts and
// instances), and posts each app's new alerts as one message to the app's
// webhook (Feishu, DingTalk, WeCom, Slack or generic JSON). Production
// certificates get a fresh Test connection once a day first, claimed in
// the database so that one instance makes the calls.
package alerts

import (
	"cmp"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
	"github.com/pushcheck/pushcheck/models/secrets"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/vendors"
)

// CheckEvery is how often each instance runs the check after its first
// run at start.
const CheckEvery = 24 * time.Hour

// recheckEvery is how long after one daily Test connection round the next
// may be claimed: a little under a day, so instances whose tickers drift
// by minutes never skip one.
const recheckEvery = 23 * time.Hour

// recheckJob names the daily Test connection round in daily_runs.
const recheckJob = "certificate_recheck"

// Service runs the check and keeps the apps' webhooks.
type Service struct {
	store      *storage.Store
	sealer     *secrets.Sealer
	checkerOf  func(models.Vendor) (vendors.Checker, error)
	client     *http.Client
	consoleURL string
	messages   *i18n.Catalog
	log        *slog.Logger
}

// Options configure a Service; zero fields take the defaults.
type Options struct {
	// Client posts to the webhooks. Pass the vendor client factory's, so
	// HTTPS_PROXY, PUSHCHECK_RESOLVE and the timeouts apply; nil builds
	// one from the factory's defaults.
	Client *http.Client
	// CheckerOf finds a vendor's Test connection for the daily re-check
	// of production certificates; nil leaves the re-check out.
	CheckerOf func(models.Vendor) (vendors.Checker, error)
	// ConsoleURL is where people reach the console, for the links in
	// messages; empty leaves the links out.
	ConsoleURL string
	// Messages say the posts, each in its platform's language
	// (models.WebhookKind.Language); without them a post shows message IDs.
	Messages *i18n.Catalog
	Log      *slog.Logger
}

// New builds the service.
func New(store *storage.Store, sealer *secrets.Sealer, opts Options) *Service {
	client := opts.Client
	if client == nil {
		client = vendors.NewClientFactory(vendors.ClientConfig{}).Client(nil)
	}
	// A webhook that redirects is answered as it is: following it would
	// post the alert, with its signature, wherever the redirect points.
	noRedirects := *client
	noRedirects.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &Service{
		store: store, sealer: sealer, checkerOf: opts.CheckerOf, client: &noRedirects,
		consoleURL: strings.TrimSuffix(opts.ConsoleURL, "/"), messages: opts.Messages,
		log: cmp.Or(opts.Log, slog.New(slog.DiscardHandler)),
	}
}

// Current lists what is wrong with every app's certificates now: the
// admins' banner and the home page's line.
func (s *Service) Current(ctx context.Context, now time.Time) ([]models.CertificateAlert, error) {
	certs, err := s.store.CertificatesToWatch(ctx, now.Add(widestThreshold()))
	if err != nil {
		return nil, err
	}
	return models.AlertsOfCertificates(certs, now), nil
}

func widestThreshold() time.Duration {
	return time.Duration(models.ExpiryAlertDays()[0]) * 24 * time.Hour
}

// say is the Localizer a kind's posts are written with.
func (s *Service) say(kind models.WebhookKind) *i18n.Localizer {
	if s.messages == nil {
		return nil
	}
	return s.messages.Localizer(kind.Language())
}
