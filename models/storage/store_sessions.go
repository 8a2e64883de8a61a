package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/secrets"
	"gorm.io/gorm"
)

// SessionLifetime is how long a sign-in lasts before the operator must sign
// in again.
const SessionLifetime = 12 * time.Hour

// CreateSession signs an operator in. It returns the cookie value (never
// stored) and the session.
func (s *Store) CreateSession(ctx context.Context, operatorID int64, userAgent, ip string) (string, models.Session, error) {
	token, err := secrets.NewToken("")
	if err != nil {
		return "", models.Session{}, err
	}
	csrf, err := secrets.NewToken("")
	if err != nil {
		return "", models.Session{}, err
	}
	userAgent = models.StorableText(userAgent, 200)
	now := time.Now().UTC()
	sess := models.Session{ID: secrets.HashToken(token), OperatorID: operatorID, CSRFToken: csrf, UserAgent: userAgent, IP: ip, CreatedAt: now, ExpiresAt: now.Add(SessionLifetime)}
	if err := s.db.WithContext(ctx).Create(&sess).Error; err != nil {
		return "", models.Session{}, fmt.Errorf("store: create session: %w", err)
	}
	return token, sess, nil
}

// SessionByToken resolves a session cookie to its live session and enabled
// operator, in one query: every page and console request makes it.
func (s *Store) SessionByToken(ctx context.Context, token string) (models.Session, models.Operator, error) {
	var row struct {
		models.Session `gorm:"embedded"`
		Operator       models.Operator `gorm:"embedded;embeddedPrefix:op_"`
	}
	err := s.db.WithContext(ctx).Table("sessions").Select("sessions.*, "+operatorColumns).
		Joins("JOIN operators ON operators.id = sessions.operator_id").
		Where("sessions.id = ? AND sessions.expires_at > ?", secrets.HashToken(token), time.Now().UTC()).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.Session{}, models.Operator{}, models.Errorf(models.CodeUnauthenticated, "your session has ended: sign in again")
	}
	if err != nil {
		return models.Session{}, models.Operator{}, fmt.Errorf("store: session lookup: %w", err)
	}
	if row.Operator.Disabled {
		return models.Session{}, models.Operator{}, models.Errorf(models.CodeUnauthenticated, "this operator is disabled")
	}
	return row.Session, row.Operator, nil
}

// operatorColumns selects the joined operator's columns under the op_
// prefix, for a row that embeds models.Operator with that prefix.
const operatorColumns = "operators.id AS op_id, operators.email AS op_email, operators.name AS op_name, operators.password_hash AS op_password_hash, " +
	"operators.role AS op_role, operators.disabled AS op_disabled, operators.language AS op_language, operators.created_at AS op_created_at"

// DeleteSession signs one session out.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	if err := s.db.WithContext(ctx).Where("id = ?", id).Delete(&models.Session{}).Error; err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// DeleteOtherSessions signs an operator out everywhere but the current session.
func (s *Store) DeleteOtherSessions(ctx context.Context, operatorID int64, keepID string) error {
	if err := s.db.WithContext(ctx).Where("operator_id = ? AND id <> ?", operatorID, keepID).Delete(&models.Session{}).Error; err != nil {
		return fmt.Errorf("store: delete sessions of operator %d: %w", operatorID, err)
	}
	return nil
}

// SessionsOfOperator lists an operator's live sessions, newest first.
func (s *Store) SessionsOfOperator(ctx context.Context, operatorID int64) ([]models.Session, error) {
	var out []models.Session
	err := s.db.WithContext(ctx).Where("operator_id = ? AND expires_at > ?", operatorID, time.Now().UTC()).Order("created_at DESC").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: sessions of operator %d: %w", operatorID, err)
	}
	return out, nil
}

// DeleteExpiredSessions removes sessions past their lifetime.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	res := s.db.WithContext(ctx).Where("expires_at <= ?", now.UTC()).Delete(&models.Session{})
	if res.Error != nil {
		return 0, fmt.Errorf("store: delete expired sessions: %w", res.Error)
	}
	return res.RowsAffected, nil
}
