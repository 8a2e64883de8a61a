package models

import (
	"context"
	"fmt"
	"time"
)

// AuditEntry is one thing someone did: who, what, to what, with which
// details, and how it ended. Entries are written after the action and
// never changed.
type AuditEntry struct {
	ID         int64 `gorm:"primaryKey"`
	At         time.Time
	AppID      *int64
	ActorID    int64
	Actor      string // the operator's email, or what they typed when sign-in failed
	Action     string
	Target     string
	Detail     string
	Outcome    string
	RemoteAddr string
}

func (AuditEntry) TableName() string { return "audit_entries" }

// Audit actions.
const (
	AuditSignIn            = "sign_in"
	AuditSignInFailed      = "sign_in_failed"
	AuditSignOut           = "sign_out"
	AuditOperatorCreate    = "operator.create"
	AuditOperatorUpdate    = "operator.update"
	AuditAppCreate         = "app.create"
	AuditAppKeyCreate      = "app_key.create"
	AuditAppKeyRevoke      = "app_key.revoke"
	AuditTokenCreate       = "api_token.create"
	AuditTokenRevoke       = "api_token.revoke"
	AuditCertificateCreate = "certificate.create"
	AuditCertificateUpdate = "certificate.update"
	AuditCertificateDelete = "certificate.delete"
	AuditCertificateCheck  = "certificate.check"
	AuditQuotaUpdate       = "certificate.quotas"
	AuditPushSend          = "push.send"
	AuditPushReplay        = "push.replay"
	AuditGroupCreate       = "group.create"
	AuditGroupUpdate       = "group.update"
	AuditGroupDelete       = "group.delete"
)

// AuditActions lists the actions, for the filter.
func AuditActions() []string {
	return []string{AuditSignIn, AuditSignInFailed, AuditSignOut, AuditOperatorCreate, AuditOperatorUpdate, AuditAppCreate,
		AuditAppKeyCreate, AuditAppKeyRevoke, AuditTokenCreate, AuditTokenRevoke, AuditCertificateCreate, AuditCertificateUpdate,
		AuditCertificateDelete, AuditCertificateCheck, AuditQuotaUpdate, AuditPushSend, AuditPushReplay, AuditGroupCreate, AuditGroupUpdate, AuditGroupDelete}
}

// Audit writes an entry.
func (s *Store) Audit(ctx context.Context, e AuditEntry) error {
	e.ID = 0
	if e.At.IsZero() {
		e.At = time.Now()
	}
	e.At = e.At.UTC()
	if err := s.db.WithContext(ctx).Create(&e).Error; err != nil {
		return fmt.Errorf("store: audit %s: %w", e.Action, err)
	}
	return nil
}

// AuditFilter narrows the audit log; zero fields match everything.
type AuditFilter struct {
	Action   string
	Actor    string
	AppID    int64
	From, To time.Time
	Before   int64
	Limit    int
}

// AuditLog lists entries matching f, newest first.
func (s *Store) AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	q := s.db.WithContext(ctx).Model(&AuditEntry{})
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.Actor != "" {
		q = q.Where("actor = ?", f.Actor)
	}
	if f.AppID > 0 {
		q = q.Where("app_id = ?", f.AppID)
	}
	if !f.From.IsZero() {
		q = q.Where("at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		q = q.Where("at < ?", f.To.UTC())
	}
	if f.Before > 0 {
		q = q.Where("id < ?", f.Before)
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	var out []AuditEntry
	if err := q.Order("id DESC").Limit(limit).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	return out, nil
}

// PruneAudit removes entries older than cutoff.
func (s *Store) PruneAudit(ctx context.Context, cutoff time.Time) (int64, error) {
	res := s.db.WithContext(ctx).Where("at < ?", cutoff.UTC()).Delete(&AuditEntry{})
	if res.Error != nil {
		return 0, fmt.Errorf("store: prune audit: %w", res.Error)
	}
	return res.RowsAffected, nil
}
