package models

import (
	"context"
	"fmt"
	"time"
)

// SaveReport freezes a verdict.
func (s *Store) SaveReport(ctx context.Context, v Verdict, operatorEmail string) (Report, error) {
	r := Report{ID: NewReportID(), AppID: v.AppID, UserID: v.UserID, OperatorEmail: operatorEmail, Verdict: v, CreatedAt: time.Now().UTC()}
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return Report{}, fmt.Errorf("store: save report for %s: %w", v.UserID, err)
	}
	return r, nil
}

// ReportByID finds a report of the app.
func (s *Store) ReportByID(ctx context.Context, appID int64, id string) (Report, error) {
	var r Report
	if err := s.db.WithContext(ctx).Where("app_id = ? AND id = ?", appID, id).Take(&r).Error; err != nil {
		return Report{}, fmt.Errorf("store: report %s: %w", id, notFound(err, "report %s does not exist in this app", id))
	}
	return r, nil
}
