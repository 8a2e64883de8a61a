package metrics

import (
	"log/slog"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Handler serves reg's metrics in the Prometheus exposition formats. A
// collector that fails is logged and left out; the rest are still served,
// so one bad gauge never blinds the whole scrape.
func Handler(reg *prometheus.Registry, log *slog.Logger) http.Handler {
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{
		ErrorLog:      slog.NewLogLogger(log.Handler(), slog.LevelError),
		ErrorHandling: promhttp.ContinueOnError,
		// Counts failed scrapes as promhttp_metric_handler_errors_total.
		Registry: reg,
		// Scrapes in flight at once: a scraper retrying against a slow
		// database must not queue up on SQLite's one connection.
		MaxRequestsInFlight: 4,
	})
}
