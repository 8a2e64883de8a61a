package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// PushHistory lists an app's pushes matching f, newest first, each with
// its deliveries counted per stage.
func (s *Store) PushHistory(ctx context.Context, appID int64, f models.PushFilter, now time.Time) ([]models.PushSummary, error) {
	q := s.db.WithContext(ctx).Model(&models.Push{}).Where("app_id = ?", appID)
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
		d := s.db.Model(&models.Delivery{}).Select("push_id").Where("app_id = ?", appID)
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
		case models.StageInterrupted:
			d = d.Where("stage = ? OR (stage_rank < ? AND created_at < ?)", models.StageInterrupted, models.StageAccepted.Rank(), now.Add(-models.InterruptedAfter).UTC())
		default:
			d = d.Where("stage = ?", f.Stage)
		}
		q = q.Where("id IN (?)", d)
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var pushes []models.Push
	if err := q.Order("id DESC").Limit(limit).Find(&pushes).Error; err != nil {
		return nil, fmt.Errorf("store: push history: %w", err)
	}
	return s.summarise(ctx, pushes, now)
}

// summarise counts each push's deliveries per shown stage with one
// grouped query.
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
	var rows []struct {
		PushID int64
		Stage  models.Stage
		N      int
	}
	err := s.db.WithContext(ctx).Model(&models.Delivery{}).Select("push_id, stage, COUNT(*) AS n").
		Where("push_id IN ?", ids).Group("push_id, stage").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: push summaries: %w", err)
	}
	for _, r := range rows {
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
