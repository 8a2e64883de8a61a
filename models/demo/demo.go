// Package demo seeds the demo app: sandbox certificates for every vendor
// and a dozen users whose devices show every state a support engineer
// meets.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/secrets"
	"github.com/pushcheck/pushcheck/models/storage"
)

// The demo's fixed credentials, printed at start and used by the README's
// curl examples. They exist only in a database seeded with --demo.
const (
	AdminEmail    = "admin@demo.local"
	AdminPassword = "pushcheck-demo"
	APIKey        = models.PrefixAPIKey + "demo_local_only_0123456789abcdef"
	OperatorToken = models.PrefixOperatorToken + "demo_local_only_0123456789abcdef"
	AppName       = "Demo IM"
)

// Summary reports what Seed created.
type Summary struct {
	App     models.App
	Seeded  bool // false when the database already held data
	Admin   bool // the demo admin exists with its demo password
	Devices int
	// Phones are the virtual phones of PhoneUser.
	Phones  int
	Unknown int64                   // the certificate ID no certificate has
	Vendors map[models.Vendor]int64 // the sandbox certificate of each vendor
	// Misconfigured are the certificates set up wrong on purpose.
	Misconfigured []int64
	APIKey        string
	APIToken      string
}

// unknownCertificate is reported by one demo device and exists nowhere.
const unknownCertificate = 99999

// Certificates creates the demo app's certificates (through the vendor
// checks, which live outside this package) and returns their IDs.
type Certificates func(ctx context.Context, appID int64) (CertificateIDs, error)

// CertificateIDs are the certificate IDs demo devices report.
type CertificateIDs struct {
	ByVendor map[models.Vendor]int64
	// OPPONoChannel is an OPPO certificate without a default channel ID.
	OPPONoChannel int64
	// XiaomiNoChannel is a Xiaomi certificate without a default channel ID.
	XiaomiNoChannel int64
	// VivoUnpublished is the vivo certificate of an app not yet on the
	// vivo store.
	VivoUnpublished int64
}

// Seed fills an empty database with a demo app whose users' devices show
// every interesting state. On a database that already has apps it changes
// nothing and reports the demo app if there is one.
func Seed(ctx context.Context, s *storage.Store, now time.Time, certificates Certificates) (Summary, error) {
	seed := Summary{APIKey: APIKey, APIToken: OperatorToken}
	apps, err := s.Apps(ctx)
	if err != nil {
		return seed, err
	}
	if len(apps) > 0 {
		seed.App = apps[0]
		op, err := s.OperatorByEmail(ctx, AdminEmail)
		switch {
		case err == nil:
			seed.Admin = !op.Disabled && secrets.CheckPassword(op.PasswordHash, AdminPassword)
		case !models.IsNotFound(err):
			return seed, err
		}
		return seed, nil
	}
	if err := fill(ctx, s, now, certificates, &seed); err != nil {
		return seed, fmt.Errorf("demo: seed: %w", err)
	}
	seed.Seeded = true
	return seed, nil
}

// fill creates the demo app, its key, admin, certificates and devices.
func fill(ctx context.Context, s *storage.Store, now time.Time, certificates Certificates, seed *Summary) error {
	app, err := s.CreateApp(ctx, AppName)
	if err != nil {
		return err
	}
	seed.App = app
	key := models.APIKey{AppID: app.ID, Label: "demo key", Prefix: secrets.TokenHint(APIKey), Hash: secrets.HashToken(APIKey), CreatedAt: now}
	if err := s.AddAPIKey(ctx, key); err != nil {
		return err
	}
	admin, err := s.CreateOperator(ctx, models.NewOperator{Email: AdminEmail, Name: "Demo Admin", Password: AdminPassword, Role: models.RoleAdmin})
	if err != nil && models.ErrorCode(err) != models.CodeConflict {
		return err
	}
	if err == nil {
		seed.Admin = true
		tok := models.OperatorToken{OperatorID: admin.ID, Name: "demo token", Prefix: secrets.TokenHint(OperatorToken), Hash: secrets.HashToken(OperatorToken), CreatedAt: now}
		if err := s.AddOperatorToken(ctx, tok); err != nil {
			return err
		}
	}
	certs, err := certificates(ctx, app.ID)
	if err != nil {
		return fmt.Errorf("certificates: %w", err)
	}
	seed.Vendors = certs.ByVendor
	seed.Misconfigured = []int64{certs.OPPONoChannel, certs.XiaomiNoChannel, certs.VivoUnpublished}
	for _, d := range cast(certs) {
		if err := play(ctx, s, app.ID, d, now); err != nil {
			return fmt.Errorf("device %s: %w", d.id, err)
		}
		seed.Devices++
	}
	if seed.Phones, err = seedPhones(ctx, s, app.ID, now); err != nil {
		return fmt.Errorf("virtual phones: %w", err)
	}
	return nil
}

// scriptedDevice is a device's scripted history: registered some time ago,
// then a list of reports, each at an offset before now.
type scriptedDevice struct {
	id      string
	reg     models.Registration
	ago     time.Duration // registration time before now
	reports []scriptedReport
	// deadToken is the vendor answer that killed the token, if any.
	deadToken string
}

type scriptedReport struct {
	ago    time.Duration
	state  models.State // foreground/background, or logged_out/kicked
	unread int
	moveTo string // re-register under another user
}

// play registers a scripted device and replays its reports in order.
func play(ctx context.Context, s *storage.Store, appID int64, d scriptedDevice, now time.Time) error {
	if _, err := s.RegisterDevice(ctx, appID, d.id, d.reg, now.Add(-d.ago)); err != nil {
		return err
	}
	for _, r := range d.reports {
		at := now.Add(-r.ago)
		var err error
		switch {
		case r.moveTo != "":
			reg := d.reg
			reg.UserID = r.moveTo
			_, err = s.RegisterDevice(ctx, appID, d.id, reg, at)
		case r.state == models.StateLoggedOut || r.state == models.StateKicked:
			reason := "logout"
			if r.state == models.StateKicked {
				reason = "kicked"
			}
			_, err = s.LogoutDevice(ctx, appID, d.id, models.LogoutReport{Reason: reason}, at)
		default:
			unread := r.unread
			_, err = s.ReportState(ctx, appID, d.id, models.StateReport{State: r.state, Unread: &unread}, at)
		}
		if err != nil {
			return err
		}
	}
	if d.deadToken != "" {
		return s.MarkTokenDead(ctx, appID, d.id, d.deadToken, now.Add(-2*time.Hour))
	}
	return nil
}
