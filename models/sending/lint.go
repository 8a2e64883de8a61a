package sending

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// lintDeliveryID stands in for a delivery ID while linting, with the same
// length as models.NewDeliveryID, so payload sizes come out as sent.
const lintDeliveryID = "dlv_xxxxxxxxxxxxxxxxxxxxxxxxxx"

// Lint checks a push request against every targeted device's vendor before
// anything is sent. It reads the request as composed: an empty desc is
// flagged before it gets the default.
func (d *Dispatcher) Lint(ctx context.Context, app models.App, op models.Operator, raw models.PushRequest) (models.Lint, error) {
	req, err := raw.Normalize(op.DisplayName())
	if err != nil {
		return models.Lint{}, err
	}
	devices, _, err := d.targets(ctx, app.ID, req.Target)
	if err != nil {
		return models.Lint{}, err
	}
	certs, err := d.store.CertificatesForDiagnosis(ctx, app.ID, models.CertificateIDs(devices))
	if err != nil {
		return models.Lint{}, err
	}
	return d.lint(ctx, raw, req, devices, certs, time.Now())
}

func (d *Dispatcher) lint(ctx context.Context, raw, req models.PushRequest, devices []models.Device, certs map[int64]models.Certificate, now time.Time) (models.Lint, error) {
	out := models.Lint{Message: messageLint(raw)}
	quotas, err := d.store.QuotasToday(ctx, slices.Collect(maps.Values(certs)), now)
	if err != nil {
		return models.Lint{}, err
	}
	// One finding list per certificate. A certificate's message is linted
	// for its devices' platform when they share one (FCM sends browsers
	// another block than phones), else platform-neutral.
	type certDevices struct {
		cert      models.Certificate
		devices   []string
		platforms map[models.Platform]bool
	}
	var order []int64
	byCert := map[int64]*certDevices{}
	for _, dev := range devices {
		if dev.CertificateID == nil {
			continue
		}
		c, ok := certs[*dev.CertificateID]
		if !ok || c.Vendor != dev.Vendor {
			continue
		}
		g, seen := byCert[c.ID]
		if !seen {
			g = &certDevices{cert: c, platforms: map[models.Platform]bool{}}
			byCert[c.ID] = g
			order = append(order, c.ID)
		}
		g.devices = append(g.devices, dev.DeviceID)
		g.platforms[dev.Platform] = true
	}
	for _, id := range order {
		g := byCert[id]
		c := g.cert
		ch, err := d.registry.Channel(c.Vendor)
		if err != nil {
			return models.Lint{}, err
		}
		msg := vendorMessage(req, lintDeliveryID)
		if len(g.platforms) == 1 {
			for p := range g.platforms {
				msg.Platform = p
			}
		}
		class := ch.Class(msg, c)
		t := models.TargetLint{Vendor: c.Vendor, CertificateID: c.ID, CertificateName: c.Name, Devices: g.devices,
			Class: class, Quota: quotas[c.ID].Of(class), Warnings: ch.Lint(msg, c, now)}
		t.Warnings = append(t.Warnings, quotaLint(c, t.Quota)...)
		out.Targets = append(out.Targets, t)
	}
	return out, nil
}

// messageLint is what every vendor shares: an ext the app cannot parse and
// the default desc an empty one gets.
func messageLint(raw models.PushRequest) []models.Warning {
	var out []models.Warning
	if strings.TrimSpace(raw.Desc) == "" {
		// A fresh composer has no desc: that is no mistake, so it is said as
		// the default the send uses, not flagged.
		out = append(out, models.Warning{Code: "desc_empty", Level: models.LevelNote, Message: fmt.Sprintf(
			"desc: the default %q is sent (an IM server pushes a custom message only with an offlinePushInfo desc, and vendors need content)", models.DefaultDesc)}.
			Says(models.Tf("lint.message.desc_empty", "Default", fmt.Sprintf("%q", models.DefaultDesc))))
	}
	if raw.Ext != "" && !json.Valid([]byte(raw.Ext)) {
		out = append(out, vendors.Warning("ext_not_json", "ext is not valid JSON: the app parses it when the notification is tapped, and OPPO drops non-JSON parameters").
			Says(models.T("lint.message.ext_not_json")))
	}
	return out
}

// quotaLint warns at 80% of the daily quota an admin entered, and blocks
// at 100% or once the vendor itself answered over quota today.
func quotaLint(c models.Certificate, u models.QuotaUsage) []models.Warning {
	name := fmt.Sprintf("%s #%d", c.Vendor.Label(), c.ID)
	// The texts name the certificate with the vendor in the reader's words.
	cert := models.Tf("rest.vendor_certificate.name", "Vendor", c.Vendor.Text(), "ID", c.ID)
	switch {
	case u.ExhaustedAt != nil:
		return []models.Warning{vendors.Blocker("over_quota", "%s answered over quota (%s) for %s at %s today: it refuses more until its day resets",
			name, u.ExhaustedCode, u.Class.Label(), models.VendorClock(c.Vendor, *u.ExhaustedAt)).
			Says(models.Tf("lint.quota.over", "Certificate", cert, "Code", u.ExhaustedCode, "Class", u.Class.Text(), "Clock", models.ClockText(c.Vendor, *u.ExhaustedAt)))}
	case u.Level() == "full":
		return []models.Warning{vendors.Blocker("quota_full", "quota: %s %s %d of %d used today: the vendor refuses the rest", name, u.Class.Label(), u.Sent, *u.Limit).
			Says(models.Tf("lint.quota.full", "Certificate", cert, "Class", u.Class.Text(), "Sent", u.Sent, "Limit", *u.Limit))}
	case u.Level() == "warn":
		return []models.Warning{vendors.Warning("quota_near", "quota: %s %s %d of %d used today (%d%%)", name, u.Class.Label(), u.Sent, *u.Limit, u.Percent()).
			Says(models.Tf("lint.quota.near", "Certificate", cert, "Class", u.Class.Text(), "Sent", u.Sent, "Limit", *u.Limit, "Percent", u.Percent()))}
	}
	return nil
}
