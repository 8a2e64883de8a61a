package main

import (
	"context"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/alerts"
	"github.com/pushcheck/pushcheck/models/i18n"
	"github.com/pushcheck/pushcheck/vendors"
)

// newAlerts builds the certificate alerts: webhooks are posted through the
// vendor client factory (its proxy, resolve map and timeouts), and the
// daily Test connection uses the vendors' own checks; each post is in its
// platform's language.
func (s *server) newAlerts(factory *vendors.ClientFactory, messages *i18n.Catalog) *alerts.Service {
	return alerts.New(s.store, s.sealer, alerts.Options{
		Client:     factory.Client(nil),
		CheckerOf:  func(v models.Vendor) (vendors.Checker, error) { return s.registry.Channel(v) },
		ConsoleURL: s.url,
		Messages:   messages,
		Log:        s.log,
	})
}

// checkCertificates runs the alert check now and then every day until ctx
// ends or the returned stop is called; stop waits for a run in progress
// to end, so the database is not closed under it. Several instances each
// run it: the alerts already sent and the daily Test connection round are
// claimed in the database, so nothing is sent or called twice.
func (s *server) checkCertificates(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(alerts.CheckEvery)
		defer tick.Stop()
		for {
			r, err := s.alerts.Run(ctx, time.Now().UTC())
			if err != nil && ctx.Err() == nil {
				s.log.Error("alerts: certificate check", "err", err)
			}
			if len(r.New) > 0 || r.Rechecked > 0 {
				s.log.Info("alerts: certificate check", "new_alerts", len(r.New), "rechecked", r.Rechecked)
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		cancel()
		<-done
	}
}
