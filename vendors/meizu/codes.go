package meizu

import (
	"github.com/pushcheck/pushcheck/vendors"
)

// codes explains Flyme Push's codes (vendor-facts.md §8.4, from Meizu's
// official PushAPI README): top-level codes, and the per-target codes that
// come back under code 200 in the value map.
func codes() map[string]vendors.Code {
	deadFix := "the app gets a new pushId from PushManager.register() and must report it"
	keys := "copy the AppID and AppSecret again from the Flyme push platform into the certificate"
	return map[string]vendors.Code{
		"200":    {Outcome: vendors.Accepted, Explanation: "Meizu accepted the message for delivery"},
		"500":    vendors.Reject("Meizu reported another error (see its message)", "read Meizu's message in the response"),
		"1001":   vendors.Fail("Meizu had a system error", "send again in a moment"),
		"1003":   vendors.Fail("Meizu's server is busy", "send again in a moment"),
		"1005":   vendors.Reject("a parameter is wrong: titles run 1–32 characters, content 1–100", "read Meizu's message; shorten title or desc"),
		"1006":   vendors.Reject("Meizu refused the signature: the AppSecret does not match the AppID", keys),
		"110000": vendors.Reject("Meizu does not know the AppID", keys),
		"110001": vendors.Reject("the appKey is illegal", keys),
		"110002": vendors.DeadToken("Meizu says the pushId is not registered or was unsubscribed", deadFix),
		"110003": vendors.DeadToken("Meizu says the pushId is illegal", deadFix),
		"110004": vendors.Reject("a required parameter is empty", "read Meizu's message in the response"),
		"110005": vendors.Reject("the alias is invalid: unsubscribed, or push switched off", "log in on the device so the app binds the alias again"),
		"110009": vendors.Reject("the app is blacklisted by Meizu", "contact Meizu push support"),
		"110010": vendors.Reject("sending too fast, or (for one target) push is switched off on the device", "space the sends out; if the device switched push off, turn notifications on for the app"),
		"110011": vendors.OverQuota("the device got its daily number of public (公信) messages", "send IM messages as private messages (notice_msg_type 1), which are not capped"),
		"110019": vendors.OverQuota("the app reached its daily push limit", "wait until tomorrow"),
		"110031": vendors.Reject("the package name is illegal", "check the app's registration on the Flyme push platform"),
		"110032": vendors.Reject("the taskId is illegal", "report this to the pushcheck developers"),
		"110033": vendors.Reject("the appSecret is illegal", keys),
		"110051": vendors.OverQuota("the app's push count limit was exceeded", "wait before sending again"),
		"110053": vendors.OverQuota("pass-through messages are over their limit", "send notification messages (pushcheck always does)"),
		"201":    vendors.Reject("the app has no permission to push to this target", "check the app's push permission on the Flyme push platform"),
		"501":    vendors.Fail("Meizu had a database error for this target", "send again in a moment"),
		"513":    vendors.Fail("sending to this target failed", "send again in a moment"),
		"519":    vendors.Fail("Meizu is overloaded", "send again in a moment"),
		"520":    vendors.OverQuota("the message was folded: more than 5 messages to this device within a minute", "space the test pushes out"),
	}
}

// explain looks a code up; unknown codes keep Meizu's own message.
func explain(code, message string) vendors.Code {
	return vendors.Explain(codes(), "Meizu", code, message, "Meizu's PushAPI reference")
}
