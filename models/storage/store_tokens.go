package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/secrets"
	"gorm.io/gorm"
)

// CreateOperatorToken issues a JSON-API token for an operator. The plaintext
// is returned once.
func (s *Store) CreateOperatorToken(ctx context.Context, operatorID int64, name string) (string, models.OperatorToken, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		name = "API token"
	}
	if len(name) > 80 {
		return "", models.OperatorToken{}, models.Invalid("name", "the token name is longer than 80 characters")
	}
	secret, err := secrets.NewToken(models.PrefixOperatorToken)
	if err != nil {
		return "", models.OperatorToken{}, err
	}
	tok := models.OperatorToken{OperatorID: operatorID, Name: name, Prefix: secrets.TokenHint(secret), Hash: secrets.HashToken(secret), CreatedAt: time.Now().UTC()}
	if err := s.db.WithContext(ctx).Create(&tok).Error; err != nil {
		return "", models.OperatorToken{}, fmt.Errorf("store: create operator token: %w", err)
	}
	return secret, tok, nil
}

// OperatorTokens lists an operator's tokens, newest first.
func (s *Store) OperatorTokens(ctx context.Context, operatorID int64) ([]models.OperatorToken, error) {
	var out []models.OperatorToken
	if err := s.db.WithContext(ctx).Where("operator_id = ?", operatorID).Order("id DESC").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: tokens of operator %d: %w", operatorID, err)
	}
	return out, nil
}

// RevokeOperatorToken revokes one of the operator's own tokens.
func (s *Store) RevokeOperatorToken(ctx context.Context, operatorID, tokenID int64) error {
	res := s.db.WithContext(ctx).Model(&models.OperatorToken{}).
		Where("id = ? AND operator_id = ?", tokenID, operatorID).
		Update("revoked_at", gorm.Expr("COALESCE(revoked_at, ?)", time.Now().UTC()))
	if res.Error != nil {
		return fmt.Errorf("store: revoke operator token %d: %w", tokenID, res.Error)
	}
	if res.RowsAffected == 0 {
		return models.NotFound("token %d does not exist", tokenID)
	}
	return nil
}

// OperatorByToken authenticates a JSON-API request: the token and its
// operator in one query.
func (s *Store) OperatorByToken(ctx context.Context, secret string) (models.Operator, error) {
	var row struct {
		models.OperatorToken `gorm:"embedded"`
		Operator             models.Operator `gorm:"embedded;embeddedPrefix:op_"`
	}
	err := s.db.WithContext(ctx).Table("operator_tokens").Select("operator_tokens.*, "+operatorColumns).
		Joins("JOIN operators ON operators.id = operator_tokens.operator_id").
		Where("operator_tokens.hash = ? AND operator_tokens.revoked_at IS NULL", secrets.HashToken(secret)).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.Operator{}, models.Errorf(models.CodeUnauthenticated, "the API token is unknown or revoked")
	}
	if err != nil {
		return models.Operator{}, fmt.Errorf("store: operator token lookup: %w", err)
	}
	tok, op := row.OperatorToken, row.Operator
	if op.Disabled {
		return models.Operator{}, models.Errorf(models.CodeUnauthenticated, "the operator who owns this token is disabled")
	}
	now := time.Now().UTC()
	if tok.LastUsedAt == nil || now.Sub(*tok.LastUsedAt) > apiKeyTouchInterval {
		if err := s.db.WithContext(ctx).Model(&models.OperatorToken{}).Where("id = ?", tok.ID).Update("last_used_at", now).Error; err != nil {
			return models.Operator{}, fmt.Errorf("store: touch operator token: %w", err)
		}
	}
	return op, nil
}

// AddOperatorToken stores a token whose secret the caller chose and hashed:
// the demo's fixed token.
func (s *Store) AddOperatorToken(ctx context.Context, tok models.OperatorToken) error {
	if err := s.db.WithContext(ctx).Create(&tok).Error; err != nil {
		return fmt.Errorf("store: add operator token: %w", err)
	}
	return nil
}
