// Package metrics is pushcheck's Prometheus instrumentation, the one
// package that imports client_golang: the counters and histograms the
// services and handlers bump where things happen, the gauges read from the
// database at scrape time, and the /metrics handler. The registry is made
// by web/ and passed in; nothing here is global.
//
// Labels stay few and bounded: vendors, statuses, stages, answer kinds, the
// vendor's own answer code (each vendor's table is finite; see codeLabels),
// certificate IDs (a few per app). Never a user, device, token or push.
package metrics

import (
	"fmt"
	"runtime"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/pushcheck/pushcheck/models"
)

// Metrics counts what happens in one process. A nil *Metrics counts
// nothing, so a service built without it (a command, a test that does
// not look) needs no stand-in.
type Metrics struct {
	pushes           *prometheus.CounterVec
	deliveries       *prometheus.CounterVec
	vendorCalls      *prometheus.HistogramVec
	receiptCallbacks *prometheus.CounterVec
	receipts         *prometheus.CounterVec
	receiptMatches   *prometheus.CounterVec
	acks             *prometheus.CounterVec
	deviceReports    *prometheus.CounterVec
	rateLimited      *prometheus.CounterVec
	codes            *codeLabels
}

// vendorCallBuckets span a sandbox answer (milliseconds) to the default
// vendor call timeout (PUSHCHECK_VENDOR_TIMEOUT, 15 s).
func vendorCallBuckets() []float64 {
	return []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 15, 30}
}

// New registers the event metrics, the Go runtime and process collectors
// and the build information on reg.
func New(reg prometheus.Registerer, version string) (*Metrics, error) {
	counter := func(name, help string, labels ...string) *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels)
	}
	m := &Metrics{
		pushes: counter("pushcheck_test_pushes_total", "Test pushes sent (replays included), by whether they were dry runs.", "dry_run"),
		deliveries: counter("pushcheck_deliveries_total",
			"Deliveries finished, by vendor, status, answer kind and the vendor's answer code (other: a code no table explains).",
			"vendor", "status", "kind", "code"),
		vendorCalls: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "pushcheck_vendor_call_duration_seconds",
			Help: "Time of one vendor send call, token exchange included, by vendor.", Buckets: vendorCallBuckets()}, []string{"vendor"}),
		receiptCallbacks: counter("pushcheck_receipt_callbacks_total", "Vendor receipt callbacks, by vendor and outcome (ok, or the error code they were refused with).", "vendor", "outcome"),
		receipts:         counter("pushcheck_receipts_total", "Receipt items taken from accepted callbacks, by vendor and stage.", "vendor", "stage"),
		receiptMatches:   counter("pushcheck_receipt_matches_total", "Receipt items by vendor and whether they matched a delivery (matched, unmatched, duplicate).", "vendor", "result"),
		acks:             counter("pushcheck_acks_total", "Device acks recorded, by vendor and stage.", "vendor", "stage"),
		deviceReports:    counter("pushcheck_device_reports_total", "Device API requests by kind (register, state, logout, delete, ack) and outcome (ok, or the error code they were refused with).", "kind", "outcome"),
		rateLimited:      counter("pushcheck_rate_limited_total", "Requests refused with 429 by a rate limit, by surface (device, receipt, signin) and the limit's key (key, address, cert).", "surface", "limit"),
		codes:            newCodeLabels(),
	}
	buildInfo := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "pushcheck_build_info", Help: "Always 1; the labels tell the running build."}, []string{"version", "go_version"})
	buildInfo.WithLabelValues(version, runtime.Version()).Set(1)
	for _, c := range []prometheus.Collector{m.pushes, m.deliveries, m.vendorCalls, m.receiptCallbacks, m.receipts, m.receiptMatches, m.acks,
		m.deviceReports, m.rateLimited, buildInfo, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("metrics: register: %w", err)
		}
	}
	m.zero()
	return m, nil
}

// deviceReportKinds are the device API's requests, as the kind label
// names them.
func deviceReportKinds() []string { return []string{"register", "state", "logout", "delete", "ack"} }

// zero creates the series a dashboard rates from the first scrape on, so
// that the first event is an increase from 0 rather than a new series.
func (m *Metrics) zero() {
	for _, dry := range []bool{false, true} {
		m.pushes.WithLabelValues(strconv.FormatBool(dry))
	}
	for _, kind := range deviceReportKinds() {
		m.deviceReports.WithLabelValues(kind, "ok")
	}
	for _, v := range models.AllVendors() {
		m.vendorCalls.WithLabelValues(string(v))
	}
}

// PushSent counts a test push recorded and queued.
func (m *Metrics) PushSent(dryRun bool) {
	if m == nil {
		return
	}
	m.pushes.WithLabelValues(strconv.FormatBool(dryRun)).Inc()
}

// DeliveriesFinished counts deliveries that got their ending: the
// vendor's answer, a skip, an interruption. Those still sending are not
// counted.
func (m *Metrics) DeliveriesFinished(ds []models.Delivery) {
	if m == nil {
		return
	}
	for _, d := range ds {
		if d.Status == models.DeliverySending {
			continue
		}
		kind := string(d.Kind)
		if kind == "" {
			kind = "none" // skipped and interrupted deliveries have no vendor answer
		}
		m.deliveries.WithLabelValues(string(d.Vendor), string(d.Status), kind, m.codes.label(d.Vendor, d.Kind, d.Code)).Inc()
	}
}

// VendorCall observes one vendor call's duration.
func (m *Metrics) VendorCall(v models.Vendor, took time.Duration) {
	if m == nil {
		return
	}
	m.vendorCalls.WithLabelValues(string(v)).Observe(took.Seconds())
}

// ReceiptCallback counts one receipt callback: outcome is "ok" or the
// error code it was refused with. The vendor comes from the URL, so a
// name that is no vendor counts as "other".
func (m *Metrics) ReceiptCallback(v models.Vendor, outcome string) {
	if m == nil {
		return
	}
	m.receiptCallbacks.WithLabelValues(vendorLabel(v), outcome).Inc()
}

// ReceiptsTaken counts the items of an accepted callback by stage, and
// how many matched a delivery.
func (m *Metrics) ReceiptsTaken(v models.Vendor, items []models.ReceiptItem, tally models.ReceiptTally) {
	if m == nil {
		return
	}
	for _, it := range items {
		m.receipts.WithLabelValues(string(v), stageLabel(it.Stage)).Inc()
	}
	for result, n := range map[string]int{"matched": tally.Matched, "unmatched": tally.Unmatched, "duplicate": tally.Duplicates} {
		if n > 0 {
			m.receiptMatches.WithLabelValues(string(v), result).Add(float64(n))
		}
	}
}

// Acked counts a device ack recorded on a delivery of vendor v.
func (m *Metrics) Acked(v models.Vendor, stage models.Stage) {
	if m == nil {
		return
	}
	m.acks.WithLabelValues(string(v), stageLabel(stage)).Inc()
}

// DeviceReport counts one device API request of kind (deviceReportKinds)
// with its outcome: "ok", or the error code it was refused with.
func (m *Metrics) DeviceReport(kind, outcome string) {
	if m == nil {
		return
	}
	m.deviceReports.WithLabelValues(kind, outcome).Inc()
}

// RateLimited counts a request refused by the limit keyed by limit on
// surface.
func (m *Metrics) RateLimited(surface, limit string) {
	if m == nil {
		return
	}
	m.rateLimited.WithLabelValues(surface, limit).Inc()
}
