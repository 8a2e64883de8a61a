package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"gorm.io/gorm"
)

// PushHistory lists an app's pushes matching f, newest first, each with
// its deliveries counted per stage. A filter on deliveries is an EXISTS
// over the deliveries index that leads with (app_id, <filter>) and ends
// with push_id: the planner either reads the filter's range (a user's few
// deliveries) or probes it once per push as it walks the newest pushes (a
// vendor's many).
func (s *Store) PushHistory(ctx context.Context, appID int64, f models.PushFilter, now time.Time) ([]models.PushSummary, error) {
	q := s.db.WithContext(ctx).Model(&models.Push{}).Where("app_id = ?", appID)
	// A time range walks the (app_id, created_at, id) index from its end;
	// by ID, the walk would pass every newer push first. Both orders are
	// newest first, and the cursor stays a push ID.
	ranged, order := !f.From.IsZero() || !f.To.IsZero(), "id DESC"
	if ranged {
		order = "created_at DESC, id DESC"
	}
	switch {
	case f.Before > 0 && ranged:
		q = q.Where("(created_at, id) < (SELECT created_at, id FROM pushes WHERE id = ?)", f.Before)
	case f.Before > 0:
		q = q.Where("id < ?", f.Before)
	}
	if f.Operator != "" {
		q = q.Where("operator_email = ?", f.Operator)
	}
	if !f.From.IsZero() {
		q = q.Where("created_at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		q = q.Where("created_at < ?", f.To.UTC())
	}
	if f.GroupID > 0 {
		q = q.Where("group_id = ?", f.GroupID)
	}
	if cond, args := deliveryFilter(appID, f, now); cond != "" {
		q = q.Where("EXISTS (SELECT 1 FROM deliveries d WHERE d.push_id = pushes.id AND "+cond+")", args...)
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var pushes []models.Push
	if err := q.Order(order).Limit(limit).Find(&pushes).Error; err != nil {
		return nil, fmt.Errorf("store: push history: %w", err)
	}
	return s.summarise(ctx, pushes, now)
}

// deliveryFilter is the condition on a push's deliveries, "" for none.
// "interrupted" is a delivery still queued or sent long after any call
// could have ended; its stages are literals so that the stage index
// serves it under any plan.
func deliveryFilter(appID int64, f models.PushFilter, now time.Time) (string, []any) {
	if f.UserID == "" && f.DeviceID == "" && f.Vendor == "" && f.CertificateID <= 0 && f.Stage == "" {
		return "", nil
	}
	conds, args := []string{"d.app_id = ?"}, []any{appID}
	add := func(cond string, arg ...any) {
		conds, args = append(conds, cond), append(args, arg...)
	}
	if f.UserID != "" {
		add("d.user_id = ?", f.UserID)
	}
	if f.DeviceID != "" {
		add("d.device_id = ?", f.DeviceID)
	}
	if f.Vendor != "" {
		add("d.vendor = ?", f.Vendor)
	}
	if f.CertificateID > 0 {
		add("d.certificate_id = ?", f.CertificateID)
	}
	switch f.Stage {
	case "":
	case models.StageInterrupted:
		// Stored as interrupted by a rerun job, or still unanswered long
		// after the push.
		add("(d.stage = ? OR (d.stage IN ("+unansweredStages()+") AND d.created_at < ?))", models.StageInterrupted, now.Add(-models.InterruptedAfter).UTC())
	case models.StageQueued, models.StageSent:
		// A call in flight is stored as queued with its sent time.
		sent := "IS NOT NULL"
		if f.Stage == models.StageQueued {
			sent = "IS NULL"
		}
		add("d.stage = ? AND d.sent_at "+sent, models.StageQueued)
	default:
		add("d.stage = ?", f.Stage)
	}
	return strings.Join(conds, " AND "), args
}

// unansweredStages lists, as SQL literals, the stages ranked below the
// vendor's answer: queued and sent.
func unansweredStages() string {
	var out []string
	for _, st := range models.Stages() {
		if r := st.Rank(); r >= 0 && r < models.StageAccepted.Rank() {
			out = append(out, "'"+string(st)+"'")
		}
	}
	return strings.Join(out, ", ")
}

// stageCountRow is the number of a push's deliveries at one stage.
type stageCountRow struct {
	PushID int64
	Stage  models.Stage
	N      int
}

// stageCounts reads the pushes' counters (a few rows per push and stage,
// whatever the number of deliveries).
func stageCounts(db *gorm.DB, pushIDs []int64) ([]stageCountRow, error) {
	var rows []stageCountRow
	err := db.Table("push_stage_counts").Select("push_id, stage, CAST(SUM(n) AS BIGINT) AS n").
		Where("push_id IN ?", pushIDs).Group("push_id, stage").Scan(&rows).Error
	return rows, err
}

// summarise counts each push's deliveries per shown stage from the
// counters: a delivery ranked below the vendor's answer on a push older
// than models.InterruptedAfter shows as interrupted.
func (s *Store) summarise(ctx context.Context, pushes []models.Push, now time.Time) ([]models.PushSummary, error) {
	out := make([]models.PushSummary, len(pushes))
	index := map[int64]int{}
	ids := make([]int64, len(pushes))
	for i, p := range pushes {
		out[i], index[p.ID], ids[i] = models.PushSummary{Push: p, Stages: map[models.Stage]int{}}, i, p.ID
	}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := stageCounts(s.db.WithContext(ctx), ids)
	if err != nil {
		return nil, fmt.Errorf("store: push summaries: %w", err)
	}
	for _, r := range rows {
		if r.N == 0 {
			continue
		}
		sum := &out[index[r.PushID]]
		st := r.Stage
		if st.Rank() < models.StageAccepted.Rank() && now.Sub(sum.CreatedAt) > models.InterruptedAfter {
			st = models.StageInterrupted
		}
		sum.Stages[st] += r.N
		sum.Total += r.N
	}
	return out, nil
}

// PushProgress tells how many of a push's deliveries have their answer
// (past "sent": answered by the vendor, skipped, or further), from the
// counters, for the push page's live progress. A push without deliveries,
// or with none of this ID, is 0 of 0.
func (s *Store) PushProgress(ctx context.Context, pushID int64) (models.PushProgress, error) {
	rows, err := stageCounts(s.db.WithContext(ctx), []int64{pushID})
	if err != nil {
		return models.PushProgress{}, fmt.Errorf("store: progress of push %d: %w", pushID, err)
	}
	var p models.PushProgress
	for _, r := range rows {
		p.Total += r.N
		if r.Stage.Rank() >= models.StageAccepted.Rank() {
			p.Done += r.N
		}
	}
	p.Finished = p.Done == p.Total
	return p, nil
}

// PushSummaryByID is one push of the app with its deliveries counted per
// stage from the counters, without loading them: what a script following
// a large push polls.
func (s *Store) PushSummaryByID(ctx context.Context, appID, id int64, now time.Time) (models.PushSummary, error) {
	var p models.Push
	if err := s.db.WithContext(ctx).Where("app_id = ? AND id = ?", appID, id).Take(&p).Error; err != nil {
		return models.PushSummary{}, fmt.Errorf("store: push %d: %w", id, notFound(err, "push %d does not exist in this app", id))
	}
	sums, err := s.summarise(ctx, []models.Push{p}, now)
	if err != nil {
		return models.PushSummary{}, err
	}
	return sums[0], nil
}
