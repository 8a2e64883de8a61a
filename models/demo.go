package models

import (
	"context"
	"fmt"
	"time"
)

// The demo's fixed credentials, printed at start and used by the README's
// curl examples. They exist only in a database seeded with --demo.
const (
	DemoAdminEmail    = "admin@demo.local"
	DemoAdminPassword = "pushcheck-demo"
	DemoAPIKey        = PrefixAPIKey + "demo_local_only_0123456789abcdef"
	DemoOperatorToken = PrefixOperatorToken + "demo_local_only_0123456789abcdef"
	DemoAppName       = "Demo IM"
)

// DemoSeed reports what SeedDemo created.
type DemoSeed struct {
	App     App
	Seeded  bool // false when the database already held data
	Admin   bool // the demo admin exists with its demo password
	Devices int
	Unknown int64            // the certificate ID no certificate has
	Vendors map[Vendor]int64 // the sandbox certificate of each vendor
	// Misconfigured are the certificates set up wrong on purpose.
	Misconfigured []int64
	APIKey        string
	APIToken      string
}

// demoUnknownCertificate is reported by one demo device and exists nowhere.
const demoUnknownCertificate = 99999

// SeedDemo fills an empty database with a demo app whose users' devices show
// every interesting state. On a database that already has apps it changes
// nothing and reports the demo app if there is one.
// DemoCertificates creates the demo app's certificates (through the vendor
// checks, which live outside this package) and returns their IDs.
type DemoCertificates func(ctx context.Context, appID int64) (DemoCertificateIDs, error)

// DemoCertificateIDs are the certificate IDs demo devices report.
type DemoCertificateIDs struct {
	ByVendor map[Vendor]int64
	// OPPONoChannel is an OPPO certificate without a default channel ID.
	OPPONoChannel int64
	// XiaomiNoChannel is a Xiaomi certificate without a default channel ID.
	XiaomiNoChannel int64
	// VivoUnpublished is the vivo certificate of an app not yet on the
	// vivo store.
	VivoUnpublished int64
}

func (s *Store) SeedDemo(ctx context.Context, now time.Time, certificates DemoCertificates) (DemoSeed, error) {
	seed := DemoSeed{APIKey: DemoAPIKey, APIToken: DemoOperatorToken}
	apps, err := s.Apps(ctx)
	if err != nil {
		return seed, err
	}
	if len(apps) > 0 {
		seed.App = apps[0]
		op, err := s.OperatorByEmail(ctx, DemoAdminEmail)
		switch {
		case err == nil:
			seed.Admin = !op.Disabled && CheckPassword(op.PasswordHash, DemoAdminPassword)
		case !IsNotFound(err):
			return seed, err
		}
		return seed, nil
	}
	if err := s.seedDemo(ctx, now, certificates, &seed); err != nil {
		return seed, fmt.Errorf("store: seed demo: %w", err)
	}
	seed.Seeded = true
	return seed, nil
}

func (s *Store) seedDemo(ctx context.Context, now time.Time, certificates DemoCertificates, seed *DemoSeed) error {
	app, err := s.CreateApp(ctx, DemoAppName)
	if err != nil {
		return err
	}
	seed.App = app
	key := APIKey{AppID: app.ID, Label: "demo key", Prefix: secretHint(DemoAPIKey), Hash: hashSecret(DemoAPIKey), CreatedAt: now}
	if err := s.db.WithContext(ctx).Create(&key).Error; err != nil {
		return err
	}
	admin, err := s.CreateOperator(ctx, NewOperator{Email: DemoAdminEmail, Name: "Demo Admin", Password: DemoAdminPassword, Role: RoleAdmin})
	if err != nil && ErrorCode(err) != CodeConflict {
		return err
	}
	if err == nil {
		seed.Admin = true
		tok := OperatorToken{OperatorID: admin.ID, Name: "demo token", Prefix: secretHint(DemoOperatorToken), Hash: hashSecret(DemoOperatorToken), CreatedAt: now}
		if err := s.db.WithContext(ctx).Create(&tok).Error; err != nil {
			return err
		}
	}
	certs, err := certificates(ctx, app.ID)
	if err != nil {
		return fmt.Errorf("certificates: %w", err)
	}
	seed.Vendors = certs.ByVendor
	seed.Misconfigured = []int64{certs.OPPONoChannel, certs.XiaomiNoChannel, certs.VivoUnpublished}
	for _, d := range demoDevices(certs) {
		if err := s.playDemoDevice(ctx, app.ID, d, now); err != nil {
			return fmt.Errorf("device %s: %w", d.id, err)
		}
		seed.Devices++
	}
	return nil
}

// demoDevice is a device's scripted history: registered some time ago,
// then a list of reports, each at an offset before now.
type demoDevice struct {
	id      string
	reg     Registration
	ago     time.Duration // registration time before now
	reports []demoReport
	// deadToken is the vendor answer that killed the token, if any.
	deadToken string
}

type demoReport struct {
	ago    time.Duration
	state  State // foreground/background, or logged_out/kicked
	unread int
	moveTo string // re-register under another user
}

func (s *Store) playDemoDevice(ctx context.Context, appID int64, d demoDevice, now time.Time) error {
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
		case r.state == StateLoggedOut || r.state == StateKicked:
			reason := "logout"
			if r.state == StateKicked {
				reason = "kicked"
			}
			_, err = s.LogoutDevice(ctx, appID, d.id, LogoutReport{Reason: reason}, at)
		default:
			unread := r.unread
			_, err = s.ReportState(ctx, appID, d.id, StateReport{State: r.state, Unread: &unread}, at)
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
