package sending

import (
	"context"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// countQuota counts an accepted message against its certificate's day and
// class, and records the vendor's own daily-quota answer with its time.
// Only that kind marks the certificate: a per-device limit, a rate or an
// outage says nothing about the next device. A dry run uses no quota.
func (d *Dispatcher) countQuota(ctx context.Context, cert models.Certificate, dl models.Delivery, r vendors.Result, dryRun bool) error {
	if dryRun {
		return nil
	}
	now := time.Now()
	day := models.QuotaDay(cert.Vendor, now)
	switch {
	case r.Outcome == vendors.Accepted:
		return d.store.CountAccepted(ctx, cert.ID, day, dl.Class)
	case r.Kind == models.AnswerDailyQuota:
		return d.store.MarkOverQuota(ctx, cert.ID, day, dl.Class, r.Code, now)
	}
	return nil
}
