package models

import (
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
	AuditWebhookUpdate     = "app.webhook"
	AuditWebhookDelete     = "app.webhook_delete"
	AuditWebhookTest       = "app.webhook_test"
	AuditTokenCreate       = "api_token.create"
	AuditTokenRevoke       = "api_token.revoke"
	AuditCertificateCreate = "certificate.create"
	AuditCertificateUpdate = "certificate.update"
	AuditCertificateDelete = "certificate.delete"
	AuditCertificateCheck  = "certificate.check"
	AuditReceiptURLRotate  = "certificate.receipt_url"
	AuditQuotaUpdate       = "certificate.quotas"
	AuditPushSend          = "push.send"
	AuditPushReplay        = "push.replay"
	AuditGroupCreate       = "group.create"
	AuditGroupUpdate       = "group.update"
	AuditGroupDelete       = "group.delete"
	// AuditSandboxCredentials is a download of a sandbox certificate's
	// generated credentials.
	AuditSandboxCredentials = "certificate.sandbox_credentials"
	AuditPhoneCreate        = "phone.create"
	AuditPhoneDelete        = "phone.delete"
)

// AuditActions lists the actions, for the filter.
func AuditActions() []string {
	return []string{AuditSignIn, AuditSignInFailed, AuditSignOut, AuditOperatorCreate, AuditOperatorUpdate, AuditAppCreate,
		AuditAppKeyCreate, AuditAppKeyRevoke, AuditWebhookUpdate, AuditWebhookDelete, AuditWebhookTest,
		AuditTokenCreate, AuditTokenRevoke, AuditCertificateCreate, AuditCertificateUpdate,
		AuditCertificateDelete, AuditCertificateCheck, AuditReceiptURLRotate, AuditQuotaUpdate, AuditPushSend, AuditPushReplay, AuditGroupCreate, AuditGroupUpdate, AuditGroupDelete, AuditSandboxCredentials,
		AuditPhoneCreate, AuditPhoneDelete}
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
