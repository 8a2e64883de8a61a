package harmony

import (
	"strings"

	"github.com/pushcheck/pushcheck/vendors"
)

// reference is where an unknown code is looked up.
const reference = "Huawei's Push Kit v3 response codes (push-scenariozed-api-response)"

// codes explains every business code of the v3 send API and its HTTP
// statuses (docs/vendors/harmony.md §5, from Huawei's response page).
func codes() map[string]vendors.Code {
	key := "check the service-account key on the certificate: download a new key file from the API Console of HUAWEI Developers (Credentials → Service account key) in the app's project, save the certificate again and run Test connection"
	project := "check the certificate's key file belongs to the project the app is in (AppGallery Connect → Project settings → Project ID) and that Push Kit is enabled for that project"
	return map[string]vendors.Code{
		"80000000": vendors.Accept("Huawei accepted the message for delivery"),
		"80100000": vendors.BadRequest("Huawei accepted the request only in part: some tokens were refused (illegalTokens in msg, grouped by reason)", "read the reason given for each refused token"),
		"80100001": vendors.BadRequest("some request parameters are wrong (Huawei says which in msg)", "read Huawei's msg in the response and correct that parameter"),
		"80100003": vendors.BadRequest("the message body is wrong: Huawei's msg names the field (e.g. a badge addNum outside 1–99, a missing clickAction or category)", "read Huawei's msg in the response and fix that field"),
		"80100004": vendors.BadRequest("the message's ttl makes it expire before now", "send without a ttl, or with a positive one"),
		"80100022": vendors.BadRequest("the image has not passed Huawei's image risk control", "submit the image to Huawei's image risk-control API (push-image-control) with the same push-type, or send without the image"),
		"80200001": vendors.AuthFailure("Huawei refused the authorization: the JWT does not match the project in the URL or the app, it is not a service-account JWT (HarmonyOS NEXT takes no OAuth tokens), or it is missing", key),
		"80200005": vendors.AuthFailure("the JWT expired, and so did a fresh one", "check the server's clock (JWTs carry the time they were signed); "+key),
		"80300002": vendors.AuthFailure("the app may not send: Push Kit is not enabled for the project, or the project in the URL is not the app's", project),
		"80300007": vendors.BadRequest("Huawei refused every token of the request (illegalTokens in msg says why)", "read the reason given for the token"),
		"80300008": vendors.BadRequest("the message is larger than 4096 bytes (tokens excluded)", "shorten title, desc, ext or the click data"),
		"80300010": vendors.BadRequest("the request has more than 1000 tokens, or none", "send to 1 to 1000 tokens at once"),
		// Test messages sent too fast: a rate that passes.
		"80300029": vendors.Transient("test messages are being sent too fast", "wait a moment and send again"),
		"80300030": vendors.BadRequest("a test message may go to at most 10 tokens", "send test messages to 10 tokens or fewer at once"),
		"80300036": vendors.AuthFailure("the JWT is valid for more than a day, which Huawei refuses", "sign JWTs valid for an hour (exp = iat + 3600); "+key),
		"80300037": vendors.AuthFailure("Huawei is penalising the app and stopped its pushes", "resolve the penalty in AppGallery Connect, then send again"),
		"81000001": vendors.Transient("Huawei had an internal error", "send again in a moment; if it persists, open a ticket with Huawei"),
		"HTTP 400": vendors.BadRequest("Huawei refused the request parameters", "read Huawei's answer in the response"),
		"HTTP 401": vendors.AuthFailure("Huawei refused the authorization header", key),
		"HTTP 404": vendors.BadRequest("Huawei does not know the URL: the project ID in it is wrong, or it is not the v3 URL", "check the project ID of the certificate's key file"),
		"HTTP 500": vendors.Transient("Huawei had an internal error", "send again in a moment"),
		"HTTP 502": vendors.Transient("Huawei's gateway could not reach its service (often an unstable network)", "send again in a moment"),
		// Flow control: a rate, not a daily quota.
		"HTTP 503": vendors.Transient("Huawei is throttling the project (flow control: more requests a second than its quota)", "spread sends out over time and send again later"),
	}
}

// reasons explains the per-token reasons of illegalTokens (80100000 and
// 80300007). Only reasons that say this token can never be delivered to
// are dead tokens: a malformed token and a third-party proxy token, which
// Huawei's fix for is a new token from getToken(). noRight is read as a
// bad request: Huawei gives it both for a token of another project (a
// wrong certificate, every device alike) and for a token from before the
// phone's upgrade to HarmonyOS NEXT, and only the first is the device's
// fault (docs/vendors/harmony.md, Reading).
func reasons() map[string]vendors.Code {
	newToken := "the app must call pushService.getToken() at its next start and report the new token"
	return map[string]vendors.Code{
		"tokenFormatError":        vendors.DeadToken("Huawei says this is not a Push Kit token (malformed, cut short or copied with a space): it can never be delivered to", newToken),
		"tokenPlatformNotSupport": vendors.DeadToken("this is a third-party proxy token, which Push Kit v3 does not take", newToken+" from Push Kit itself"),
		"noRight": vendors.BadRequest("the token's app is not in the certificate's project, or the token dates from before the phone was upgraded to HarmonyOS NEXT (Huawei does not say which)",
			"check the key file's project is the app's project (AppGallery Connect → Project settings); if other devices on this certificate are accepted, the app must call pushService.getToken() again and report the new token"),
		"noPushTypeRight": vendors.AuthFailure("the app holds no right for this push type (in-app calls, push-type 10, and voice messages, push-type 2, need their own right)",
			"apply for the in-app call right in AppGallery Connect → Push Kit → rights, and tick it on the certificate once granted; or send without the call"),
		"atomicUnableSendUnsubscribedMsg":        vendors.BadRequest("an atomic service may send only subscription and widget messages", "send atomic services only authorised subscription messages (category SUBSCRIPTION) or widget updates"),
		"countryNotSupport":                      vendors.BadRequest("Push Kit does not serve the phone's country or region", "open a ticket with Huawei; nothing in the message can change it"),
		"disableSendHuaweiMsgBecauseOfPenalty":   vendors.AuthFailure("Huawei is penalising the app and stopped its pushes", "resolve the penalty in AppGallery Connect, then send again"),
		"differentImgVerifyPolicy":               vendors.BadRequest("the image was cleared by risk control for another push-type than this message's", "submit the image to image risk control with the push-type it is sent with"),
		"appinfoError":                           vendors.AuthFailure("Huawei does not know the token's app: it is not created in AppGallery Connect yet", "check the app exists in AppGallery Connect in the certificate's project; if it was just created, try again later"),
		"notSupportPlayVoice":                    vendors.BadRequest("a PLAY_VOICE message was sent with another push-type than 2", "send voice-broadcast messages with push-type 2, or use another category"),
		"noRightToSendThisLiveNotificationEvent": vendors.AuthFailure("the app holds no right for this Live View event", "apply for the Live View right of the event in AppGallery Connect"),
	}
}

// explain looks a code up; unknown codes keep Huawei's own message.
func explain(code, message string) vendors.Code {
	return vendors.Explain(codes(), "Huawei", code, message, reference)
}

// explainReason explains one illegalTokens reason; an unknown one keeps
// Huawei's words.
func explainReason(reason string) vendors.Code {
	if c, ok := reasons()[reason]; ok {
		return c
	}
	return vendors.Unknown("Huawei refused the token for a reason it does not document: "+reason, "look up "+reason+" in "+reference)
}

// reasonCode is how a token's refusal is recorded: the business code and
// the reason, e.g. "80300007/tokenFormatError".
func reasonCode(code, reason string) string { return code + "/" + reason }

// splitReason undoes reasonCode.
func splitReason(recorded string) (code, reason string) {
	code, reason, _ = strings.Cut(recorded, "/")
	return code, reason
}

// Answers are the code table and the per-token reasons (as
// "reason.<reason>") by message key, for the catalogues' test
// (vendors/all): every entry's words are in both languages.
func Answers() map[string]vendors.Code {
	out := codes()
	for reason, c := range reasons() {
		out["reason."+reason] = c
	}
	return out
}
