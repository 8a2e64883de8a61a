// Package diagnosis is where the "why no push?" verdict is decided for a
// user's devices: the vendor-neutral checks of models, each vendor's own
// rules, and today's quotas and per-device counts.
package diagnosis

import (
	"context"
	"maps"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/vendors"
)

// Diagnoser builds the "why no push?" verdict of a user: the vendor-neutral
// checks of models, each vendor's own rules, and the quota counters.
type Diagnoser struct {
	store      *storage.Store
	registry   *vendors.Registry
	staleAfter time.Duration
}

// NewDiagnoser builds a diagnoser.
func NewDiagnoser(store *storage.Store, registry *vendors.Registry, staleAfter time.Duration) *Diagnoser {
	return &Diagnoser{store: store, registry: registry, staleAfter: staleAfter}
}

// Diagnose checks every device of a user, in four indexed reads whatever
// the number of devices: devices, their certificates, the certificates'
// counters, and the devices' deliveries today.
func (d *Diagnoser) Diagnose(ctx context.Context, appID int64, userID string, msg models.MissedMessage, now time.Time) (models.Verdict, error) {
	devices, err := d.store.DevicesOfUser(ctx, appID, userID)
	if err != nil {
		return models.Verdict{}, err
	}
	return d.DiagnoseDevices(ctx, appID, userID, devices, msg, now)
}

// DiagnoseDevices is Diagnose for a caller that has read the user's
// devices already (the user page shows them too).
func (d *Diagnoser) DiagnoseDevices(ctx context.Context, appID int64, userID string, devices []models.Device, msg models.MissedMessage, now time.Time) (models.Verdict, error) {
	verdicts, err := d.diagnose(ctx, appID, devices, msg, now)
	if err != nil {
		return models.Verdict{}, err
	}
	return models.NewVerdict(appID, userID, now, msg, verdicts), nil
}

// DiagnoseOne checks one device, for its own page.
func (d *Diagnoser) DiagnoseOne(ctx context.Context, dev models.Device, now time.Time) (models.DeviceVerdict, error) {
	verdicts, err := d.diagnose(ctx, dev.AppID, []models.Device{dev}, models.MissedMessage{}, now)
	if err != nil {
		return models.DeviceVerdict{}, err
	}
	return verdicts[0], nil
}

func (d *Diagnoser) diagnose(ctx context.Context, appID int64, devices []models.Device, msg models.MissedMessage, now time.Time) ([]models.DeviceVerdict, error) {
	pks := make([]int64, len(devices))
	for i, dev := range devices {
		pks[i] = dev.ID
	}
	// The reads run side by side, so a page waits for one round trip, not
	// four, when the database is busy. A certificate's quota day is its
	// vendor's: the quotas are read with the vendor of the devices that
	// report the certificate, and read again in the rare case the
	// certificate turns out to be another vendor's.
	reported := reportedCertificates(devices)
	var (
		certs  map[int64]models.Certificate
		quotas map[int64]models.CertificateQuota
		sent   map[int64]map[models.MessageClass]int
		limits map[int64]models.Delivery
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		certs, err = d.store.CertificatesForDiagnosis(gctx, appID, models.CertificateIDs(devices))
		return err
	})
	g.Go(func() (err error) {
		quotas, err = d.store.QuotasToday(gctx, reported, now)
		return err
	})
	// Only the Chinese vendors cap per device, and they count Beijing days.
	// Per-device limits: Beijing's day starts before UTC's, so reading from
	// it covers both; each device keeps only its own vendor's day below.
	g.Go(func() (err error) {
		sent, err = d.store.DeviceSentToday(gctx, pks, models.DayStart(models.VendorHuawei, now))
		return err
	})
	g.Go(func() (err error) {
		limits, err = d.store.DeviceLimitsToday(gctx, pks, models.DayStart(models.VendorHuawei, now))
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if again := otherVendors(certs, reported); len(again) > 0 {
		more, err := d.store.QuotasToday(ctx, again, now)
		if err != nil {
			return nil, err
		}
		maps.Copy(quotas, more)
	}
	verdicts := make([]models.DeviceVerdict, len(devices))
	for i, dev := range devices {
		in := models.DiagnosisInput{Device: dev, SentToday: sent[dev.ID], Message: msg, Now: now, StaleAfter: d.staleAfter}
		if l, ok := limits[dev.ID]; ok && !l.CreatedAt.Before(models.DayStart(dev.Vendor, now)) {
			in.DeviceLimit = &l
		}
		if dev.CertificateID != nil {
			if c, ok := certs[*dev.CertificateID]; ok {
				in.Certificate, in.Quota = &c, quotas[c.ID]
			}
		}
		verdicts[i] = d.registry.DiagnoseDevice(in)
	}
	return verdicts, nil
}

// reportedCertificates are the certificates the devices report, each with
// the vendor of the first device reporting it.
func reportedCertificates(devices []models.Device) []models.Certificate {
	var out []models.Certificate
	seen := map[int64]bool{}
	for _, dev := range devices {
		if dev.CertificateID != nil && !seen[*dev.CertificateID] {
			seen[*dev.CertificateID] = true
			out = append(out, models.Certificate{ID: *dev.CertificateID, Vendor: dev.Vendor})
		}
	}
	return out
}

// otherVendors are the certificates whose vendor is not the one their
// quotas were read with.
func otherVendors(certs map[int64]models.Certificate, reported []models.Certificate) []models.Certificate {
	var out []models.Certificate
	for _, r := range reported {
		if c, ok := certs[r.ID]; ok && c.Vendor != r.Vendor {
			out = append(out, c)
		}
	}
	return out
}
