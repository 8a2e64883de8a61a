package views

import (
	"cmp"
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// watchFor is how long an open page keeps polling a push that is not final:
// receipts come within seconds, acks when someone taps; after this the
// page says to reload.
const watchFor = 10 * time.Minute

// Watching reports whether the open page should keep polling the push.
// While vendor calls are under way it polls for the progress; after
// that, a push of a few devices stays live for receipts and acks, and a
// large one stops (each poll would redraw thousands of rows).
func (r PushResults) Watching(now time.Time) bool {
	if r.Push.ID == 0 {
		return false
	}
	if !r.Progress().Finished {
		return now.Sub(r.Push.CreatedAt) <= models.InterruptedAfter
	}
	return r.Hidden == 0 && len(r.Deliveries) <= watchReceiptsMax && now.Sub(r.Push.CreatedAt) <= watchFor && !r.Final(now)
}

// watchReceiptsMax is the largest push whose page keeps polling for
// receipts and acks once every vendor answered.
const watchReceiptsMax = 200

// Progress counts the deliveries that have their vendor's answer.
func (r PushResults) Progress() models.PushProgress {
	if r.Counted != nil {
		return *r.Counted
	}
	return models.ProgressOf(r.Deliveries)
}

// Final reports whether every delivery reached a stage nothing follows.
func (r PushResults) Final(now time.Time) bool {
	for _, d := range r.Deliveries {
		if d.Waiting(now) {
			return false
		}
	}
	return true
}

// LivePath is where the open page polls the push.
func (r PushResults) LivePath(appID int64) string {
	path := AppPath(appID, "/pushes/"+Itoa(r.Push.ID)+"/live")
	if r.Matrix {
		path += "?matrix=1"
	}
	return path
}

// PushPath is a push's page.
func PushPath(appID, pushID int64) string { return AppPath(appID, "/pushes/"+Itoa(pushID)) }

// Offset is an event's time after the push started: "+12 ms", "+0.7 s".
func Offset(start, t time.Time) string {
	d := t.Sub(start)
	switch {
	case d < 0:
		return "−" + Offset(t, start)[1:]
	case d < time.Second:
		return fmt.Sprintf("+%d ms", d.Milliseconds())
	case d < time.Minute:
		return fmt.Sprintf("+%.1f s", d.Seconds())
	}
	return "+" + models.HumanDuration(d)
}

// StageReached is when a delivery's trace first reached the stage.
func StageReached(trace []models.DeliveryEvent, st models.Stage) (time.Time, bool) {
	for _, e := range trace {
		if e.Stage == st {
			return e.At, true
		}
	}
	return time.Time{}, false
}

// StageLabel is a stage in words: "not sent" rather than not_sent.
func StageLabel(ctx context.Context, s models.Stage) string {
	switch s {
	case "queued":
		return T(ctx, "stage.queued")
	case "sent":
		return T(ctx, "stage.sent")
	case "accepted":
		return T(ctx, "stage.accepted")
	case "rejected":
		return T(ctx, "stage.rejected")
	case "failed":
		return T(ctx, "stage.failed")
	case "skipped":
		return T(ctx, "stage.skipped")
	case "validated":
		return T(ctx, "stage.validated")
	case "not_sent":
		return T(ctx, "stage.not_sent")
	case "delivered":
		return T(ctx, "stage.delivered")
	case "undelivered":
		return T(ctx, "stage.undelivered")
	case "received":
		return T(ctx, "stage.received")
	case "displayed":
		return T(ctx, "stage.displayed")
	case "clicked":
		return T(ctx, "stage.clicked")
	case "interrupted":
		return T(ctx, "stage.interrupted")
	case "note":
		return T(ctx, "stage.note")
	}
	return strings.ReplaceAll(string(s), "_", " ")
}

// Rows are the deliveries in the order the page shows them, the same at
// every poll: by device name, then vendor (then IDs, so that no two rows
// ever swap).
func (r PushResults) Rows() []models.Delivery {
	rows := slices.Clone(r.Deliveries)
	slices.SortStableFunc(rows, func(a, b models.Delivery) int {
		return cmp.Or(
			cmp.Compare(strings.ToLower(deliveryDevice(r, a)), strings.ToLower(deliveryDevice(r, b))),
			cmp.Compare(a.DeviceID, b.DeviceID),
			cmp.Compare(a.Vendor, b.Vendor),
			cmp.Compare(a.ID, b.ID),
		)
	})
	return rows
}

// StageClass colours a stage badge.
func StageClass(s models.Stage) string {
	switch {
	case s == models.StageSkipped || s == models.StageNote || s == models.StageNotSent || s == models.StageValidated:
		return "badge info"
	case s.Failed():
		return "badge bad"
	case s == models.StageQueued || s == models.StageSent:
		return "badge warn"
	}
	return "badge ok"
}

// SourceLabel says who reported an event.
func SourceLabel(ctx context.Context, s models.EventSource) string {
	switch s {
	case models.SourceVendor:
		return T(ctx, "push_live.source_vendor")
	case models.SourceReceipt:
		return T(ctx, "push_live.source_receipt")
	case models.SourceDevice:
		return T(ctx, "push_live.source_device")
	}
	return "pushcheck"
}

// failedStage is the dead end a delivery ended in, for the matrix's last
// column; empty when it is on the happy path.
func failedStage(d models.Delivery, now time.Time) models.Stage {
	if st := d.ShownStage(now); st.Final() && st != models.StageClicked {
		return st
	}
	return ""
}

// HistoryNextLink is the history's next page with the same filters.
func HistoryNextLink(appID int64, values map[string]string, before int64) string {
	return nextLink(AppPath(appID, "/pushes"), values, before)
}

// AuditNextLink is the audit log's next page with the same filters.
func AuditNextLink(values map[string]string, before int64) string {
	return nextLink("/audit", values, before)
}

func nextLink(path string, values map[string]string, before int64) string {
	q := url.Values{}
	for k, v := range values {
		if v != "" {
			q.Set(k, v)
		}
	}
	q.Set("before", Itoa(before))
	return path + "?" + q.Encode()
}

// ModeLabel is a push's send mode as the composer words it, not its wire
// value.
func ModeLabel(ctx context.Context, m models.Mode) string {
	switch m {
	case models.ModeAsIMServer:
		return T(ctx, "composer.mode_im")
	case models.ModeForce:
		return T(ctx, "composer.mode_force")
	}
	return string(m)
}
