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

// buildOperator checks an operator input and hashes its password.
func buildOperator(n models.NewOperator) (models.Operator, error) {
	email, err := models.NormalizeEmail(n.Email)
	if err != nil {
		return models.Operator{}, err
	}
	if !n.Role.Valid() {
		return models.Operator{}, models.Invalid("role", "role must be admin, operator or viewer")
	}
	if err := models.ValidatePassword(n.Password); err != nil {
		return models.Operator{}, err
	}
	name := strings.TrimSpace(n.Name)
	if len(name) > 80 {
		return models.Operator{}, models.Invalid("name", "the name is longer than 80 characters")
	}
	hash, err := secrets.HashPassword(n.Password)
	if err != nil {
		return models.Operator{}, err
	}
	return models.Operator{Email: email, Name: name, PasswordHash: hash, Role: n.Role, CreatedAt: time.Now().UTC()}, nil
}

// CreateOperator adds an operator; the email must be new.
func (s *Store) CreateOperator(ctx context.Context, n models.NewOperator) (models.Operator, error) {
	op, err := buildOperator(n)
	if err != nil {
		return models.Operator{}, err
	}
	if err := s.db.WithContext(ctx).Create(&op).Error; err != nil {
		if isUniqueViolation(err) {
			return models.Operator{}, &models.Error{Code: models.CodeConflict, Field: "email", Message: fmt.Sprintf("an operator with email %s already exists", op.Email)}
		}
		return models.Operator{}, fmt.Errorf("store: create operator: %w", err)
	}
	return op, nil
}

// EnsureAdmin makes sure an enabled admin with this email and password exists:
// it creates one, or resets an existing operator's password, role and
// disabled flag. It backs PUSHCHECK_ADMIN_EMAIL/PASSWORD, the way out when
// the only admin is locked out.
func (s *Store) EnsureAdmin(ctx context.Context, email, password string) (models.Operator, error) {
	op, err := buildOperator(models.NewOperator{Email: email, Password: password, Role: models.RoleAdmin})
	if err != nil {
		return models.Operator{}, err
	}
	err = s.tx(ctx, func(tx *gorm.DB) error {
		var existing models.Operator
		err := tx.Where("email = ?", op.Email).Take(&existing).Error
		switch {
		case errors.Is(err, gorm.ErrRecordNotFound):
			return tx.Create(&op).Error
		case err != nil:
			return err
		}
		op.ID, op.Name, op.CreatedAt = existing.ID, existing.Name, existing.CreatedAt
		return tx.Model(&models.Operator{}).Where("id = ?", existing.ID).
			Updates(map[string]any{"password_hash": op.PasswordHash, "role": models.RoleAdmin, "disabled": false}).Error
	})
	if err != nil {
		return models.Operator{}, fmt.Errorf("store: ensure admin %s: %w", op.Email, err)
	}
	return op, nil
}

// OperatorByEmail finds an operator for sign-in.
func (s *Store) OperatorByEmail(ctx context.Context, email string) (models.Operator, error) {
	var op models.Operator
	if err := s.db.WithContext(ctx).Where("email = ?", strings.ToLower(strings.TrimSpace(email))).Take(&op).Error; err != nil {
		return models.Operator{}, fmt.Errorf("store: operator %s: %w", email, notFound(err, "no operator with email %s", email))
	}
	return op, nil
}

// OperatorByID finds an operator.
func (s *Store) OperatorByID(ctx context.Context, id int64) (models.Operator, error) {
	var op models.Operator
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&op).Error; err != nil {
		return models.Operator{}, fmt.Errorf("store: operator %d: %w", id, notFound(err, "operator %d does not exist", id))
	}
	return op, nil
}

// Operators lists every operator by email.
func (s *Store) Operators(ctx context.Context) ([]models.Operator, error) {
	var ops []models.Operator
	if err := s.db.WithContext(ctx).Order("email").Find(&ops).Error; err != nil {
		return nil, fmt.Errorf("store: list operators: %w", err)
	}
	return ops, nil
}

// CountOperators tells whether the console has been set up.
func (s *Store) CountOperators(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&models.Operator{}).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("store: count operators: %w", err)
	}
	return n, nil
}

// UpdateOperatorAccess changes an operator's role and disabled flag. It
// refuses to leave the console without an enabled admin, and disabling ends
// the operator's sessions at once.
func (s *Store) UpdateOperatorAccess(ctx context.Context, id int64, role models.Role, disabled bool) (models.Operator, error) {
	if !role.Valid() {
		return models.Operator{}, models.Invalid("role", "role must be admin, operator or viewer")
	}
	var op models.Operator
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("id = ?", id).Take(&op).Error; err != nil {
			return notFound(err, "operator %d does not exist", id)
		}
		if op.Role == models.RoleAdmin && !op.Disabled && (role != models.RoleAdmin || disabled) {
			var admins int64
			if err := tx.Model(&models.Operator{}).Where("role = ? AND disabled = ? AND id <> ?", models.RoleAdmin, false, id).Count(&admins).Error; err != nil {
				return err
			}
			if admins == 0 {
				return &models.Error{Code: models.CodeConflict, Field: "role", Message: "this is the last enabled admin: make someone else admin first"}
			}
		}
		op.Role, op.Disabled = role, disabled
		if err := tx.Model(&models.Operator{}).Where("id = ?", id).Updates(map[string]any{"role": role, "disabled": disabled}).Error; err != nil {
			return err
		}
		if disabled {
			if err := tx.Where("operator_id = ?", id).Delete(&models.Session{}).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return models.Operator{}, fmt.Errorf("store: update operator %d: %w", id, err)
	}
	return op, nil
}

// SetOperatorLanguage stores the console language an operator chose.
func (s *Store) SetOperatorLanguage(ctx context.Context, id int64, l models.Language) error {
	res := s.db.WithContext(ctx).Model(&models.Operator{}).Where("id = ?", id).Update("language", l)
	if res.Error != nil {
		return fmt.Errorf("store: set language of operator %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return models.NotFound("operator %d does not exist", id)
	}
	return nil
}
