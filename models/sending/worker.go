package sending

import (
	"context"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// call is one delivery ready to send: its device, certificate and opened
// credentials.
type call struct {
	dl      models.Delivery
	dev     models.Device
	cert    models.Certificate
	secrets models.CertificateSecrets
}

// work runs one chunk job. Whether it is the first run or a rerun after a
// crash, a delivery that has its answer is left alone, one whose call was
// in flight is finished as interrupted (never resent: the device may have
// it), and the queued ones are sent in waves.
func (d *Dispatcher) work(ctx context.Context, args deliverArgs) error {
	push, err := d.store.PushToSend(ctx, args.PushID)
	if models.IsNotFound(err) {
		return nil // the push was pruned from the history: nothing left to send
	}
	if err != nil {
		return err
	}
	ds, err := d.store.DeliveriesOfPush(ctx, push.ID, args.DeliveryIDs)
	if err != nil {
		return err
	}
	var interrupted, queued []models.Delivery
	for _, dl := range ds {
		switch {
		case dl.InFlight():
			interrupted = append(interrupted, dl.Interrupted())
		case dl.Queued():
			queued = append(queued, dl)
		}
	}
	if len(interrupted) > 0 {
		d.opts.Log.WarnContext(ctx, "deliveries interrupted by a stop during their vendor call", "push_id", push.ID, "count", len(interrupted))
		if err := d.finish(ctx, models.WaveAnswers{Deliveries: interrupted}); err != nil {
			return err
		}
	}
	if len(queued) == 0 {
		return nil
	}
	calls, answered, err := d.prepare(ctx, push.AppID, queued)
	if err != nil {
		return err
	}
	if len(answered) > 0 {
		if err := d.finish(ctx, models.WaveAnswers{Deliveries: answered}); err != nil {
			return err
		}
	}
	req := models.RequestOf(push)
	// Calls are sent in groups that take the same slots (vendorLimits).
	bySlots := map[chan struct{}][]call{}
	var order []chan struct{}
	for _, c := range calls {
		k := d.limits.slots(c.cert)
		if _, seen := bySlots[k]; !seen {
			order = append(order, k)
		}
		bySlots[k] = append(bySlots[k], c)
	}
	for _, k := range order {
		if err := d.sendWaves(ctx, req, bySlots[k], cap(k)); err != nil {
			return err
		}
	}
	return nil
}

// sendWaves sends a chunk's calls that take the same slots (slots of them
// may be in flight), a wave at a time: mark the wave sent, make its calls
// (each as one of the slots frees), write the wave's answers. A stop (or
// the job's timeout) between waves puts the job back at once with the
// rest still queued.
//
// A wave is at most twice the slots. With every call timing out, a wave
// then waits behind at most two rounds of calls for each of
// the process's jobs (their waves take the same slots): 2 × 8 × 15 s =
// 240 s with the defaults, within RescueAfter, so a live job is never
// taken for a dead one. The sandbox's 64 slots let a whole chunk go in
// one wave; a vendor's 32, waves of 64.
func (d *Dispatcher) sendWaves(ctx context.Context, req models.PushRequest, calls []call, slots int) error {
	for len(calls) > 0 {
		if ctx.Err() != nil {
			return river.JobSnooze(0)
		}
		n := max(min(d.opts.WaveSize, 2*slots, len(calls)), 1)
		if err := d.sendWave(ctx, req, calls[:n]); err != nil {
			return err
		}
		calls = calls[n:]
	}
	return nil
}

// sendWave marks a wave sent in one statement, then calls: the vendor's
// (or the sandbox's) slots, shared by every job of the process, bound the
// calls in flight, and slots are held only while a call is.
func (d *Dispatcher) sendWave(ctx context.Context, req models.PushRequest, wave []call) error {
	sent := make([]models.Delivery, len(wave))
	for i, c := range wave {
		sent[i] = c.dl
	}
	if err := d.store.MarkWaveSent(ctx, sent, time.Now()); err != nil {
		return err
	}
	// Once marked sent, the calls are made and answered even if the job is
	// being stopped: an answer known is better than an interrupted one.
	callCtx := context.WithoutCancel(ctx)
	answers := make([]models.Delivery, len(wave))
	results := make([]vendors.Result, len(wave))
	var wg sync.WaitGroup
	for i, c := range wave {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.limits.take(c.cert)
			defer d.limits.give(c.cert)
			answers[i], results[i] = d.call(callCtx, req, c)
		}()
	}
	wg.Wait()
	for i, r := range results {
		if r.Latency > 0 { // zero: no call was made (unusable credentials, no dry run)
			d.opts.Metrics.VendorCall(wave[i].dl.Vendor, r.Latency)
		}
	}
	return d.finish(callCtx, d.waveAnswers(wave, answers, results, req.DryRun))
}

// finish stores answers and counts the deliveries it answered: a job run
// twice answers (and counts) each delivery once.
func (d *Dispatcher) finish(ctx context.Context, w models.WaveAnswers) error {
	done, err := d.store.FinishWave(ctx, w)
	if err != nil {
		return err
	}
	d.opts.Metrics.DeliveriesFinished(done)
	for _, dl := range w.Deliveries {
		d.answers.came(dl.PushID) // the first wakes the push's waiters, the rest find none
	}
	return nil
}

// call makes one vendor call and reads its answer into the delivery.
func (d *Dispatcher) call(ctx context.Context, req models.PushRequest, c call) (models.Delivery, vendors.Result) {
	dl := c.dl
	channel, err := d.registry.Channel(dl.Vendor)
	var r vendors.Result
	if err != nil {
		r = vendors.Result{Outcome: vendors.Failed, Kind: models.AnswerAuth, Code: "vendor", Explanation: err.Error()}
	} else {
		msg := vendorMessage(req, dl.ID)
		msg.Platform = c.dev.Platform
		if _, ok := channel.(vendors.ReceiptReader); ok && !req.DryRun {
			msg.Receipt = vendors.ReceiptRequest{URL: vendors.ReceiptURL(d.opts.Receipts.For(c.cert), c.cert), Param: dl.ID}
		}
		r = channel.Send(ctx, c.cert, c.secrets, msg, callToken(req, c.dev))
	}
	dl = answered(dl, r)
	at := time.Now().UTC() // the answer's time, not the wave's write: see storage's finishQuery
	dl.FinishedAt = &at
	return dl, r
}

// callToken is the token a delivery goes to: a call invitation to an
// iOS device goes to its VoIP (PushKit) token, everything else to the
// token the device registered.
func callToken(req models.PushRequest, dev models.Device) string {
	if req.Call != nil && dev.Vendor == models.VendorAPNs && dev.VoIPToken != "" {
		return dev.VoIPToken
	}
	return dev.Token
}

// answered is a delivery with a vendor's answer.
func answered(dl models.Delivery, r vendors.Result) models.Delivery {
	dl.Status, dl.Kind = models.DeliveryStatus(r.Outcome), r.Kind
	dl.HTTPStatus, dl.Code, dl.Explanation, dl.Fix = r.HTTPStatus, r.Code, r.Explanation, r.Fix
	dl.VendorMessageID, dl.UniqueID, dl.LatencyMS = r.MessageID, r.UniqueID, r.Latency.Milliseconds()
	dl.Request, dl.Response = r.Request, r.Response
	return dl
}

// waveAnswers gathers what a wave's answers change: the deliveries, the
// quota counters per certificate, class and day, and dead tokens.
func (d *Dispatcher) waveAnswers(wave []call, answers []models.Delivery, results []vendors.Result, dryRun bool) models.WaveAnswers {
	out := models.WaveAnswers{Deliveries: answers}
	if dryRun {
		return out // a dry run uses no quota and proves no token dead
	}
	now := time.Now()
	type quotaKey struct {
		cert  int64
		day   string
		class models.MessageClass
	}
	quota := map[quotaKey]int{}
	for i, r := range results {
		c, dl := wave[i], answers[i]
		if q, counted := quotaCount(c.cert, dl, r, now); counted {
			key := quotaKey{q.CertificateID, q.Day, q.Class}
			if j, ok := quota[key]; ok {
				out.Quota[j].Accepted += q.Accepted
				if out.Quota[j].ExhaustedAt == nil {
					out.Quota[j].ExhaustedAt, out.Quota[j].ExhaustedCode = q.ExhaustedAt, q.ExhaustedCode
				}
			} else {
				quota[key] = len(out.Quota)
				out.Quota = append(out.Quota, q)
			}
		}
		if r.TokenDead() {
			reason := r.Code
			if r.Explanation != "" {
				reason += ": " + r.Explanation
			}
			out.DeadTokens = append(out.DeadTokens, models.DeadToken{DevicePK: c.dev.ID, Reason: reason, At: now})
		}
	}
	return out
}
