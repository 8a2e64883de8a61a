package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// SessionLifetime is how long a sign-in lasts before the operator must sign
// in again.
const SessionLifetime = 12 * time.Hour

// CreateSession signs an operator in. It returns the cookie value (never
// stored) and the session.
func (s *Store) CreateSession(ctx context.Context, operatorID int64, userAgent, ip string) (string, Session, error) {
	token, err := newSecret("")
	if err != nil {
		return "", Session{}, err
	}
	csrf, err := newSecret("")
	if err != nil {
		return "", Session{}, err
	}
	if len(userAgent) > 200 {
		userAgent = userAgent[:200]
	}
	now := time.Now().UTC()
	sess := Session{ID: hashSecret(token), OperatorID: operatorID, CSRFToken: csrf, UserAgent: userAgent, IP: ip, CreatedAt: now, ExpiresAt: now.Add(SessionLifetime)}
	if err := s.db.WithContext(ctx).Create(&sess).Error; err != nil {
		return "", Session{}, fmt.Errorf("store: create session: %w", err)
	}
	return token, sess, nil
}

// SessionByToken resolves a session cookie to its live session and enabled
// operator.
func (s *Store) SessionByToken(ctx context.Context, token string) (Session, Operator, error) {
	var sess Session
	err := s.db.WithContext(ctx).Where("id = ? AND expires_at > ?", hashSecret(token), time.Now().UTC()).Take(&sess).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Session{}, Operator{}, Errorf(CodeUnauthenticated, "your session has ended: sign in again")
	}
	if err != nil {
		return Session{}, Operator{}, fmt.Errorf("store: session lookup: %w", err)
	}
	op, err := s.OperatorByID(ctx, sess.OperatorID)
	if err != nil {
		return Session{}, Operator{}, err
	}
	if op.Disabled {
		return Session{}, Operator{}, Errorf(CodeUnauthenticated, "this operator is disabled")
	}
	return sess, op, nil
}

// DeleteSession signs one session out.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	if err := s.db.WithContext(ctx).Where("id = ?", id).Delete(&Session{}).Error; err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// DeleteOtherSessions signs an operator out everywhere but the current session.
func (s *Store) DeleteOtherSessions(ctx context.Context, operatorID int64, keepID string) error {
	if err := s.db.WithContext(ctx).Where("operator_id = ? AND id <> ?", operatorID, keepID).Delete(&Session{}).Error; err != nil {
		return fmt.Errorf("store: delete sessions of operator %d: %w", operatorID, err)
	}
	return nil
}

// SessionsOfOperator lists an operator's live sessions, newest first.
func (s *Store) SessionsOfOperator(ctx context.Context, operatorID int64) ([]Session, error) {
	var out []Session
	err := s.db.WithContext(ctx).Where("operator_id = ? AND expires_at > ?", operatorID, time.Now().UTC()).Order("created_at DESC").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: sessions of operator %d: %w", operatorID, err)
	}
	return out, nil
}

// DeleteExpiredSessions removes sessions past their lifetime.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	res := s.db.WithContext(ctx).Where("expires_at <= ?", now.UTC()).Delete(&Session{})
	if res.Error != nil {
		return 0, fmt.Errorf("store: delete expired sessions: %w", res.Error)
	}
	return res.RowsAffected, nil
}
