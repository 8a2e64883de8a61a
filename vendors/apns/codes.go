package apns

import (
	"fmt"
	"net/http"

	"github.com/pushcheck/pushcheck/vendors"
)

// codes explains every reason in Apple's "Handling error responses from
// APNs" table (docs/vendors/apns.md §5, copied in apns2's response.go).
func codes() map[string]vendors.Code {
	rejected, auth, failed, dead := vendors.BadRequest, vendors.AuthFailure, vendors.Transient, vendors.DeadToken
	return map[string]vendors.Code{
		"BadCollapseId":             rejected("the collapse ID is longer than 64 bytes", "shorten the collapse ID to 64 bytes or less"),
		"BadDeviceToken":            rejected("APNs does not know this token on this host: most often a sandbox (development build) token sent to production, or the reverse; otherwise the token is malformed", "compare the build's aps-environment (the device's reported environment) with the certificate's environment; use the development certificate for Xcode/debug builds and production for TestFlight/App Store"),
		"BadExpirationDate":         rejected("the apns-expiration value is not a valid UNIX time", "send 0 (do not store) or a future UNIX time in seconds"),
		"BadMessageId":              rejected("the apns-id is not a valid UUID", "let APNs assign the ID, or send a canonical UUID"),
		"BadPriority":               rejected("the apns-priority is not 10, 5 or 1", "use 10 for alerts, 5 for background pushes"),
		"BadTopic":                  rejected("the apns-topic (bundle ID) is not valid", "set the certificate's bundle ID to the app's exact bundle identifier"),
		"DeviceTokenNotForTopic":    rejected("the token belongs to another app (bundle ID) than the certificate's topic", "check that the device reported the certificate ID of this app, and that the bundle ID matches the build"),
		"DuplicateHeaders":          rejected("a header was sent twice", "report this to the pushcheck developers: the request is built wrongly"),
		"IdleTimeout":               failed("APNs closed an idle connection", "send again: pushcheck reconnects"),
		"InvalidPushType":           rejected("the apns-push-type is not one APNs knows", "use alert, background, voip, location, complication, fileprovider, mdm, liveactivity or pushtotalk"),
		"MissingDeviceToken":        rejected("no device token in the request", "the device has no token: it must register again"),
		"MissingTopic":              rejected("the certificate covers several topics and none was named", "set the bundle ID on the certificate"),
		"PayloadEmpty":              rejected("the notification payload was empty", "give the push a title or desc"),
		"TopicDisallowed":           rejected("pushing to this topic is not allowed", "check the bundle ID and the app's push capability in the Apple developer portal"),
		"BadCertificate":            auth("APNs rejected the client certificate", "export the Apple Push certificate with its private key again and upload the new .p12"),
		"BadCertificateEnvironment": auth("the certificate is for the other APNs environment", "set the certificate's environment to match the certificate (development certificates reach the sandbox host only)"),
		"ExpiredProviderToken":      auth("the signing token (JWT) is older than one hour", "send again: pushcheck refreshes tokens every 50 minutes; a wrong server clock also causes this"),
		"Forbidden":                 auth("the action is not allowed", "check the key's or certificate's permissions in the Apple developer portal"),
		"InvalidProviderToken":      auth("the signing token is invalid: wrong Key ID or Team ID, a revoked key, or a key from another team", "check the Key ID and Team ID against Certificates, Identifiers & Profiles → Keys, and that the key is still active"),
		"MissingProviderToken":      auth("neither a certificate nor a signing token was sent", "upload a .p8 key or a .p12 certificate for this certificate ID"),
		"BadPath":                   rejected("the request path is wrong", "report this to the pushcheck developers"),
		"MethodNotAllowed":          rejected("APNs only accepts POST", "report this to the pushcheck developers"),
		"ExpiredToken":              dead("the device token has expired", "the app must register for remote notifications again and report the new token"),
		"Unregistered":              dead("the token is no longer active for this app: the app was uninstalled, or the user reinstalled and the token rotated", "remove the binding; the app reports a new token at its next launch and login"),
		"PayloadTooLarge":           rejected("the payload is over 4096 bytes (5120 for VoIP)", "shorten the title, desc or ext"),
		// Apple: the provider token was updated too often. It concerns the
		// signing key, not a device or a daily quota: wait, and share one
		// token per key (pushcheck renews it every 50 minutes).
		"TooManyProviderTokenUpdates": failed("the signing token was regenerated too often (more than once in 20 minutes)", "wait a few minutes; do not run several servers with separate token caches for one key"),
		// Apple: "too many requests were made consecutively to the same device
		// token". One device waits; the certificate is fine.
		"TooManyRequests":     vendors.DeviceLimit("too many pushes to this one device in a short time", "wait a few minutes before sending to this device again; other devices are not affected"),
		"InternalServerError": failed("APNs had an internal error", "send again later"),
		"ServiceUnavailable":  failed("APNs is unavailable or overloaded", "send again later; pushcheck opens a new connection"),
		"Shutdown":            failed("the APNs server is shutting down", "send again: pushcheck opens a new connection"),
	}
}

// explain looks up a reason; unknown ones keep APNs' own words.
func explain(reason string) vendors.Code {
	if c, ok := codes()[reason]; ok {
		return c
	}
	return vendors.Unknown("APNs answered "+reason, "look the reason up in Apple's \"Handling error responses from APNs\"")
}

// explainStatus reads an error status that came without a reason by
// Apple's status table (docs/vendors/apns.md §5): 500 and 503 are APNs'
// own trouble and pass; any other status is told as it is, and a 410
// without its reason does not condemn the token.
func explainStatus(status int) vendors.Code {
	if status == http.StatusInternalServerError || status == http.StatusServiceUnavailable {
		return vendors.Transient(fmt.Sprintf("APNs answered HTTP %d without a reason: an internal error, or a server unavailable or shutting down", status),
			"send again later: pushcheck opens a new connection")
	}
	return vendors.Unknown(fmt.Sprintf("APNs answered HTTP %d (%s) without the reason Apple's answers carry", status, http.StatusText(status)),
		"send again; if it persists, check for a proxy between pushcheck and api.push.apple.com")
}

// Answers is the code table by message key, for the catalogues' test
// (vendors/all): every entry's words are in both languages.
func Answers() map[string]vendors.Code { return codes() }
