package models

import (
	"slices"
	"time"
)

// The steps of a trace that pushcheck itself takes — queued (or skipped),
// sent, and the vendor's answer — are read from the delivery's own row,
// not stored as events: a 10,000-device push then writes one row per
// delivery instead of four, and the row already holds every fact of those
// steps. Only what comes from outside (receipts, acks) is an event.

// OwnSteps are the delivery's queued/skipped, sent and answer steps, in
// the order they happened.
func (d Delivery) OwnSteps() []DeliveryEvent {
	id := d.ID
	step := func(st Stage, src EventSource) DeliveryEvent {
		return DeliveryEvent{AppID: d.AppID, DeliveryID: &id, Vendor: d.Vendor, CertificateID: d.CertificateID, Stage: st, Source: src}
	}
	first := step(StageQueued, SourcePushcheck)
	first.Explanation, first.At, first.ReceivedAt = d.Plan, d.CreatedAt, d.CreatedAt
	if d.Status == DeliverySkipped {
		first.Stage, first.Code, first.Explanation = StageSkipped, d.Code, d.Explanation
		return []DeliveryEvent{first}
	}
	out := []DeliveryEvent{first}
	if d.SentAt != nil {
		sent := step(StageSent, SourcePushcheck)
		sent.At, sent.ReceivedAt = *d.SentAt, *d.SentAt
		out = append(out, sent)
	}
	if d.FinishedAt != nil && d.Status != DeliverySending {
		source := SourceVendor
		if d.Status == DeliveryInterrupted {
			source = SourcePushcheck
		}
		answer := step(StageOfStatus(d.Status), source)
		answer.Code, answer.Explanation, answer.VendorMessageID = d.Code, d.Explanation, d.VendorMessageID
		answer.At, answer.ReceivedAt = *d.FinishedAt, *d.FinishedAt
		out = append(out, answer)
	}
	return out
}

// InOrder sorts a trace — the delivery's own steps first, then its
// receipts and acks — by time, the steps first on a tie. A receipt or an
// ack never goes before the vendor's answer: it reports on the message
// that answer accepted, and its time is the vendor's or the phone's clock,
// often to the millisecond only, so it can read a little earlier than the
// answer pushcheck timed itself.
func InOrder(trace []DeliveryEvent) []DeliveryEvent {
	var answered time.Time
	for _, e := range trace {
		if e.Source == SourceVendor && e.Stage == StageAccepted {
			answered = e.At
		}
	}
	at := func(e DeliveryEvent) time.Time {
		if e.Source != SourcePushcheck && e.Source != SourceVendor && e.At.Before(answered) {
			return answered
		}
		return e.At
	}
	slices.SortStableFunc(trace, func(a, b DeliveryEvent) int { return at(a).Compare(at(b)) })
	return trace
}
