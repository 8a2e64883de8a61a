package sending

import (
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// quotaCount is what one answer adds to its certificate's day and class:
// an accepted message, or the vendor's own daily-quota answer with its
// time. Only that kind marks the certificate: a per-device limit, a rate
// or an outage says nothing about the next device.
func quotaCount(cert models.Certificate, dl models.Delivery, r vendors.Result, now time.Time) (models.QuotaCount, bool) {
	q := models.QuotaCount{CertificateID: cert.ID, Day: models.QuotaDay(cert.Vendor, now), Class: dl.Class}
	switch {
	case r.Outcome == vendors.Accepted:
		q.Accepted = 1
		return q, true
	case r.Kind == models.AnswerDailyQuota:
		q.ExhaustedAt, q.ExhaustedCode = &now, r.Code
		return q, true
	}
	return q, false
}
