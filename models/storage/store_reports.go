package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// SaveReport freezes a verdict.
func (s *Store) SaveReport(ctx context.Context, v models.Verdict, devices []models.ReportDevice, operatorEmail string) (models.Report, error) {
	r := models.Report{ID: models.NewReportID(), AppID: v.AppID, UserID: v.UserID, OperatorEmail: operatorEmail, Verdict: v, Devices: devices, CreatedAt: time.Now().UTC()}
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return models.Report{}, fmt.Errorf("store: save report for %s: %w", v.UserID, err)
	}
	return r, nil
}

// ReportByID finds a report of the app.
func (s *Store) ReportByID(ctx context.Context, appID int64, id string) (models.Report, error) {
	var r models.Report
	if err := s.db.WithContext(ctx).Where("app_id = ? AND id = ?", appID, id).Take(&r).Error; err != nil {
		return models.Report{}, fmt.Errorf("store: report %s: %w", id, notFound(err, "report %s does not exist in this app", id))
	}
	return r, nil
}
