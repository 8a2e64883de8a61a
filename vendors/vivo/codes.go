package vivo

import (
	"github.com/pushcheck/pushcheck/vendors"
)

// codes explains vivo Push's result codes (docs/vendors/vivo.md §5). vivo's
// full table (10000-10xxx) is not public in any source found; the meanings
// of 10000, 10040 and 10054 come from production client code, not vivo's
// doc. Every other code shows vivo's own desc. Kinds are §5's: 10094 (an
// authToken of another app) is auth; the batch and broadcast caps 10252 and
// 10254 are daily quotas.
func codes() map[string]vendors.Code {
	deadFix := "the app gets a new regId from PushClient.getRegId() after turnOnPush() and must report it"
	keys := "copy the AppID, AppKey and AppSecret again from the vivo developer platform → 消息推送 → 应用信息"
	return map[string]vendors.Code{
		"0":     vendors.Accept("vivo accepted the message for delivery"),
		"10000": vendors.AuthFailure("vivo refused the authentication (bad sign, or an authToken it no longer takes)", "check the server clock (vivo allows 10 minutes); "+keys),
		"10040": vendors.Transient("vivo asked to try again later", "send again in a moment"),
		// Production client code reads 10054 as a bad regId, other public
		// sources as a notifyType parameter error; vivo's own table is not
		// public. Read as a bad request so a healthy device is not condemned.
		"10054": vendors.BadRequest("vivo refused a parameter: either the regId or the notifyType (public sources disagree on what 10054 means)", "check the message's notifyType (1-4); if it is right, the app should report a fresh regId from PushClient.getRegId()"),
		"10070": vendors.DailyQuota("the app's total for operation messages today is used up; calling again today lowers the quota", "stop sending operation messages until tomorrow; IM messages belong in classification 1 (system) with category IM"),
		// The auth interface's own codes (/message/auth), vivo's 102xx.
		"10200":         vendors.AuthFailure("the appId of the auth request is empty", keys),
		"10201":         vendors.AuthFailure("the appKey of the auth request is empty", keys),
		"10202":         vendors.AuthFailure("the auth request's timestamp is empty or invalid", "check the server clock (vivo allows 10 minutes); "+keys),
		"10203":         vendors.AuthFailure("the auth request's sign is empty", keys),
		"10204":         vendors.AuthFailure("vivo does not know the appId", keys),
		"10205":         vendors.AuthFailure("the appKey does not belong to the appId", keys),
		"10206":         vendors.AuthFailure("vivo refused the sign: the AppSecret does not match", keys),
		"10207":         vendors.AuthFailure("the auth request's timestamp is outside vivo's window", "set the server clock (NTP); vivo allows 10 minutes"),
		"10071":         vendors.BadRequest("operation messages may only be sent from 07:00 to 23:00", "send as a system message (classification 1) or within the window"),
		"10073":         vendors.DailyQuota("the app's total for system messages today is used up", "wait until tomorrow, or apply to vivo for a higher system-message quota"),
		"10085":         vendors.BadRequest("vivo refused the title or content: too long (40 / 100 characters), or not allowed for a formal message (only digits, English or symbols, the word 测试, or brackets)", "write a real notification text, or send with push mode test"),
		"10094":         vendors.AuthFailure("the appId in the message is not the app the authToken was issued to", "check the certificate's AppID"),
		"10096":         vendors.BadRequest("vivo does not know the category", "use a category vivo approved for the app, e.g. IM"),
		"10097":         vendors.BadRequest("the category does not match the classification (system categories need classification 1, operation ones 0)", "send IM, ACCOUNT, TODO, DEVICE_REMINDER, ORDER or SUBSCRIPTION with classification 1"),
		"10104":         vendors.BadRequest("vivo refused the title or content for a formal message (only digits, English or symbols, the word 测试, or brackets)", "write a real notification text, or send with push mode test"),
		"10252":         vendors.DailyQuota("the batch message body is over vivo's limit for the day", "do not call vivo's batch API again today (pushcheck sends single messages)"),
		"10254":         vendors.DailyQuota("the broadcast-to-all count is over vivo's limit for the day", "do not broadcast again today (pushcheck does not broadcast)"),
		"10302":         vendors.DeadToken("vivo says the regId is invalid (regId不合法)", deadFix),
		"invalidUser:1": vendors.DeadToken("vivo does not know this regId", deadFix),
		// Status 2 covers both an uninstalled app and notifications switched
		// off: only this device is affected, and its token may still work.
		"invalidUser:2": vendors.DeviceLimit("vivo says the app was uninstalled, push was turned off, or the app's data was cleared on this device (vivo does not say which)", "check the app's notifications are on; if the app was reinstalled, it must report its new regId"),
		"invalidUser:3": vendors.DeadToken("vivo says the device has been offline for 90 days", deadFix),
		"invalidUser:4": vendors.BadRequest("the device is not one of the app's test devices, and the push was sent in test mode", "add the device's regId as a test device on the vivo push platform, or send with push mode formal"),
	}
}

// explain looks a code up; unknown codes keep vivo's own desc.
func explain(code, desc string) vendors.Code {
	return vendors.Explain(codes(), "vivo", code, desc, "vivo Push's server API reference")
}

// Answers is the code table by message key, for the catalogues' test
// (vendors/all): every entry's words are in both languages.
func Answers() map[string]vendors.Code { return codes() }
