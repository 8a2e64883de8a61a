package models

// NewOperator is what an admin (or start-up configuration) supplies to add
// an operator.
type NewOperator struct {
	Email    string
	Name     string
	Password string
	Role     Role
}
