package honor

import (
	"strings"

	"github.com/pushcheck/pushcheck/vendors"
)

// Honor's code table is thin (docs/vendors/honor.md §5): code 200 and the
// per-token lists failTokens / expireTokens are confirmed by the SDKs that
// call it. Honor forked Huawei's Push Kit API and, as SDK users report,
// answers with Huawei's 8xxxxxxx business codes for the same failures;
// those are explained here with Huawei's meanings. The search of public
// SDKs (2026-11) found no fuller table. Unknown codes show Honor's message.
func codes() map[string]vendors.Code {
	credentials := "check the Client ID and Client Secret in the Honor developer console → your app → Push service, save the certificate again and run Test connection"
	return map[string]vendors.Code{
		"200": vendors.Accept("Honor accepted the message for delivery"),
		// Honor's fork of Huawei's API answers Huawei's success code too, as
		// SDK users report (unconfirmed by Honor's own pages).
		"80000000":    vendors.Accept("Honor accepted the message for delivery"),
		"expireToken": vendors.DeadToken("Honor listed the token in expireTokens: it expired (the app was uninstalled, its data cleared, or it was not opened for a long time)", "the app gets a new token from HonorPushClient.getPushToken() at its next start and must report it"),
		"failToken":   vendors.BadRequest("Honor listed the token in failTokens: it could not be sent to (a malformed token, or one of another app)", "check the token was reported by this app, whose App ID is on the certificate"),
		"80100001":    vendors.BadRequest("some request parameters are wrong (Honor names the field)", "read Honor's message in the response and correct that field"),
		"80100003":    vendors.BadRequest("the message structure is wrong (e.g. a badge number over 99, a missing click action)", "read Honor's message in the response; badge numbers run 0–99"),
		"80200001":    vendors.AuthFailure("Honor refused the access token: missing, or issued to another app", credentials),
		"80200003":    vendors.AuthFailure("the access token expired, and so did a fresh one", "check the server clock; "+credentials),
		// Huawei's meaning, which docs/vendors/honor.md §5 keeps as an auth
		// failure: the app's right to send, fixed in the console.
		"80300002": vendors.AuthFailure("the app may not send: Push is not enabled for it, or the token belongs to another app", "enable Push for the app in the Honor developer console and check the App ID"),
		// Huawei's meaning, which Honor inherits: the token is malformed or
		// belongs to another app, which a wrong certificate causes for every
		// device alike. Not proof that this token is dead.
		"80300007": vendors.BadRequest("Honor says the token is invalid: it is malformed, expired, or belongs to another app than this certificate's (Honor does not say which)", "check the device reported this app's certificate ID and that the App ID matches; otherwise the app must report a fresh token from HonorPushClient.getPushToken()"),
		"80300008": vendors.BadRequest("the message is larger than 4096 bytes", "shorten title, desc or ext"),
		"80300010": vendors.BadRequest("too many tokens in one request", "send to at most 1000 tokens at once"),
		"81000001": vendors.Transient("Honor had an internal error", "send again in a moment"),
		"HTTP 400": vendors.BadRequest("Honor refused the request parameters", "read Honor's answer in the response"),
		"HTTP 401": vendors.AuthFailure("Honor refused the authentication", credentials),
		"HTTP 404": vendors.BadRequest("Honor does not know the URL: the App ID in it is wrong", "check the certificate's App ID"),
		"HTTP 500": vendors.Transient("Honor had an internal error", "send again in a moment"),
		"HTTP 502": vendors.Transient("Honor's gateway could not reach its service", "send again in a moment"),
		// Flow control: a rate that passes, not a daily quota.
		"HTTP 503": vendors.Transient("Honor is throttling the app (flow control)", "spread sends out and send again later"),
	}
}

// explain looks a code up; unknown codes keep Honor's own message.
func explain(code, message string) vendors.Code {
	if strings.HasPrefix(code, "oauth:") {
		return vendors.AuthFailure("Honor's IAM refused the client credentials: "+message,
			"check the Client ID and Client Secret in the Honor developer console → your app → Push service")
	}
	return vendors.Explain(codes(), "Honor", code, message, "Honor Push's downlink-message reference")
}

// Answers is the code table by message key, for the catalogues' test
// (vendors/all): every entry's words are in both languages.
func Answers() map[string]vendors.Code { return codes() }
