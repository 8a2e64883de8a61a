package fcm

import (
	"net/http"

	"firebase.google.com/go/v4/errorutils"
	"firebase.google.com/go/v4/messaging"
)

// errorResponse is FCM's HTTP response behind an SDK error, if it got one.
func errorResponse(err error) *http.Response {
	return errorutils.HTTPResponse(err)
}

// errorCode prefers FCM's own errorCode (the FcmError detail) and falls
// back to the Google RPC status, as the FCM docs advise.
func errorCode(err error) string {
	checks := []struct {
		code string
		is   func(error) bool
	}{
		{"UNREGISTERED", messaging.IsUnregistered},
		{"SENDER_ID_MISMATCH", messaging.IsSenderIDMismatch},
		{"QUOTA_EXCEEDED", messaging.IsQuotaExceeded},
		{"THIRD_PARTY_AUTH_ERROR", messaging.IsThirdPartyAuthError},
		{"INVALID_ARGUMENT", messaging.IsInvalidArgument},
		{"UNAVAILABLE", messaging.IsUnavailable},
		{"INTERNAL", messaging.IsInternal},
		{"UNAUTHENTICATED", errorutils.IsUnauthenticated},
		{"PERMISSION_DENIED", errorutils.IsPermissionDenied},
		{"NOT_FOUND", errorutils.IsNotFound},
	}
	for _, c := range checks {
		if c.is(err) {
			return c.code
		}
	}
	return "UNSPECIFIED_ERROR"
}
