package storage

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"golang.org/x/sync/errgroup"
	"gorm.io/gorm"
)

// CountAccepted adds one accepted message to a certificate's counter. The
// upsert increments in place, so concurrent sends (and several instances on
// one PostgreSQL) never lose a count.
func (s *Store) CountAccepted(ctx context.Context, certificateID int64, day string, class models.MessageClass) error {
	err := s.db.WithContext(ctx).Exec(`INSERT INTO quota_usage (certificate_id, day, class, sent) VALUES (?, ?, ?, 1)
		ON CONFLICT (certificate_id, day, class) DO UPDATE SET sent = quota_usage.sent + 1`, certificateID, day, class).Error
	if err != nil {
		return fmt.Errorf("store: count send on certificate %d: %w", certificateID, err)
	}
	return nil
}

// MarkOverQuota records a vendor's own over-quota answer. The first answer
// of the day is kept: it says when the quota ran out.
func (s *Store) MarkOverQuota(ctx context.Context, certificateID int64, day string, class models.MessageClass, code string, at time.Time) error {
	err := s.db.WithContext(ctx).Exec(`INSERT INTO quota_usage (certificate_id, day, class, sent, exhausted_at, exhausted_code) VALUES (?, ?, ?, 0, ?, ?)
		ON CONFLICT (certificate_id, day, class) DO UPDATE SET
			exhausted_code = CASE WHEN quota_usage.exhausted_at IS NULL THEN excluded.exhausted_code ELSE quota_usage.exhausted_code END,
			exhausted_at = COALESCE(quota_usage.exhausted_at, excluded.exhausted_at)`,
		certificateID, day, class, at.UTC(), code).Error
	if err != nil {
		return fmt.Errorf("store: mark certificate %d over quota: %w", certificateID, err)
	}
	return nil
}

type quotaUsageRow struct {
	CertificateID int64
	Day           string
	Class         models.MessageClass
	Sent          int
	ExhaustedAt   *time.Time
	ExhaustedCode string
}

type quotaLimitRow struct {
	CertificateID int64
	Class         models.MessageClass
	DailyLimit    int
}

// QuotasToday returns each certificate's counters and limits on its
// vendor's current day (Beijing time for the Chinese vendors, UTC for APNs
// and FCM). Two indexed reads, whatever the number of certificates.
func (s *Store) QuotasToday(ctx context.Context, certs []models.Certificate, now time.Time) (map[int64]models.CertificateQuota, error) {
	out := map[int64]models.CertificateQuota{}
	if len(certs) == 0 {
		return out, nil
	}
	ids := make([]int64, 0, len(certs))
	days := map[string]bool{}
	for _, c := range certs {
		ids = append(ids, c.ID)
		day := models.QuotaDay(c.Vendor, now)
		days[day] = true
		out[c.ID] = models.CertificateQuota{CertificateID: c.ID, Day: day}
	}
	dayList := make([]string, 0, len(days))
	for d := range days {
		dayList = append(dayList, d)
	}
	// The counters and the limits are read side by side: pages wait for
	// this when the database is busiest.
	var (
		usage  []quotaUsageRow
		limits []quotaLimitRow
		g      errgroup.Group
	)
	g.Go(func() error {
		if err := s.db.WithContext(ctx).Table("quota_usage").Where("certificate_id IN ? AND day IN ?", ids, dayList).Find(&usage).Error; err != nil {
			return fmt.Errorf("store: quota usage: %w", err)
		}
		return nil
	})
	g.Go(func() error {
		if err := s.db.WithContext(ctx).Table("certificate_quotas").Where("certificate_id IN ?", ids).Find(&limits).Error; err != nil {
			return fmt.Errorf("store: quota limits: %w", err)
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for _, u := range usage {
		q := out[u.CertificateID]
		if u.Day != q.Day {
			continue
		}
		q.Classes = append(q.Classes, models.QuotaUsage{CertificateID: u.CertificateID, Day: u.Day, Class: u.Class, Sent: u.Sent, ExhaustedAt: u.ExhaustedAt, ExhaustedCode: u.ExhaustedCode})
		out[u.CertificateID] = q
	}
	for _, l := range limits {
		q := out[l.CertificateID]
		limit := l.DailyLimit
		found := false
		for i := range q.Classes {
			if q.Classes[i].Class == l.Class {
				q.Classes[i].Limit, found = &limit, true
			}
		}
		if !found {
			q.Classes = append(q.Classes, models.QuotaUsage{CertificateID: l.CertificateID, Day: q.Day, Class: l.Class, Limit: &limit})
		}
		out[l.CertificateID] = q
	}
	for id, q := range out {
		sortQuotaClasses(q.Classes)
		out[id] = q
	}
	return out, nil
}

func sortQuotaClasses(us []models.QuotaUsage) {
	slices.SortFunc(us, func(a, b models.QuotaUsage) int {
		return slices.Index(models.AllMessageClasses(), a.Class) - slices.Index(models.AllMessageClasses(), b.Class)
	})
}

// SetQuotaLimits stores the daily limits of an app's certificate, per
// class, as its vendor console shows them; nil removes one. All or none are
// stored.
func (s *Store) SetQuotaLimits(ctx context.Context, appID, certificateID int64, limits map[models.MessageClass]*int, by string, now time.Time) error {
	for class, limit := range limits {
		if !class.Valid() {
			return models.Invalid("class", "class must be one of service, marketing, default, test, standard")
		}
		if limit != nil && (*limit < 1 || *limit > 1_000_000_000) {
			return models.Invalid("quotas."+string(class), "a daily quota is a whole number from 1 to 1,000,000,000")
		}
	}
	if _, err := s.CertificateByID(ctx, appID, certificateID); err != nil {
		return err
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		for class, limit := range limits {
			var err error
			if limit == nil {
				err = tx.Exec(`DELETE FROM certificate_quotas WHERE certificate_id = ? AND class = ?`, certificateID, class).Error
			} else {
				err = tx.Exec(`INSERT INTO certificate_quotas (certificate_id, class, daily_limit, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
					ON CONFLICT (certificate_id, class) DO UPDATE SET daily_limit = excluded.daily_limit, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
					certificateID, class, *limit, by, now.UTC()).Error
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: set quotas of certificate %d: %w", certificateID, err)
	}
	return nil
}

type deviceClassCount struct {
	DevicePK int64 `gorm:"column:device_pk"`
	Class    models.MessageClass
	N        int
}

// DeviceSentToday counts the messages vendors accepted for each device
// since the start of the day, by class: one grouped read on the
// (device_pk, created_at) index.
func (s *Store) DeviceSentToday(ctx context.Context, devicePKs []int64, since time.Time) (map[int64]map[models.MessageClass]int, error) {
	out := map[int64]map[models.MessageClass]int{}
	if len(devicePKs) == 0 {
		return out, nil
	}
	var rows []deviceClassCount
	err := s.db.WithContext(ctx).Table("deliveries").Select("device_pk, class, COUNT(*) AS n").
		Where("device_pk IN ? AND created_at >= ? AND status = ?", devicePKs, since.UTC(), models.DeliveryAccepted).
		Group("device_pk, class").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: deliveries today: %w", err)
	}
	for _, r := range rows {
		if out[r.DevicePK] == nil {
			out[r.DevicePK] = map[models.MessageClass]int{}
		}
		out[r.DevicePK][r.Class] = r.N
	}
	return out, nil
}

// DeviceLimitsToday finds, for each device, the latest delivery since the
// start of the day whose vendor answer was a per-device limit: one read on
// the (device_pk, created_at) index.
func (s *Store) DeviceLimitsToday(ctx context.Context, devicePKs []int64, since time.Time) (map[int64]models.Delivery, error) {
	out := map[int64]models.Delivery{}
	if len(devicePKs) == 0 {
		return out, nil
	}
	var rows []models.Delivery
	err := s.db.WithContext(ctx).Select("id, device_pk, vendor, code, explanation, kind, created_at").
		Where("device_pk IN ? AND created_at >= ? AND kind = ?", devicePKs, since.UTC(), models.AnswerDeviceLimit).
		Order("created_at").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: device limits today: %w", err)
	}
	for _, d := range rows {
		out[d.DevicePK] = d
	}
	return out, nil
}
