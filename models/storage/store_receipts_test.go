package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

// receiptFixture is one device with a token and one delivery to it.
type receiptFixture struct {
	s    *storage.Store
	app  models.App
	cert models.Certificate
	dev  models.Device
	d    models.Delivery
}

func newReceiptFixture(t *testing.T) receiptFixture {
	t.Helper()
	ctx := context.Background()
	s := storagetest.Open(t)
	app, err := s.CreateApp(ctx, "Receipts")
	if err != nil {
		t.Fatal(err)
	}
	cert, err := s.CreateCertificate(ctx, models.Certificate{AppID: app.ID, Vendor: models.VendorXiaomi, Name: "mi", Environment: models.CertProduction})
	if err != nil {
		t.Fatal(err)
	}
	if cert.ReceiptSecret == "" {
		t.Fatal("a new certificate has no receipt secret")
	}
	on := true
	dev, err := s.RegisterDevice(ctx, app.ID, "phone", models.Registration{UserID: "u", Platform: models.PlatformAndroid, Vendor: models.VendorXiaomi,
		Token: "regid-of-the-phone", CertificateID: &cert.ID, NotificationsEnabled: &on}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	_, ds, err := s.StartPush(ctx, models.Push{AppID: app.ID, OperatorEmail: "qa@example.com", Target: "devices:phone", Mode: models.ModeForce},
		[]models.Delivery{{ID: models.NewDeliveryID(), DevicePK: dev.ID, DeviceID: "phone", UserID: "u", Vendor: models.VendorXiaomi,
			CertificateID: &cert.ID, Status: models.DeliverySending, TokenHash: models.HashDeviceToken(dev.Token)}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return receiptFixture{s: s, app: app, cert: cert, dev: dev, d: ds[0]}
}

func (f receiptFixture) tokenDead(t *testing.T) bool {
	t.Helper()
	dev, err := f.s.DeviceByDeviceID(context.Background(), f.app.ID, "phone")
	if err != nil {
		t.Fatal(err)
	}
	return dev.TokenDeadAt != nil
}

// A receipt has effects only on a delivery this certificate sent to the
// token it names: another token, or another certificate, changes nothing.
func TestReceiptsActOnlyOnTheirOwnDelivery(t *testing.T) {
	f := newReceiptFixture(t)
	ctx, now := context.Background(), time.Now()
	dead := models.ReceiptItem{DeliveryID: f.d.ID, Token: "someone-elses-regid", Stage: models.StageUndelivered, Code: "type 16", TokenDead: true, At: now}
	tally, err := f.s.RecordReceiptBatch(ctx, f.cert, receipt(dead), now)
	if err != nil || tally.Matched != 0 || tally.Unmatched != 1 || f.tokenDead(t) {
		t.Fatalf("a receipt for another token: %+v %v dead=%v", tally, err, f.tokenDead(t))
	}
	other := f.cert
	other.ID++
	dead.Token = f.dev.Token
	if tally, err := f.s.RecordReceiptBatch(ctx, other, receipt(dead), now); err != nil || tally.Matched != 0 || f.tokenDead(t) {
		t.Fatalf("a receipt through another certificate: %+v %v", tally, err)
	}
	if st, _ := stageOf(t, f.s, f.app.ID, f.d); st != models.StageQueued {
		t.Fatalf("an unmatched receipt moved the stage to %s", st)
	}
	// The right token through the right certificate: the token is dead.
	if tally, err := f.s.RecordReceiptBatch(ctx, f.cert, receipt(dead), now); err != nil || tally.Matched != 1 || !f.tokenDead(t) {
		t.Fatalf("the delivery's own receipt: %+v %v dead=%v", tally, err, f.tokenDead(t))
	}
}

// A device that registered a new token since the push is not what a late
// receipt about the old token is about.
func TestLateReceiptSparesANewToken(t *testing.T) {
	f := newReceiptFixture(t)
	ctx, now := context.Background(), time.Now()
	on := true
	if _, err := f.s.RegisterDevice(ctx, f.app.ID, "phone", models.Registration{UserID: "u", Platform: models.PlatformAndroid, Vendor: models.VendorXiaomi,
		Token: "a-brand-new-regid", CertificateID: &f.cert.ID, NotificationsEnabled: &on}, now); err != nil {
		t.Fatal(err)
	}
	item := models.ReceiptItem{DeliveryID: f.d.ID, Token: "regid-of-the-phone", Stage: models.StageUndelivered, Code: "type 16", TokenDead: true, At: now}
	if tally, err := f.s.RecordReceiptBatch(ctx, f.cert, receipt(item), now); err != nil || tally.Matched != 1 || f.tokenDead(t) {
		t.Fatalf("%+v %v dead=%v", tally, err, f.tokenDead(t))
	}
}

// A vendor retrying a callback records nothing twice; a batch is all or
// nothing; a signed callback's nonce is refused the second time.
func TestReceiptBatchesAreIdempotentAtomicAndNotReplayable(t *testing.T) {
	f := newReceiptFixture(t)
	ctx, now := context.Background(), time.Now()
	batch := receipt(models.ReceiptItem{DeliveryID: f.d.ID, Token: f.dev.Token, Stage: models.StageDelivered, Code: "type 1", At: now})
	for i := 0; i < 2; i++ {
		if _, err := f.s.RecordReceiptBatch(ctx, f.cert, batch, now); err != nil {
			t.Fatal(err)
		}
	}
	if _, trace := stageOf(t, f.s, f.app.ID, f.d); len(trace) != 2 {
		t.Fatalf("a retried callback doubled the trace: %v", trace)
	}
	huge := models.ReceiptBatch{Items: make([]models.ReceiptItem, models.MaxReceiptItems+1)}
	if _, err := f.s.RecordReceiptBatch(ctx, f.cert, huge, now); models.ErrorCode(err) != models.CodeInvalid {
		t.Fatalf("an oversized batch: %v", err)
	}
	signed := receipt(models.ReceiptItem{MessageID: "m-signed", Stage: models.StageDelivered, At: now})
	signed.Nonce = "n-1"
	if _, err := f.s.RecordReceiptBatch(ctx, f.cert, signed, now); err != nil {
		t.Fatal(err)
	}
	signed.Items[0].MessageID = "m-replayed"
	if _, err := f.s.RecordReceiptBatch(ctx, f.cert, signed, now); models.ErrorCode(err) != models.CodeUnauthenticated {
		t.Fatalf("a replayed nonce: %v", err)
	}
	unmatched, err := f.s.Receipts(ctx, f.app.ID, true, 100)
	if err != nil || len(unmatched) != 1 || unmatched[0].VendorMessageID != "m-signed" {
		t.Fatalf("the replay wrote something: %+v %v", unmatched, err)
	}
	if n, err := f.s.PruneReceiptNonces(ctx, now.Add(time.Hour)); err != nil || n != 1 {
		t.Fatalf("nonce pruning: %d %v", n, err)
	}
}

// One callback of many items, as the vendors batch them: an item twice in
// it is recorded once, an item is matched by the vendor's message ID too,
// the delivery ends at the furthest stage, and the body is kept once.
func TestAReceiptBatchOfManyItems(t *testing.T) {
	f := newReceiptFixture(t)
	ctx, now := context.Background(), time.Now()
	if _, err := f.s.FinishWave(ctx, models.WaveAnswers{Deliveries: []models.Delivery{{ID: f.d.ID, PushID: f.d.PushID, Status: models.DeliveryAccepted, VendorMessageID: "scm-1"}}}); err != nil {
		t.Fatal(err)
	}
	delivered := models.ReceiptItem{DeliveryID: f.d.ID, Token: f.dev.Token, Stage: models.StageDelivered, Code: "type 1", At: now}
	clicked := models.ReceiptItem{MessageID: "scm-1", Token: f.dev.Token, Stage: models.StageClicked, Code: "type 2", At: now.Add(time.Second)}
	stray := models.ReceiptItem{MessageID: "scm-unknown", Stage: models.StageDelivered, Code: "type 1", At: now}
	tally, err := f.s.RecordReceiptBatch(ctx, f.cert, models.ReceiptBatch{Items: []models.ReceiptItem{delivered, delivered, clicked, stray}, Raw: "the body"}, now)
	if err != nil || tally != (models.ReceiptTally{Matched: 2, Unmatched: 1, Duplicates: 1}) {
		t.Fatalf("tally %+v %v", tally, err)
	}
	if st, trace := stageOf(t, f.s, f.app.ID, f.d); st != models.StageClicked || len(trace) != 4 {
		t.Fatalf("stage %s, trace %v: want clicked after queued, accepted, delivered", st, trace)
	}
	if _, ds, err := f.s.PushByID(ctx, f.app.ID, f.d.PushID); err != nil || ds[0].StageAt == nil || ds[0].StageAt.Sub(clicked.At).Abs() > time.Millisecond {
		t.Fatalf("stage time %v (%v), want the click's %v", ds[0].StageAt, err, clicked.At)
	}
	traces, err := f.s.TracesOf(ctx, []string{f.d.ID})
	if err != nil {
		t.Fatal(err)
	}
	unmatched, err := f.s.Receipts(ctx, f.app.ID, true, 10)
	if err != nil || len(unmatched) != 1 {
		t.Fatalf("unmatched: %+v %v", unmatched, err)
	}
	kept := 0
	for _, e := range append(traces[f.d.ID], unmatched...) {
		if e.Raw == "the body" {
			kept++
		}
	}
	if kept != 1 {
		t.Fatalf("the body is kept on %d events, want 1", kept)
	}
}

// Unmatched receipts are kept for reading, but never more than the bound
// per certificate: the oldest go first, and the raw body is kept once.
func TestUnmatchedReceiptsAreBounded(t *testing.T) {
	f := newReceiptFixture(t)
	ctx, now := context.Background(), time.Now()
	for round := 0; round < 2; round++ {
		batch := models.ReceiptBatch{Raw: string(make([]byte, 64<<10))}
		for i := 0; i < models.MaxUnmatchedReceipts*3/4; i++ {
			batch.Items = append(batch.Items, models.ReceiptItem{MessageID: fmt.Sprintf("m-%d-%d", round, i), Stage: models.StageDelivered, At: now})
		}
		if _, err := f.s.RecordReceiptBatch(ctx, f.cert, batch, now); err != nil {
			t.Fatal(err)
		}
	}
	kept, err := f.s.Receipts(ctx, f.app.ID, true, 2*models.MaxUnmatchedReceipts)
	if err != nil || len(kept) != models.MaxUnmatchedReceipts {
		t.Fatalf("kept %d unmatched receipts: %v", len(kept), err)
	}
	raw := 0
	for _, e := range kept {
		raw += len(e.Raw)
	}
	if raw > models.MaxReceiptRaw {
		t.Fatalf("%d bytes of raw bodies kept for two callbacks", raw)
	}
}

func TestReceiptSecretsOpenTheirCertificateOnly(t *testing.T) {
	f := newReceiptFixture(t)
	ctx := context.Background()
	for _, c := range []struct {
		vendor models.Vendor
		id     int64
		secret string
	}{
		{models.VendorXiaomi, f.cert.ID, ""},
		{models.VendorXiaomi, f.cert.ID, "wrong"},
		{models.VendorOPPO, f.cert.ID, f.cert.ReceiptSecret},
		{models.VendorXiaomi, f.cert.ID + 1, f.cert.ReceiptSecret},
	} {
		_, err := f.s.CertificateForReceipt(ctx, c.vendor, c.id, c.secret)
		if e, ok := models.AsError(err); !ok || e.Code != models.CodeNotFound || e.Message != "there is no receipt endpoint here" {
			t.Errorf("%+v: %v", c, err)
		}
	}
	if _, err := f.s.CertificateForReceipt(ctx, models.VendorXiaomi, f.cert.ID, f.cert.ReceiptSecret); err != nil {
		t.Fatal(err)
	}
	rotated, err := f.s.RotateReceiptSecret(ctx, f.app.ID, f.cert.ID)
	if err != nil || rotated.ReceiptSecret == f.cert.ReceiptSecret {
		t.Fatalf("rotate: %v", err)
	}
	if _, err := f.s.CertificateForReceipt(ctx, models.VendorXiaomi, f.cert.ID, f.cert.ReceiptSecret); !models.IsNotFound(err) {
		t.Fatal("the old secret still works")
	}
}

// A Test connection records its result without touching updated_at, which
// would otherwise look like changed credentials.
func TestCertificateCheckLeavesUpdatedAt(t *testing.T) {
	f := newReceiptFixture(t)
	ctx := context.Background()
	before, err := f.s.CertificateByID(ctx, f.app.ID, f.cert.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.RecordCertificateCheck(ctx, f.app.ID, f.cert.ID, true, "ok", time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	after, err := f.s.CertificateByID(ctx, f.app.ID, f.cert.ID)
	if err != nil || !after.UpdatedAt.Equal(before.UpdatedAt) || after.CheckOK == nil || !*after.CheckOK {
		t.Fatalf("updated_at %v → %v, check %v: %v", before.UpdatedAt, after.UpdatedAt, after.CheckOK, err)
	}
}
