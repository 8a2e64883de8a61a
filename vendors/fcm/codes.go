package fcm

import (
	"strings"

	"github.com/pushcheck/pushcheck/vendors"
)

// codes explains every FCM v1 error code (docs/vendors/fcm.md §5: the FcmError
// errorCode, else the Google RPC status) and the OAuth failures of the
// service-account token exchange.
func codes() map[string]vendors.Code {
	rejected, auth, failed := vendors.BadRequest, vendors.AuthFailure, vendors.Transient
	return map[string]vendors.Code{
		// FCM's ErrorCode reference: "No more information is available about
		// this error" — nothing to read a kind from (docs/vendors/fcm.md §5).
		"UNSPECIFIED_ERROR": vendors.Unknown("FCM gave no detail about the error (UNSPECIFIED_ERROR)", "send again once; if it persists, check the Firebase status page"),
		"INVALID_ARGUMENT": rejected("FCM refused a field: a malformed token, a token of another app package, a message over 4096 bytes, a reserved data key (from, gcm, google.*), or an invalid TTL",
			"read FCM's message in the response; check that the token comes from this Firebase project's app and shorten title, desc or ext"),
		"UNREGISTERED": vendors.DeadToken("the token is no longer valid: the app was uninstalled, its data cleared, or the token expired after long inactivity",
			"remove the binding; the app gets a new token from FirebaseMessaging.getToken() at its next start and must report it"),
		"SENDER_ID_MISMATCH": rejected("the token belongs to another Firebase project than this certificate's service account",
			"upload the service account of the project whose google-services.json / GoogleService-Info.plist the app ships"),
		// Google: QUOTA_EXCEEDED is either the project's rate (600,000 a
		// minute) or the per-device message rate, and the body does not say
		// which. Both pass within minutes, and FCM has no daily cap, so it is
		// read as transient: it marks neither the certificate nor the device.
		"QUOTA_EXCEEDED": failed("a sending rate was hit: the project's 600,000 messages per minute, or too many messages to this one device (FCM does not say which; neither lasts)",
			"wait a minute and send again; for one device, space the test pushes out"),
		"UNAVAILABLE": failed("FCM is overloaded or briefly unavailable", "send again in a moment (FCM asks for exponential back-off)"),
		"INTERNAL":    failed("FCM had an internal error", "send again in a moment"),
		"THIRD_PARTY_AUTH_ERROR": auth("FCM could not deliver through APNs or Web Push: the APNs key/certificate or VAPID key in the Firebase console is missing or invalid",
			"for iOS tokens, upload the APNs auth key in Firebase console → Project settings → Cloud Messaging; for web, check the VAPID key"),
		"APNS_AUTH_ERROR": auth("FCM's APNs credentials are invalid (the older name of THIRD_PARTY_AUTH_ERROR)",
			"upload a valid APNs auth key in Firebase console → Project settings → Cloud Messaging"),
		"UNAUTHENTICATED": auth("FCM did not accept the access token from the service account",
			"check the service account key is current (not deleted in Google Cloud IAM) and upload a fresh JSON key"),
		"PERMISSION_DENIED": auth("the service account may not send with FCM in this project",
			"give the service account the Firebase Cloud Messaging API Admin role, and enable the FCM API for the project"),
		"NOT_FOUND": rejected("FCM does not know the project, or the entity was not found",
			"check project_id in the service account JSON"),
		"oauth:invalid_grant": auth("Google refused the service account's sign-in (invalid_grant): the key was deleted or disabled, or the server clock is wrong",
			"create a new key for the service account, upload it, and check the server's clock"),
		"oauth:invalid_client":      auth("Google does not know the service account's client", "upload the service-account JSON again; the account may have been deleted"),
		"oauth:unauthorized_client": auth("the service account may not request this scope", "use a service account of the Firebase project"),
	}
}

// explain looks a code up and adds FCM's (or, for the token exchange,
// Google's) message; unknown codes are told in that message.
func explain(code, message string) vendors.Code {
	vendor := "FCM"
	if strings.HasPrefix(code, "oauth:") {
		vendor = "Google"
	}
	return vendors.Explain(codes(), vendor, code, message, "the FCM v1 ErrorCode reference")
}

// Answers is the code table by message key, for the catalogues' test
// (vendors/all): every entry's words are in both languages.
func Answers() map[string]vendors.Code { return codes() }
