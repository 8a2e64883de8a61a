// Package sending is where a test push is sent: it finds the targeted
// devices, lints the message per certificate, records every delivery
// before calling a vendor, fans the calls out, records each answer and
// counts it against the certificate's daily quota.
package sending

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/secrets"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/vendors"
)

// Dispatcher sends a test push: it picks the targeted devices, records a
// delivery for each before calling any vendor, sends concurrently, and
// finishes each delivery with the vendor's explained answer.
type Dispatcher struct {
	store      *storage.Store
	registry   *vendors.Registry
	sealer     *secrets.Sealer
	staleAfter time.Duration
	receipts   ReceiptBases
	// parallel bounds the vendor calls of one push in flight at once.
	parallel int
}

// ReceiptBases are the console addresses receipt URLs are built on.
type ReceiptBases struct {
	// Public is where the vendors reach the console (PUSHCHECK_PUBLIC_URL);
	// empty: production pushes ask for no receipts.
	Public string
	// Local is the console's own address, which the sandbox's emulators
	// reach from the same machine.
	Local string
}

// For is the base for a certificate's receipts.
func (b ReceiptBases) For(c models.Certificate) string {
	if c.Sandboxed() && b.Local != "" {
		return b.Local
	}
	return b.Public
}

// NewDispatcher builds a dispatcher.
func NewDispatcher(store *storage.Store, registry *vendors.Registry, sealer *secrets.Sealer, staleAfter time.Duration, receipts ReceiptBases) *Dispatcher {
	return &Dispatcher{store: store, registry: registry, sealer: sealer, staleAfter: staleAfter, receipts: receipts, parallel: 8}
}

// Send runs a push request for an operator.
func (d *Dispatcher) Send(ctx context.Context, app models.App, op models.Operator, raw models.PushRequest) (models.Push, []models.Delivery, error) {
	req, err := raw.Normalize(op.DisplayName())
	if err != nil {
		return models.Push{}, nil, err
	}
	devices, group, err := d.targets(ctx, app.ID, req.Target)
	if err != nil {
		return models.Push{}, nil, err
	}
	certs, err := d.store.CertificatesByID(ctx, app.ID, models.CertificateIDs(devices))
	if err != nil {
		return models.Push{}, nil, err
	}
	now := time.Now().UTC()
	lint, err := d.lint(ctx, raw, req, devices, certs, now)
	if err != nil {
		return models.Push{}, nil, err
	}
	deliveries := make([]models.Delivery, len(devices))
	for i, dev := range devices {
		deliveries[i] = models.Delivery{ID: models.NewDeliveryID(), DevicePK: dev.ID, DeviceID: dev.DeviceID, UserID: dev.UserID, TokenHash: models.HashDeviceToken(dev.Token),
			Vendor: dev.Vendor, CertificateID: dev.CertificateID, Status: models.DeliverySending, Warnings: lint.Message}
		if dev.CertificateID != nil {
			if t, ok := lint.Target(*dev.CertificateID); ok && t.Vendor == dev.Vendor {
				deliveries[i].Class, deliveries[i].Warnings = t.Class, lint.WarningsFor(t)
			}
		}
		if reason, fix := d.skipReason(dev, certs, req.Mode, now); reason != "" {
			deliveries[i].Status, deliveries[i].Code, deliveries[i].Explanation, deliveries[i].Fix = models.DeliverySkipped, "skipped", reason, fix
		} else {
			deliveries[i].Explanation = d.receiptPlan(certs[*dev.CertificateID], req.DryRun)
		}
	}
	push := models.Push{AppID: app.ID, OperatorID: op.ID, OperatorEmail: op.Email, Target: req.TargetLabel(), Mode: req.Mode, DryRun: req.DryRun, Message: req.Message()}
	if group != nil {
		push.GroupID = &group.ID
	}
	push, deliveries, err = d.store.StartPush(ctx, push, deliveries)
	if err != nil {
		return models.Push{}, nil, err
	}
	// The vendor calls and their records outlive a client that hangs up:
	// every delivery started is finished.
	sendCtx := context.WithoutCancel(ctx)
	var wg sync.WaitGroup
	sem := make(chan struct{}, d.parallel)
	errs := make([]error, len(deliveries))
	for i := range deliveries {
		if deliveries[i].Status != models.DeliverySending {
			continue
		}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			deliveries[i], errs[i] = d.deliver(sendCtx, app.ID, devices[i], certs[*devices[i].CertificateID], req, deliveries[i])
		}(i)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return push, deliveries, err
		}
	}
	return push, deliveries, nil
}

// targets finds the targeted devices, and the group when the target is one.
func (d *Dispatcher) targets(ctx context.Context, appID int64, t models.PushTarget) ([]models.Device, *models.DeviceGroup, error) {
	switch {
	case t.UserID != "":
		devices, err := d.store.DevicesOfUser(ctx, appID, t.UserID)
		if err != nil {
			return nil, nil, err
		}
		if len(devices) == 0 {
			return nil, nil, models.Invalid("target.user_id", "user %s has no registered devices in this app", t.UserID)
		}
		return devices, nil, nil
	case t.Group != "":
		g, err := d.store.Group(ctx, appID, t.Group)
		if models.IsNotFound(err) {
			return nil, nil, models.Invalid("target.group", "group %s does not exist in this app", t.Group)
		}
		if err != nil {
			return nil, nil, err
		}
		devices, err := d.store.GroupDevices(ctx, g)
		if err != nil {
			return nil, nil, err
		}
		if len(devices) == 0 {
			return nil, nil, models.Invalid("target.group", "group %s has no devices", g.Name)
		}
		return devices, &g, nil
	}
	devices := make([]models.Device, 0, len(t.DeviceIDs))
	for _, id := range t.DeviceIDs {
		dev, err := d.store.DeviceByDeviceID(ctx, appID, id)
		if models.IsNotFound(err) {
			return nil, nil, models.Invalid("target.device_ids", "device %s is not registered in this app", id)
		}
		if err != nil {
			return nil, nil, err
		}
		devices = append(devices, dev)
	}
	return devices, nil, nil
}

// receiptPlan says, on the trace's first line, whether and how the
// vendor will report delivery.
func (d *Dispatcher) receiptPlan(cert models.Certificate, dryRun bool) string {
	ch, err := d.registry.Channel(cert.Vendor)
	if err != nil {
		return ""
	}
	reader, ok := ch.(vendors.ReceiptReader)
	url := vendors.ReceiptURL(d.receipts.For(cert), cert)
	switch {
	case dryRun:
		return "dry run: nothing reaches the device, so no receipt or ack follows"
	case !ok:
		return cert.Vendor.Label() + " sends no delivery receipts; the app's ack shows the push arrived"
	case url == "":
		return "no receipt requested: set PUSHCHECK_PUBLIC_URL so " + cert.Vendor.Label() + " can reach this console"
	case !reader.ReceiptsPerMessage():
		return "receipts come to the URL configured in the " + cert.Vendor.Label() + " console; for this certificate: " + url
	}
	return "receipt requested at " + url
}

// skipReason says why a device gets no send, as the IM server would decide
// (mode as_im_server), or because nothing can be sent at all.
func (d *Dispatcher) skipReason(dev models.Device, certs map[int64]models.Certificate, mode models.Mode, now time.Time) (string, string) {
	if mode == models.ModeAsIMServer {
		switch {
		case !dev.BindingActive():
			return fmt.Sprintf("%s: the IM server sends no offline push until the app logs in again", models.ReachabilityOf(dev, true, now, d.staleAfter).Reason),
				"log in on the device again, or send with mode force to test the token anyway"
		case dev.State == models.StateForeground && !dev.Stale(now, d.staleAfter):
			return "the app is in the foreground: the IM server delivers the message online, not as an offline push",
				"put the app in the background, or send with mode force"
		}
	}
	if dev.CertificateID == nil {
		return "the device reported no certificate ID, so there are no credentials to send with", "make the app report certificate_id with its token"
	}
	cert, ok := certs[*dev.CertificateID]
	switch {
	case !ok:
		return fmt.Sprintf("certificate #%d does not exist in this app", *dev.CertificateID), "add the certificate, or fix the ID the app reports"
	case cert.Vendor != dev.Vendor:
		return fmt.Sprintf("certificate #%d is for %s but the token is from %s", cert.ID, cert.Vendor.Label(), dev.Vendor.Label()), "make the app report the certificate ID of its push vendor"
	}
	return "", ""
}

// deliver makes one vendor call and records its answer.
func (d *Dispatcher) deliver(ctx context.Context, appID int64, dev models.Device, cert models.Certificate, req models.PushRequest, dl models.Delivery) (models.Delivery, error) {
	channel, err := d.registry.Channel(dev.Vendor)
	if err != nil {
		return dl, err
	}
	secrets, err := d.sealer.OpenCertificateSecrets(cert)
	var r vendors.Result
	if err != nil {
		r = vendors.Result{Outcome: vendors.Failed, Kind: models.AnswerAuth, Code: "credentials", Explanation: "the stored credentials could not be decrypted: " + err.Error(),
			Fix: "check PUSHCHECK_SECRET_KEY is the key the certificate was saved with, or upload the credentials again"}
	} else {
		if err := d.store.MarkSent(ctx, dl, time.Now()); err != nil {
			return dl, err
		}
		msg := vendorMessage(req, dl.ID)
		if _, ok := channel.(vendors.ReceiptReader); ok && !req.DryRun {
			msg.Receipt = vendors.ReceiptRequest{URL: vendors.ReceiptURL(d.receipts.For(cert), cert), Param: dl.ID}
		}
		r = channel.Send(ctx, cert, secrets, msg, dev.Token)
	}
	dl.Status, dl.Kind = models.DeliveryStatus(r.Outcome), r.Kind
	dl.HTTPStatus, dl.Code, dl.Explanation, dl.Fix = r.HTTPStatus, r.Code, r.Explanation, r.Fix
	dl.VendorMessageID, dl.UniqueID, dl.LatencyMS = r.MessageID, r.UniqueID, r.Latency.Milliseconds()
	dl.Request, dl.Response = r.Request, r.Response
	if err := d.store.FinishDelivery(ctx, dl); err != nil {
		return dl, err
	}
	// The answer's stage, unless a receipt already took it further: the
	// store keeps the furthest, and the caller reads it back.
	if st := models.StageOfStatus(dl.Status); st.Rank() > dl.Stage.Rank() {
		dl.Stage, dl.StageRank = st, st.Rank()
	}
	if err := d.countQuota(ctx, cert, dl, r, req.DryRun); err != nil {
		return dl, err
	}
	if r.TokenDead() && !req.DryRun {
		reason := r.Code
		if r.Explanation != "" {
			reason += ": " + r.Explanation
		}
		if err := d.store.MarkTokenDead(ctx, appID, dev.DeviceID, reason, time.Now()); err != nil {
			return dl, err
		}
	}
	return dl, nil
}

func vendorMessage(req models.PushRequest, deliveryID string) vendors.Message {
	m := vendors.Message{Title: req.Title, Desc: req.Desc, Ext: req.Ext, Sound: req.Sound, Badge: req.Badge, IgnoreBadge: req.IgnoreBadge,
		DeliveryID: deliveryID, DryRun: req.DryRun, ClickAction: req.ClickAction}
	if a := req.APNs; a != nil {
		m.APNs = vendors.APNsOptions{PushType: a.PushType, Priority: a.Priority, CollapseID: a.CollapseID, Expiration: a.Expiration}
	}
	if f := req.FCM; f != nil {
		m.FCM = vendors.FCMOptions{Priority: f.Priority, TTLSeconds: f.TTLSeconds, ChannelID: f.ChannelID}
	}
	if o := req.Huawei; o != nil {
		m.Huawei = *o
	}
	if o := req.Honor; o != nil {
		m.Honor = *o
	}
	if o := req.Xiaomi; o != nil {
		m.Xiaomi = *o
	}
	if o := req.OPPO; o != nil {
		m.OPPO = *o
	}
	if o := req.Vivo; o != nil {
		m.Vivo = *o
	}
	if o := req.Meizu; o != nil {
		m.Meizu = *o
	}
	return m
}
