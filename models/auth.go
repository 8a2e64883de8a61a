package models

import "time"

// Session is a signed-in browser. ID is the hash of the cookie value, so a
// database dump does not hand out live sessions. CSRFToken guards every
// state-changing form of the session.
type Session struct {
	ID         string `gorm:"primaryKey"`
	OperatorID int64
	CSRFToken  string `gorm:"column:csrf_token"`
	UserAgent  string
	IP         string `gorm:"column:ip"`
	CreatedAt  time.Time
	ExpiresAt  time.Time
}

func (Session) TableName() string { return "sessions" }

// OperatorToken authenticates an operator on the JSON API, with the
// operator's role.
type OperatorToken struct {
	ID         int64 `gorm:"primaryKey"`
	OperatorID int64
	Name       string
	Prefix     string
	Hash       string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

func (OperatorToken) TableName() string { return "operator_tokens" }

// SetupToken is the one-time link that creates the first admin.
type SetupToken struct {
	Hash      string `gorm:"primaryKey"`
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

func (SetupToken) TableName() string { return "setup_tokens" }

// Prefixes make a leaked bearer secret recognisable for what it is.
const (
	PrefixAPIKey        = "pck_"
	PrefixOperatorToken = "pco_"
)
