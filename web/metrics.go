package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/pushcheck/pushcheck/models/metrics"
)

// metricsListener is PUSHCHECK_METRICS_ADDR: /metrics alone, without a
// token, for a scraper or sidecar that only the network lets in (bind it
// to 127.0.0.1 or a private interface).
type metricsListener struct {
	ln   net.Listener
	http *http.Server
	done chan struct{}
}

// listenMetrics opens the address at start, so that a taken port stops
// the server before it serves anything.
func listenMetrics(addr string) (*metricsListener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("PUSHCHECK_METRICS_ADDR: listen on %s: %w", addr, err)
	}
	return &metricsListener{ln: ln, done: make(chan struct{})}, nil
}

// metricsServer serves h at /metrics and nothing else.
func metricsServer(h http.Handler, log *slog.Logger) *http.Server {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", h)
	return &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout:      30 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

func (m *metricsListener) start(log *slog.Logger) {
	log.Info("serving metrics", "addr", m.ln.Addr().String())
	go func() {
		defer close(m.done)
		// A failing metrics address is logged, not fatal: the console
		// itself still works.
		if err := m.http.Serve(m.ln); !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics address stopped", "err", err)
		}
	}()
}

// stop lets a scrape in progress finish for a few seconds.
func (m *metricsListener) stop(log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := m.http.Shutdown(ctx); err != nil {
		log.Error("metrics address shutdown", "err", err)
	}
	<-m.done
}

// registerDatabaseMetrics adds the pool statistics, the certificates'
// expiry and health and the queue depth, read at scrape time.
func (s *server) registerDatabaseMetrics(reg *prometheus.Registry) error {
	pool, err := s.store.SQLDB()
	if err != nil {
		return err
	}
	return metrics.RegisterDatabase(reg, metrics.Sources{Pool: pool, ConsolePool: s.store.ConsolePool(), Certificates: s.store, Queue: s.sender, Log: s.log})
}
