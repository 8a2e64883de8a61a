package models

import (
	"context"
	"fmt"
	"time"
)

// PushFilter narrows the push history; zero fields match everything.
type PushFilter struct {
	UserID        string
	DeviceID      string
	Vendor        Vendor
	CertificateID int64
	Stage         Stage // a delivery of the push is at this stage
	Operator      string
	From, To      time.Time
	GroupID       int64
	Before        int64 // cursor: pushes with a lower ID
	Limit         int
}

// PushSummary is a history row: the push and how its deliveries stand.
type PushSummary struct {
	Push
	Stages map[Stage]int
	Total  int
}

// Final reports whether no delivery of the push can still move.
func (p PushSummary) Final() bool {
	for st, n := range p.Stages {
		if n > 0 && !st.Final() {
			return false
		}
	}
	return true
}

// PushHistory lists an app's pushes matching f, newest first, each with
// its deliveries counted per stage.
func (s *Store) PushHistory(ctx context.Context, appID int64, f PushFilter, now time.Time) ([]PushSummary, error) {
	q := s.db.WithContext(ctx).Model(&Push{}).Where("app_id = ?", appID)
	if f.Before > 0 {
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
	if f.UserID != "" || f.DeviceID != "" || f.Vendor != "" || f.CertificateID > 0 || f.Stage != "" {
		d := s.db.Model(&Delivery{}).Select("push_id").Where("app_id = ?", appID)
		if f.UserID != "" {
			d = d.Where("user_id = ?", f.UserID)
		}
		if f.DeviceID != "" {
			d = d.Where("device_id = ?", f.DeviceID)
		}
		if f.Vendor != "" {
			d = d.Where("vendor = ?", f.Vendor)
		}
		if f.CertificateID > 0 {
			d = d.Where("certificate_id = ?", f.CertificateID)
		}
		switch f.Stage {
		case "":
		case StageInterrupted:
			d = d.Where("stage_rank < ? AND created_at < ?", StageAccepted.Rank(), now.Add(-interruptedAfter).UTC())
		default:
			d = d.Where("stage = ?", f.Stage)
		}
		q = q.Where("id IN (?)", d)
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var pushes []Push
	if err := q.Order("id DESC").Limit(limit).Find(&pushes).Error; err != nil {
		return nil, fmt.Errorf("store: push history: %w", err)
	}
	return s.summarise(ctx, pushes, now)
}

// summarise counts each push's deliveries per shown stage with one
// grouped query.
func (s *Store) summarise(ctx context.Context, pushes []Push, now time.Time) ([]PushSummary, error) {
	out := make([]PushSummary, len(pushes))
	index := map[int64]int{}
	ids := make([]int64, len(pushes))
	for i, p := range pushes {
		out[i], index[p.ID], ids[i] = PushSummary{Push: p, Stages: map[Stage]int{}}, i, p.ID
	}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		PushID int64
		Stage  Stage
		N      int
	}
	err := s.db.WithContext(ctx).Model(&Delivery{}).Select("push_id, stage, COUNT(*) AS n").
		Where("push_id IN ?", ids).Group("push_id, stage").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: push summaries: %w", err)
	}
	for _, r := range rows {
		sum := &out[index[r.PushID]]
		st := r.Stage
		if st.Rank() < StageAccepted.Rank() && now.Sub(sum.CreatedAt) > interruptedAfter {
			st = StageInterrupted
		}
		sum.Stages[st] += r.N
		sum.Total += r.N
	}
	return out, nil
}
