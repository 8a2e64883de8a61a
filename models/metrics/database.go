package metrics

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/pushcheck/pushcheck/models"
)

// Sources are what a scrape reads from the database, at scrape time.
type Sources struct {
	// Pool is the store's connection pool, for its statistics.
	Pool *sql.DB
	// ConsolePool is the store's pool kept for the console, if it has one
	// (PostgreSQL); its statistics carry db_name="pushcheck_console".
	ConsolePool *sql.DB
	// Certificates lists every certificate's expiry and last Test
	// connection, without credentials: a few per app, read whole.
	Certificates interface {
		CertificateHealth(ctx context.Context) ([]models.Certificate, error)
	}
	// Queue counts the push queue's unfinished jobs by state.
	Queue interface {
		QueueDepth(ctx context.Context) (map[string]int64, error)
	}
	Log *slog.Logger
	// Now is the clock the expiry is counted from (time.Now when nil).
	Now func() time.Time
}

// scrapeTimeout bounds the database reads of one scrape, well inside a
// scraper's usual 10 s: a slow database gives a scrape without these
// gauges (and pushcheck_metrics_database_up 0), never a hung one.
const scrapeTimeout = 2 * time.Second

// queueStates are the states of unfinished river jobs, as the queue gauge
// names them.
func queueStates() []string { return []string{"available", "scheduled", "retryable", "running"} }

// RegisterDatabase registers the pool statistics and the gauges read from
// the database at scrape time on reg.
func RegisterDatabase(reg prometheus.Registerer, src Sources) error {
	if src.Now == nil {
		src.Now = time.Now
	}
	cs := []prometheus.Collector{collectors.NewDBStatsCollector(src.Pool, "pushcheck"), newDatabaseCollector(src)}
	if src.ConsolePool != nil {
		cs = append(cs, collectors.NewDBStatsCollector(src.ConsolePool, "pushcheck_console"))
	}
	for _, c := range cs {
		if err := reg.Register(c); err != nil {
			return fmt.Errorf("metrics: register: %w", err)
		}
	}
	return nil
}

// databaseCollector reads certificates and the queue when scraped.
type databaseCollector struct {
	src                                   Sources
	expiresIn, checkOK, checkedAt, queued *prometheus.Desc
	up                                    *prometheus.Desc
}

func newDatabaseCollector(src Sources) *databaseCollector {
	cert := []string{"certificate_id", "vendor"}
	return &databaseCollector{
		src: src,
		expiresIn: prometheus.NewDesc("pushcheck_certificate_expires_in_seconds",
			"Seconds until the certificate's credentials expire (negative: expired), for certificates whose credentials carry an expiry (APNs .p12).", cert, nil),
		checkOK: prometheus.NewDesc("pushcheck_certificate_check_ok",
			"1 when the certificate's last Test connection succeeded, 0 when it failed; absent when never tested.", cert, nil),
		checkedAt: prometheus.NewDesc("pushcheck_certificate_checked_timestamp_seconds",
			"When the certificate's last Test connection ran (Unix time).", cert, nil),
		queued: prometheus.NewDesc("pushcheck_queue_jobs", "Unfinished chunk jobs of the push queue, by state.", []string{"state"}, nil),
		up: prometheus.NewDesc("pushcheck_metrics_database_up",
			"1 when this scrape read the certificates and the queue from the database, 0 when it could not (see the log).", nil, nil),
	}
}

func (c *databaseCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.expiresIn, c.checkOK, c.checkedAt, c.queued, c.up} {
		ch <- d
	}
}

func (c *databaseCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), scrapeTimeout)
	defer cancel()
	up := 1.0
	if err := c.collectCertificates(ctx, ch); err != nil {
		c.src.Log.Error("metrics: certificates", "err", err)
		up = 0
	}
	if err := c.collectQueue(ctx, ch); err != nil {
		c.src.Log.Error("metrics: queue depth", "err", err)
		up = 0
	}
	ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, up)
}

func (c *databaseCollector) collectCertificates(ctx context.Context, ch chan<- prometheus.Metric) error {
	certs, err := c.src.Certificates.CertificateHealth(ctx)
	if err != nil {
		return err
	}
	now := c.src.Now()
	for _, cert := range certs {
		labels := []string{strconv.FormatInt(cert.ID, 10), string(cert.Vendor)}
		if cert.ExpiresAt != nil {
			ch <- prometheus.MustNewConstMetric(c.expiresIn, prometheus.GaugeValue, cert.ExpiresAt.Sub(now).Seconds(), labels...)
		}
		if cert.CheckOK != nil && cert.CheckedAt != nil {
			ok := 0.0
			if *cert.CheckOK {
				ok = 1
			}
			ch <- prometheus.MustNewConstMetric(c.checkOK, prometheus.GaugeValue, ok, labels...)
			ch <- prometheus.MustNewConstMetric(c.checkedAt, prometheus.GaugeValue, float64(cert.CheckedAt.UnixMilli())/1000, labels...)
		}
	}
	return nil
}

func (c *databaseCollector) collectQueue(ctx context.Context, ch chan<- prometheus.Metric) error {
	depth, err := c.src.Queue.QueueDepth(ctx)
	if err != nil {
		return err
	}
	for _, state := range queueStates() {
		ch <- prometheus.MustNewConstMetric(c.queued, prometheus.GaugeValue, float64(depth[state]), state)
	}
	return nil
}
