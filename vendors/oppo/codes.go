package oppo

import (
	"strconv"

	"github.com/pushcheck/pushcheck/vendors"
)

// codes explains OPPO Push's public return codes (docs/vendors/oppo.md §5,
// from OPPO's 调用地址，公共参数和返回码). OPPO's per-interface business codes
// (10000-20000) are not published in any source found; they fall through
// to OPPO's own message, and one that speaks of an invalid registration ID
// marks the token dead (readAnswer). Kinds are §5's: the app's right to
// send (IP blacklist, access denied, app disabled, no push permission, no
// backup link) and the auth call's own fields (timestamp, auth_token) are
// auth; 34 is not, see its note.
func codes() map[string]vendors.Code {
	keys := "copy the AppKey and MasterSecret (not the AppSecret) again from the OPPO push platform → 配置管理 → 应用配置"
	return map[string]vendors.Code{
		"-2": vendors.Transient("OPPO is throttling (service in flow control)", "send again later"),
		"-1": vendors.Transient("OPPO's service is currently unavailable", "send again in a moment"),
		"0":  vendors.Accept("OPPO accepted the message for delivery"),
		"11": vendors.AuthFailure("OPPO refused the auth_token, and a fresh one too", "check the server clock (OPPO allows 10 minutes); "+keys),
		"12": vendors.BadRequest("OPPO does not allow this HTTP method", "report this to the pushcheck developers"),
		// OPPO's table says "call count or frequency exceeded": a rate of
		// API calls, not the daily message quota (that is 33).
		"13": vendors.Transient("the app called OPPO too many times or too often (call limit)", "space the sends out and send again later"),
		"14": vendors.AuthFailure("OPPO does not know the AppKey", keys),
		"15": vendors.AuthFailure("the AppKey is missing", keys),
		"16": vendors.AuthFailure("OPPO refused the auth signature: the MasterSecret does not match the AppKey", keys),
		"17": vendors.AuthFailure("the auth signature is missing", keys),
		"18": vendors.AuthFailure("the auth timestamp is missing", "pushcheck always sends one: check the server clock (NTP), and report this to the pushcheck developers if it persists"),
		"19": vendors.AuthFailure("OPPO refused the auth timestamp: the server clock is more than 10 minutes off", "set the server clock (NTP)"),
		"20": vendors.BadRequest("the API method is invalid", "report this to the pushcheck developers"),
		"21": vendors.BadRequest("the API method is missing", "report this to the pushcheck developers"),
		"22": vendors.BadRequest("the API version is missing", "report this to the pushcheck developers"),
		"23": vendors.BadRequest("the API version is invalid", "report this to the pushcheck developers"),
		"24": vendors.BadRequest("a parameter is not in OPPO's format", "read OPPO's message in the response"),
		"25": vendors.BadRequest("the request is not UTF-8", "report this to the pushcheck developers"),
		"26": vendors.AuthFailure("OPPO blocks this server's IP address", "ask OPPO push support to lift the block, or send from another address"),
		"27": vendors.AuthFailure("OPPO denied access", "check the app's push permission on the OPPO push platform"),
		"28": vendors.AuthFailure("the app is disabled on OPPO's platform", "check the app's status on the OPPO open platform"),
		"29": vendors.AuthFailure("the auth_token is missing", "report this to the pushcheck developers"),
		"30": vendors.AuthFailure("the app has no API push permission", "apply for push permission (the app must be on the OPPO App Market)"),
		"31": vendors.BadRequest("OPPO found no such data", "check the registration ID and channel ID"),
		"32": vendors.BadRequest("the data is a duplicate", "use a new message ID"),
		"33": vendors.DailyQuota("the app reached its daily message limit", "wait until tomorrow, or send on a private (通讯与服务) channel, which has no daily cap"),
		// A daily cap on uploaded pictures, not on messages: messages
		// without a picture still go out.
		"34": vendors.BadRequest("the app uploaded too many pictures today", "send without a picture, or wait until tomorrow"),
		"40": vendors.BadRequest("a required argument is missing", "read OPPO's message in the response"),
		"41": vendors.BadRequest("an argument is invalid: titles over 50 characters, content over 50, action_parameters not JSON or over 4000", "shorten title or desc and check ext is JSON"),
		"51": vendors.BadRequest("the picture is invalid", "use another picture"),
		"55": vendors.Transient("the app calls OPPO too often", "space the sends out and send again later"),
		"59": vendors.AuthFailure("the app may not use OPPO's backup link", "send through the primary link"),
		"67": vendors.BadRequest("the category or notify_level is wrong for the channel (private-classified channels need a valid notify_level)", "send a category OPPO approved for the app; notify_level needs a category"),
	}
}

// explain looks a code up; unknown codes keep OPPO's own message.
func explain(code int, message string) vendors.Code {
	return vendors.Explain(codes(), "OPPO", strconv.Itoa(code), message, "OPPO Push's unicast reference")
}

// Answers is the code table by message key, for the catalogues' test
// (vendors/all): every entry's words are in both languages.
func Answers() map[string]vendors.Code { return codes() }
