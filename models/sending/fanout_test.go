package sending_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/sending"
)

func forcePush(ids ...string) models.PushRequest {
	return models.PushRequest{Target: models.PushTarget{DeviceIDs: ids}, Mode: models.ModeForce, Title: "fan-out", Desc: "hello"}
}

// Two instances share a push's chunk jobs: instance 1 starts the push and
// is stopped midway; instance 2 finishes every delivery it left, and no
// device is called twice.
func TestAnotherInstanceFinishesAPushAfterAStop(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	ids := f.devices(t, 60)
	// A slow vendor (100 ms a call), four calls at a time per instance,
	// chunks of ten: the push takes about a second on one instance.
	one, two := newCallCounter(100*time.Millisecond), newCallCounter(100*time.Millisecond)
	opts := sending.Options{Concurrency: map[models.Vendor]int{models.VendorAPNs: 4}, Workers: 1, ChunkSize: 10, WaveSize: 4}
	first := f.dispatcher(t, one, opts)
	second := f.dispatcher(t, two, opts)

	push, ds, err := first.Send(ctx, f.app, f.op, forcePush(ids...))
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != len(ids) || push.Target != "60 devices: phone-00000, phone-00001, phone-00002 …" {
		t.Fatalf("push %q with %d deliveries", push.Target, len(ds))
	}
	for one.count() < 8 {
		time.Sleep(5 * time.Millisecond)
	}
	stopCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := first.Stop(stopCtx); err != nil {
		t.Fatal(err)
	}
	stoppedAt := one.count()
	progress, err := second.Wait(ctx, push.ID, 20*time.Second)
	if err != nil || !progress.Finished || progress.Total != len(ids) {
		t.Fatalf("after the stop: %+v %v", progress, err)
	}
	if one.count() != stoppedAt {
		t.Errorf("instance 1 made %d calls after its stop", one.count()-stoppedAt)
	}
	if two.count() == 0 || stoppedAt == 0 || one.count()+two.count() != len(ids) {
		t.Errorf("calls: instance 1 %d, instance 2 %d, for %d devices", one.count(), two.count(), len(ids))
	}
	for token, n := range one.tokens {
		if n+two.tokens[token] != 1 {
			t.Errorf("token %s called %d times", token, n+two.tokens[token])
		}
	}
	_, got, err := f.store.PushByID(ctx, f.app.ID, push.ID)
	if err != nil {
		t.Fatal(err)
	}
	traces, err := f.store.TracesOf(ctx, deliveryIDs(got))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range got {
		if d.Status != models.DeliveryAccepted {
			t.Errorf("%s: %s %s", d.DeviceID, d.Status, d.Explanation)
		}
		var sent int
		for _, e := range traces[d.ID] {
			if e.Stage == models.StageSent {
				sent++
			}
		}
		if sent != 1 {
			t.Errorf("%s marked sent %d times", d.DeviceID, sent)
		}
	}
}

// A job run again after its process died (river's rescue, or a retry)
// finishes the deliveries whose call was in flight as interrupted, without
// calling the vendor, and sends the ones still queued.
func TestARerunJobDoesNotResendCallsInFlight(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	ids := f.devices(t, 6)
	calls := newCallCounter(0)
	// The push is recorded with its jobs while no instance works them,
	// then a "crashed" instance is played: two calls marked sent, never
	// answered.
	idle, err := sending.NewDispatcher(f.store, f.registry(t, nil), f.sealer, sending.Options{})
	if err != nil {
		t.Fatal(err)
	}
	push, ds, err := idle.Send(ctx, f.app, f.op, forcePush(ids...))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.MarkWaveSent(ctx, ds[:2], time.Now()); err != nil {
		t.Fatal(err)
	}
	d := f.dispatcher(t, calls, sending.Options{})
	progress, err := d.Wait(ctx, push.ID, 10*time.Second)
	if err != nil || !progress.Finished {
		t.Fatalf("%+v %v", progress, err)
	}
	_, got, err := f.store.PushByID(ctx, f.app.ID, push.ID)
	if err != nil {
		t.Fatal(err)
	}
	inFlight := map[string]bool{ds[0].ID: true, ds[1].ID: true}
	for _, dl := range got {
		switch {
		case inFlight[dl.ID] && (dl.Status != models.DeliveryInterrupted || dl.Stage != models.StageInterrupted ||
			!strings.Contains(dl.Explanation, "not resent, so the device may or may not have got it")):
			t.Errorf("in flight at the crash: %s %s %q", dl.Status, dl.Stage, dl.Explanation)
		case !inFlight[dl.ID] && dl.Status != models.DeliveryAccepted:
			t.Errorf("queued at the crash: %s %s", dl.Status, dl.Explanation)
		}
	}
	if calls.count() != 4 {
		t.Errorf("%d vendor calls for 4 queued deliveries", calls.count())
	}
	quota, err := f.store.QuotasToday(ctx, []models.Certificate{f.cert}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if u := quota[f.cert.ID].Of(got[0].Class); u.Sent != 4 {
		t.Errorf("quota counted %d accepted, want 4", u.Sent)
	}
}

// A wave is marked sent no larger than twice the calls its vendor lets in
// flight, however large WaveSize: with every call slow, a larger one could
// keep its job past the time after which river takes it for dead.
func TestAWaveIsNoLargerThanTheVendorsSlots(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	ids := f.devices(t, 10)
	d := f.dispatcher(t, newCallCounter(5*time.Millisecond), sending.Options{SandboxConcurrency: 3, Workers: 1, ChunkSize: 10, WaveSize: 100})
	push, _, err := d.Send(ctx, f.app, f.op, forcePush(ids...))
	if err != nil {
		t.Fatal(err)
	}
	if p, err := d.Wait(ctx, push.ID, 10*time.Second); err != nil || !p.Finished {
		t.Fatalf("%+v %v", p, err)
	}
	_, got, err := f.store.PushByID(ctx, f.app.ID, push.ID)
	if err != nil {
		t.Fatal(err)
	}
	waves := map[time.Time]int{}
	for _, dl := range got {
		if dl.SentAt == nil || dl.Status != models.DeliveryAccepted {
			t.Fatalf("%s: sent at %v, %s %s", dl.DeviceID, dl.SentAt, dl.Status, dl.Explanation)
		}
		waves[dl.SentAt.UTC()]++
	}
	for at, n := range waves {
		if n > 6 {
			t.Errorf("%d deliveries marked sent together at %v, with 3 slots", n, at)
		}
	}
	if len(waves) < 2 {
		t.Errorf("10 deliveries in %d waves, want 2 or more of at most 6", len(waves))
	}
}

// Device IDs are looked up together; unknown ones are named in one
// error, and a list past the limit is refused before any lookup.
func TestDeviceIDTargets(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	ids := f.devices(t, 3)
	d := f.dispatcher(t, nil, sending.Options{})
	_, _, err := d.Send(ctx, f.app, f.op, forcePush(ids[0], "ghost-1", ids[1], "ghost-2"))
	if e, ok := models.AsError(err); !ok || e.Code != models.CodeInvalid || e.Field != "target.device_ids" ||
		!strings.Contains(e.Message, "2 devices are not registered in this app: ghost-1, ghost-2") {
		t.Fatalf("unknown devices: %v", err)
	}
	many := make([]string, models.MaxPushDeviceIDs+1)
	for i := range many {
		many[i] = ids[0] + "-" + strings.Repeat("x", i%3) + string(rune('a'+i%26)) + time.Duration(i).String()
	}
	if _, _, err := d.Send(ctx, f.app, f.op, forcePush(many...)); err == nil || !strings.Contains(err.Error(), "at most 1000 device IDs") {
		t.Fatalf("1001 device IDs: %v", err)
	}
	push, ds, err := d.Send(ctx, f.app, f.op, forcePush(ids[2], ids[0], ids[2]))
	if err != nil || len(ds) != 2 || push.Target != "devices:"+ids[2]+","+ids[0] {
		t.Fatalf("a repeated ID: %v, %d deliveries, target %q", err, len(ds), push.Target)
	}
}

// A push is sent at once, not at the workers' next look for jobs: here
// that look is an hour away, so only the wake after the push's commit
// can start its job.
func TestAPushWakesTheWorkers(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	ids := f.devices(t, 2)
	d := f.dispatcher(t, nil, sending.Options{Poll: time.Hour})
	for i, id := range ids { // the second push: the wake job of the first has run
		push, _, err := d.Send(ctx, f.app, f.op, forcePush(id))
		if err != nil {
			t.Fatal(err)
		}
		p, err := d.Wait(ctx, push.ID, 30*time.Second)
		if err != nil || !p.Finished || p.Done != 1 {
			t.Fatalf("push %d: %+v, %v: not sent without a poll", i+1, p, err)
		}
	}
}

func deliveryIDs(ds []models.Delivery) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.ID
	}
	return out
}
