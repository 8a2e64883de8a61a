package models

import (
	"net/mail"
	"strings"
	"time"
)

// Role decides what an operator may do. Roles are ordered: each includes the
// rights of the ones below it.
type Role string

const (
	RoleViewer   Role = "viewer"   // read only
	RoleOperator Role = "operator" // look up, send test pushes
	RoleAdmin    Role = "admin"    // everything: apps, operators, certificates
)

// AllRoles lists the roles from most to least powerful, for forms.
func AllRoles() []Role { return []Role{RoleAdmin, RoleOperator, RoleViewer} }

func (r Role) rank() int {
	switch r {
	case RoleAdmin:
		return 3
	case RoleOperator:
		return 2
	case RoleViewer:
		return 1
	}
	return 0
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r.rank() > 0 }

// AtLeast reports whether r grants everything min grants.
func (r Role) AtLeast(min Role) bool { return r.rank() >= min.rank() && r.Valid() }

// ParseRole checks a role name from a form or the CLI.
func ParseRole(s string) (Role, error) {
	r := Role(strings.TrimSpace(s))
	if !r.Valid() {
		return "", Invalid("role", "role must be admin, operator or viewer")
	}
	return r, nil
}

// Operator is a person who signs in to the console.
type Operator struct {
	ID           int64 `gorm:"primaryKey"`
	Email        string
	Name         string
	PasswordHash string
	Role         Role
	Disabled     bool
	// Language is the console language chosen on the profile page.
	Language  Language
	CreatedAt time.Time
}

func (Operator) TableName() string { return "operators" }

// DisplayName is the name, or the email when no name was given.
func (o Operator) DisplayName() string {
	if o.Name != "" {
		return o.Name
	}
	return o.Email
}

// MinPasswordLen is the shortest password the console accepts.
const MinPasswordLen = 10

// NormalizeEmail trims, lower-cases and checks an email address.
func NormalizeEmail(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", Invalid("email", "enter an email address")
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s || len(s) > 254 {
		return "", Invalid("email", "%q is not an email address", s)
	}
	return s, nil
}

// ValidatePassword checks a new password's strength.
func ValidatePassword(pw string) error {
	if len(pw) < MinPasswordLen {
		return Invalid("password", "the password needs at least %d characters", MinPasswordLen)
	}
	if len(pw) > 256 {
		return Invalid("password", "the password is longer than 256 characters")
	}
	return nil
}

// Language is the console language an operator chose; LanguageAuto
// follows the browser's Accept-Language.
type Language string

const (
	LanguageAuto    Language = ""
	LanguageEnglish Language = "en"
	LanguageChinese Language = "zh-CN"
)

// Languages are the console's languages, English first: the fallback.
func Languages() []Language { return []Language{LanguageEnglish, LanguageChinese} }

// ParseLanguage checks a language choice from the profile form.
func ParseLanguage(s string) (Language, error) {
	l := Language(strings.TrimSpace(s))
	if l == LanguageAuto {
		return l, nil
	}
	for _, known := range Languages() {
		if l == known {
			return l, nil
		}
	}
	return "", Invalid("language", "language must be en, zh-CN or empty (follow the browser)")
}
