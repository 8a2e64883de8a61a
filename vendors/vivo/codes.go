package vivo

import (
	"github.com/pushcheck/pushcheck/vendors"
)

// codes explains vivo Push's result codes (vendor-facts.md §7.4). vivo's
// full table (10000-10xxx) is not public in any source found; the meanings
// of 10000, 10040 and 10054 come from production client code, not vivo's
// doc. Every other code shows vivo's own desc.
func codes() map[string]vendors.Code {
	deadFix := "the app gets a new regId from PushClient.getRegId() after turnOnPush() and must report it"
	keys := "copy the AppID, AppKey and AppSecret again from the vivo developer platform → 消息推送 → 应用信息"
	return map[string]vendors.Code{
		"0":             {Outcome: vendors.Accepted, Explanation: "vivo accepted the message for delivery"},
		"10000":         vendors.Reject("vivo refused the authentication (bad sign, or an authToken it no longer takes)", "check the server clock (vivo allows 10 minutes); "+keys),
		"10040":         {Outcome: vendors.Failed, Explanation: "vivo asked to try again later", Fix: "send again in a moment"},
		"10054":         vendors.DeadToken("vivo does not accept the regId", deadFix),
		"10070":         vendors.OverQuota("the app's total for operation messages today is used up; calling again today lowers the quota", "stop sending operation messages until tomorrow; IM messages belong in classification 1 (system) with category IM"),
		"10071":         vendors.Reject("operation messages may only be sent from 07:00 to 23:00", "send as a system message (classification 1) or within the window"),
		"10073":         vendors.OverQuota("the app's total for system messages today is used up", "wait until tomorrow, or apply to vivo for a higher system-message quota"),
		"10085":         vendors.Reject("vivo refused the title or content: too long (40 / 100 characters), or not allowed for a formal message (only digits, English or symbols, the word 测试, or brackets)", "write a real notification text, or send with push mode test"),
		"10094":         vendors.Reject("the appId in the message is not the app the authToken was issued to", "check the certificate's AppID"),
		"10096":         vendors.Reject("vivo does not know the category", "use a category vivo approved for the app, e.g. IM"),
		"10097":         vendors.Reject("the category does not match the classification (system categories need classification 1, operation ones 0)", "send IM, ACCOUNT, TODO, DEVICE_REMINDER, ORDER or SUBSCRIPTION with classification 1"),
		"10104":         vendors.Reject("vivo refused the title or content for a formal message (only digits, English or symbols, the word 测试, or brackets)", "write a real notification text, or send with push mode test"),
		"10252":         vendors.OverQuota("the batch body is over vivo's limit", "send fewer messages at once"),
		"10254":         vendors.OverQuota("the broadcast count is over vivo's limit", "wait before broadcasting again"),
		"10302":         vendors.DeadToken("vivo says the regId is invalid (regId不合法)", deadFix),
		"invalidUser:1": vendors.DeadToken("vivo does not know this regId", deadFix),
		"invalidUser:2": vendors.DeadToken("vivo says the app was uninstalled, push was turned off, or the app's data was cleared", deadFix),
		"invalidUser:3": vendors.DeadToken("vivo says the device has been offline for 90 days", deadFix),
		"invalidUser:4": vendors.Reject("the device is not one of the app's test devices, and the push was sent in test mode", "add the device's regId as a test device on the vivo push platform, or send with push mode formal"),
	}
}

// explain looks a code up; unknown codes keep vivo's own desc.
func explain(code, desc string) vendors.Code {
	return vendors.Explain(codes(), "vivo", code, desc, "vivo Push's server API reference")
}
