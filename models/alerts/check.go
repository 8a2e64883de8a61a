package alerts

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// Report is what one run of the check did.
type Report struct {
	// Rechecked counts the production certificates whose Test connection
	// this run repeated (zero when another instance had the day's round).
	Rechecked int
	// New are the alerts this run was the first to find, by app.
	New []models.CertificateAlert
}

// Run is one check at now: the daily Test connection round if this
// instance wins it, then every certificate alert not yet sent, posted per
// app. A webhook that fails is logged and shown on the app's settings
// page; it does not fail the run.
func (s *Service) Run(ctx context.Context, now time.Time) (Report, error) {
	var r Report
	var errs []error
	if s.checkerOf != nil {
		n, err := s.recheck(ctx, now)
		r.Rechecked = n
		// The expiry alerts do not depend on the round: go on.
		errs = append(errs, err)
	}
	if _, err := s.store.ForgetPassedCheckAlerts(ctx); err != nil {
		return r, errors.Join(append(errs, err)...)
	}
	current, err := s.Current(ctx, now)
	if err != nil {
		return r, errors.Join(append(errs, err)...)
	}
	for _, a := range current {
		kind, subject := a.Key()
		first, err := s.store.RecordAlert(ctx, a.Certificate.ID, kind, subject, now)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if first {
			r.New = append(r.New, a)
		}
	}
	for _, batch := range byApp(r.New) {
		s.notify(ctx, batch, now)
	}
	return r, errors.Join(errs...)
}

// byApp splits alerts into one batch per app, in order.
func byApp(alerts []models.CertificateAlert) [][]models.CertificateAlert {
	var out [][]models.CertificateAlert
	index := map[int64]int{}
	for _, a := range alerts {
		i, ok := index[a.Certificate.AppID]
		if !ok {
			i = len(out)
			index[a.Certificate.AppID] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], a)
	}
	return out
}

// notify posts one app's new alerts as one message, when the app has a
// webhook.
func (s *Service) notify(ctx context.Context, batch []models.CertificateAlert, now time.Time) {
	appID := batch[0].Certificate.AppID
	app, err := s.store.AppByID(ctx, appID)
	if err != nil {
		s.log.ErrorContext(ctx, "alerts: app of new alerts", "app_id", appID, "err", err)
		return
	}
	w, err := s.store.WebhookOfApp(ctx, appID)
	if models.ErrorCode(err) == models.CodeNotFound {
		return // the banner and the home page still show them
	}
	if err != nil {
		s.log.ErrorContext(ctx, "alerts: webhook", "app_id", appID, "err", err)
		return
	}
	d, err := s.deliver(ctx, w, alertMessage(s.say(w.Kind), app, batch, s.consoleURL, now))
	if err != nil {
		s.log.ErrorContext(ctx, "alerts: webhook not posted", "app_id", appID, "alerts", len(batch), "err", err)
		return
	}
	if !d.OK {
		s.log.WarnContext(ctx, "alerts: webhook refused the alerts", "app_id", appID, "kind", w.Kind, "alerts", len(batch), "reason", d.Message)
		return
	}
	s.log.InfoContext(ctx, "alerts: posted", "app_id", appID, "kind", w.Kind, "alerts", len(batch))
}

// recheck repeats Test connection for every production certificate, once
// a day among all instances. The checks notify nobody: each vendor's
// proves the credentials with a validate-only call or a send to a token
// no device has (vendors.ProbeToken).
func (s *Service) recheck(ctx context.Context, now time.Time) (int, error) {
	won, err := s.store.ClaimDailyRun(ctx, recheckJob, now, recheckEvery)
	if err != nil || !won {
		return 0, err
	}
	certs, err := s.store.ProductionCertificates(ctx)
	if err != nil {
		return 0, err
	}
	var errs []error
	n := 0
	for _, c := range certs {
		if ctx.Err() != nil {
			break // shutting down: the next round starts over
		}
		if err := s.testConnection(ctx, c, now); err != nil {
			errs = append(errs, err)
			continue
		}
		n++
	}
	return n, errors.Join(errs...)
}

// recheckActor is who the audit log names for the daily round.
const recheckActor = "pushcheck (daily check)"

func (s *Service) testConnection(ctx context.Context, c models.Certificate, now time.Time) error {
	checker, err := s.checkerOf(c.Vendor)
	if err != nil {
		return err
	}
	secrets, err := s.sealer.OpenCertificateSecrets(c)
	if err != nil {
		return err
	}
	result := checker.Check(ctx, c, secrets)
	if err := s.store.RecordCertificateCheck(ctx, c.AppID, c.ID, result.OK, result.Message, now); err != nil {
		return fmt.Errorf("alerts: record the check of certificate %d: %w", c.ID, err)
	}
	outcome := "passed: " + result.Message
	if !result.OK {
		outcome = "failed: " + result.Message
	}
	return s.store.Audit(ctx, models.AuditEntry{At: now, AppID: &c.AppID, Actor: recheckActor, Action: models.AuditCertificateCheck,
		Target: "#" + strconv.FormatInt(c.ID, 10), Detail: string(c.Vendor) + " " + c.Name, Outcome: outcome})
}
