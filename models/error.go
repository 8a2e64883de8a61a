// Package models is pushcheck's domain: apps, operators, devices and their
// reports, certificates, pushes and deliveries with their stages, the
// verdict's vendor-neutral checks, lint findings and quotas, as plain types
// and functions. It imports no database, HTTP or vendor wire format; the
// rooms below it hold the rest:
//
//	models/storage    the one Store: every query, the migrations, both SQL dialects
//	models/sending    sending a test push: targets, lint, fan-out, quota counting
//	models/receipts   taking the vendors' receipt callbacks
//	models/diagnosis  deciding the "why no push?" verdict
//	models/metrics    Prometheus counters, scrape-time gauges and /metrics
//	models/alerts     telling admins about expiring and failing certificates
//	models/secrets    password hashing, bearer tokens, sealing credentials at rest
//	models/demo       the demo app's data
//	models/requestid  the request ID in the context and in every log line
package models

import (
	"errors"
	"fmt"
)

// Error codes are the vocabulary every layer shares; handlers map each to one
// HTTP status in one place, and the JSON API returns them verbatim.
const (
	CodeInvalid          = "invalid_argument"
	CodeNotFound         = "not_found"
	CodeConflict         = "conflict"
	CodeUnauthenticated  = "unauthenticated"
	CodePermissionDenied = "permission_denied"
	CodeTooManyRequests  = "too_many_requests"
	CodeTooLarge         = "payload_too_large"
	CodeUnavailable      = "unavailable"
	CodeInternal         = "internal"
)

// Error is the one application error type. Message is written for the person
// reading it (an operator, or a developer wiring a device); Field names the
// offending input, when there is one.
type Error struct {
	Code    string
	Message string
	Field   string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s (field %s)", e.Code, e.Message, e.Field)
	}
	return e.Code + ": " + e.Message
}

// Invalid reports bad input in one field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: CodeInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// NotFound reports a missing thing, named in the message.
func NotFound(format string, args ...any) *Error {
	return &Error{Code: CodeNotFound, Message: fmt.Sprintf(format, args...)}
}

// Errorf builds an Error with any code.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of an application error anywhere in err's chain,
// and CodeInternal for everything else.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// AsError returns the application error in err's chain, if any.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// IsNotFound reports whether err is a not-found application error.
func IsNotFound(err error) bool { return ErrorCode(err) == CodeNotFound }
