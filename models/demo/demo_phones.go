package demo

import (
	"context"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/phones"
	"github.com/pushcheck/pushcheck/models/storage"
)

// PhoneUser is the demo user whose virtual phones close the loop: one test
// push to it shows every stage of the trace without hardware.
const PhoneUser = "phone-lab"

// demoPhones are the demo's virtual phones: a healthy one per channel, one
// that never taps and one with notifications off. They register through
// the device API when the console starts serving.
func demoPhones() []models.NewPhone {
	var out []models.NewPhone
	for _, v := range models.AllVendors() {
		out = append(out, models.NewPhone{UserID: PhoneUser, Vendor: v, Behaviour: models.BehaviourHealthy})
	}
	return append(out,
		models.NewPhone{UserID: PhoneUser, Vendor: models.VendorFCM, Behaviour: models.BehaviourNeverTaps},
		models.NewPhone{UserID: PhoneUser, Vendor: models.VendorHuawei, Behaviour: models.BehaviourNotificationsOff})
}

// seedPhones stores the demo's virtual phones on the app's sandbox
// certificates (the well-configured ones, listed first).
func seedPhones(ctx context.Context, s *storage.Store, appID int64, now time.Time) (int, error) {
	certs, err := s.CertificatesOfApp(ctx, appID)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, in := range demoPhones() {
		p, err := phones.Prepare(appID, in, certs, AdminEmail, now)
		if err != nil {
			return n, err
		}
		if _, err := s.CreatePhone(ctx, p); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
