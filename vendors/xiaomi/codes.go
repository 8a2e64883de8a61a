package xiaomi

import (
	"strconv"

	"github.com/pushcheck/pushcheck/vendors"
)

// codes explains Mi Push's server error codes (docs/vendors/xiaomi.md §5, from
// Xiaomi's 服务端错误码参考), with §5's kinds: the app's standing with Xiaomi
// (blacklist, forbidden operation, restricted request, review) is auth,
// and Xiaomi's own "unknown error" (-1) stays unknown.
func codes() map[string]vendors.Code {
	secret := "copy the AppSecret again from the Xiaomi open platform (应用管理 → your app → 推送服务) into the certificate"
	return map[string]vendors.Code{
		"0":     vendors.Accept("Xiaomi accepted the message for delivery"),
		"-1":    vendors.Unknown("Xiaomi reported an unknown error", "send again once; if it persists, contact Xiaomi push support with the trace_id"),
		"1":     vendors.Transient("Xiaomi had an internal error", "send again in a moment"),
		"10001": vendors.Transient("Xiaomi had a system error", "send again in a moment"),
		"10002": vendors.Transient("Xiaomi is busy", "send again in a moment"),
		"10003": vendors.Transient("a Xiaomi back-end service failed", "send again in a moment"),
		"10008": vendors.BadRequest("a parameter is wrong (Xiaomi names it in reason)", "read Xiaomi's reason in the response"),
		"10016": vendors.BadRequest("a required parameter is missing", "read Xiaomi's reason in the response"),
		"10017": vendors.BadRequest("a parameter has an illegal value", "read Xiaomi's reason in the response"),
		"10027": vendors.Transient("the app calls the Mi Push API too often", "space the sends out and send again later"),
		"10029": vendors.DeadToken("Xiaomi says the device is invalid", "the app must register with Mi Push again and report the new regId"),
		"10031": vendors.AuthFailure("the app is blacklisted by Xiaomi: sending is forbidden", "contact Xiaomi push support"),
		"10034": vendors.DailyQuota("the app sent too many messages today (its daily quota)", "wait until tomorrow, or send on a private (私信) channel, which has no daily cap"),
		"10036": vendors.AuthFailure("this operation is forbidden for the app", "check the app's Mi Push status in the open platform"),
		"10037": vendors.BadRequest("the request expired", "check the server clock"),
		"20301": vendors.BadRequest("Xiaomi could not send the message; with \"No valid targets\" the regId is unknown, of another package, or of another region", "check the device reported this app's regId, and that the certificate's region matches where the phone registered"),
		"21301": vendors.AuthFailure("Xiaomi refused the AppSecret (authentication failed)", secret),
		"21302": vendors.AuthFailure("Xiaomi refused the token authentication", secret),
		"21303": vendors.AuthFailure("the request is restricted", "check the app's Mi Push permissions in the open platform"),
		"22000": vendors.AuthFailure("Xiaomi does not know the app", "check the AppSecret belongs to this app"),
		"22006": vendors.AuthFailure("the app ID is wrong", "check the certificate's credentials"),
		"22007": vendors.AuthFailure("the app key is wrong", "check the certificate's credentials"),
		"22022": vendors.BadRequest("the package name does not match the AppSecret's app (restricted_package_name)", "set the certificate's package name to the app's, as registered with Mi Push"),
		"26006": vendors.AuthFailure("Xiaomi requires a review before this app may send", "complete the review in the Xiaomi open platform"),
		"27001": vendors.BadRequest("the channel ID is not registered for this app (channel info mismatch)", "create the channel in the Xiaomi console (and in the app), then send with its ID"),
		// Usually a phone long offline: it may come back.
		"65003": vendors.Transient("Xiaomi cannot find the device (usually long offline)", "open the app on the phone so it reconnects to Mi Push"),
		"65009": vendors.BadRequest("the message is too long: the title must stay under 50 characters and the description under 128", "shorten title or desc"),
		"65014": vendors.BadRequest("too many extra key/values (at most 10)", "send fewer custom extras"),
		"65015": vendors.BadRequest("the extra key/values are too long in total", "shorten ext"),
		"65036": vendors.BadRequest("the callback parameter is too long", "shorten extra.callback.param to 64 bytes"),
		"65037": vendors.BadRequest("the callback URL is too long", "use a shorter receipt URL"),
		"65038": vendors.BadRequest("the callback URL is illegal", "use an https receipt URL Xiaomi can reach"),
		"66108": vendors.BadRequest("the package name is wrong (reported by the client SDK)", "check the package name the app registered with"),
	}
}

// explain looks a code up; unknown codes keep Xiaomi's own reason.
func explain(code int, reason string) vendors.Code {
	return vendors.Explain(codes(), "Xiaomi", strconv.Itoa(code), reason, "Xiaomi's 服务端错误码参考")
}

// Answers is the code table by message key, for the catalogues' test
// (vendors/all): every entry's words are in both languages.
func Answers() map[string]vendors.Code { return codes() }
