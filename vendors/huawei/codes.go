package huawei

import (
	"strings"

	"github.com/pushcheck/pushcheck/vendors"
)

// codes explains every business code of the Push Kit send API and its
// HTTP statuses (docs/vendors/huawei.md §5, from Huawei's send API reference).
func codes() map[string]vendors.Code {
	credentials := "check the Client ID and Client Secret in AppGallery Connect → Project settings → App information, save the certificate again and run Test connection"
	return map[string]vendors.Code{
		"80000000": vendors.Accept("Huawei accepted the message for delivery"),
		"80100000": vendors.BadRequest("Huawei accepted the request only in part: some tokens were refused (listed in illegal_tokens)", "remove the refused tokens; the devices must report new ones"),
		"80100001": vendors.BadRequest("some request parameters are wrong (Huawei names the field in msg)", "read Huawei's msg in the response and correct that field"),
		"80100003": vendors.BadRequest("the message structure is wrong: Huawei's msg names the field (e.g. a badge number over 99, an unknown category, a missing click action)", "read Huawei's msg in the response; badge numbers run 0–99 and categories must be granted to the app"),
		"80100004": vendors.BadRequest("the message's TTL ends before now", "send without a TTL, or with a TTL in the future"),
		"80100013": vendors.BadRequest("the collapse_key is invalid", "use -1, 0 or 1–100 as collapse_key"),
		"80100016": vendors.BadRequest("Huawei found sensitive content in the message", "reword the title and text; Huawei's 推必安 content review explains what triggered it"),
		// A limit on concurrent topic tasks that clears as they finish
		// (docs/vendors/huawei.md §5): nothing to fix in the message.
		"80100017": vendors.Transient("more than 100 topic pushes are running at once", "wait for running topic pushes to finish, then send again"),
		"80100018": vendors.BadRequest("the review signature does not match the message", "sign the reviewed content again, or send without the review fields"),
		"80200001": vendors.AuthFailure("Huawei refused the access token: missing, or issued to another app", credentials),
		"80200003": vendors.AuthFailure("the access token expired, and so did a fresh one", "check the server clock; "+credentials),
		"80200005": vendors.AuthFailure("the service-account JWT expired", "check the server clock and the service-account key"),
		"80300002": vendors.AuthFailure("the app may not send: Push Kit is not enabled, the overseas permission is missing, or the token belongs to another app",
			"enable Push Kit for the app in AppGallery Connect (and the data-storage location for overseas devices), and check the device's app ID matches this certificate"),
		// Huawei's reference gives several causes for 80300007, and a wrong
		// certificate (another app ID) gives it for every device alike: it is
		// read as a bad request, never as proof that this device's token died
		// (receipts with status 2 or 5 are that proof).
		"80300007": vendors.BadRequest("Huawei says the token is invalid: it is malformed or copied with spaces, belongs to another app ID than this certificate's, or the app was uninstalled (Huawei does not say which)",
			"check the certificate's app ID matches the app's agconnect-services.json; otherwise the app gets a new token from HmsInstanceId.getToken() at its next start and must report it"),
		"80300008": vendors.BadRequest("the message is larger than 4096 bytes (token excluded)", "shorten title, desc or ext"),
		"80300010": vendors.BadRequest("more than 1000 tokens in one request", "send to at most 1000 tokens at once"),
		"80300011": vendors.BadRequest("the app may not send high-priority notifications", "apply for the message category (self-classification) in AppGallery Connect, or send without category and importance"),
		"80300013": vendors.BadRequest("the receipt URL is invalid or its HTTPS certificate expired", "fix the receipt configuration in AppGallery Connect → Push Kit → Settings"),
		"80600003": vendors.AuthFailure("Huawei's OAuth service could not authenticate the client", credentials),
		"81000001": vendors.Transient("Huawei had an internal error", "send again in a moment"),
		"HTTP 400": vendors.BadRequest("Huawei refused the request parameters", "read Huawei's answer in the response"),
		"HTTP 401": vendors.AuthFailure("Huawei refused the authentication", credentials),
		"HTTP 404": vendors.BadRequest("Huawei does not know the URL: the client ID in it is wrong", "check the certificate's Client ID"),
		"HTTP 500": vendors.Transient("Huawei had an internal error", "send again in a moment"),
		"HTTP 502": vendors.Transient("Huawei's gateway could not reach its service (often an unstable network)", "send again in a moment"),
		// Flow control: a rate that passes, not a daily quota.
		"HTTP 503": vendors.Transient("Huawei is throttling the app (flow control)", "spread sends out over time and send again later"),
	}
}

// explain looks a code up; unknown codes keep Huawei's own message.
func explain(code, message string) vendors.Code {
	if strings.HasPrefix(code, "oauth:") {
		return vendors.AuthFailure("Huawei's OAuth server refused the client credentials: "+message,
			"check the Client ID and Client Secret in AppGallery Connect → Project settings → App information")
	}
	return vendors.Explain(codes(), "Huawei", code, message, "Huawei's Push Kit error-code reference")
}

// Answers is the code table by message key, for the catalogues' test
// (vendors/all): every entry's words are in both languages.
func Answers() map[string]vendors.Code { return codes() }
