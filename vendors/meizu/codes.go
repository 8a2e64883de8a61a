package meizu

import (
	"github.com/pushcheck/pushcheck/vendors"
)

// codes explains Flyme Push's codes (docs/vendors/meizu.md §5, from Meizu's
// official PushAPI README): top-level codes, and the per-target codes that
// come back under code 200 in the value map. Kinds are §5's: "other
// error" (500) stays unknown; the app's standing (blacklist, package name,
// no permission for the target) is auth; 518, the configured push rate of
// the README's 2016 revision, is transient.
func codes() map[string]vendors.Code {
	deadFix := "the app gets a new pushId from PushManager.register() and must report it"
	keys := "copy the AppID and AppSecret again from the Flyme push platform into the certificate"
	return map[string]vendors.Code{
		"200":    vendors.Accept("Meizu accepted the message for delivery"),
		"500":    vendors.Unknown("Meizu reported another error (see its message)", "read Meizu's message in the response"),
		"1001":   vendors.Transient("Meizu had a system error", "send again in a moment"),
		"1003":   vendors.Transient("Meizu's server is busy", "send again in a moment"),
		"1005":   vendors.BadRequest("a parameter is wrong: titles run 1–32 characters, content 1–100", "read Meizu's message; shorten title or desc"),
		"1006":   vendors.AuthFailure("Meizu refused the signature: the AppSecret does not match the AppID", keys),
		"110000": vendors.AuthFailure("Meizu does not know the AppID", keys),
		"110001": vendors.AuthFailure("the appKey is illegal", keys),
		"110002": vendors.DeadToken("Meizu says the pushId is not registered or was unsubscribed", deadFix),
		"110003": vendors.DeadToken("Meizu says the pushId is illegal", deadFix),
		"110004": vendors.BadRequest("a required parameter is empty", "read Meizu's message in the response"),
		"110005": vendors.BadRequest("the alias is invalid: unsubscribed, or push switched off", "log in on the device so the app binds the alias again"),
		"110009": vendors.AuthFailure("the app is blacklisted by Meizu", "contact Meizu push support"),
		// 110010 at the top level is the app's request rate; the same code
		// listed for one target is that device's switch (targetCodes).
		"110010": vendors.Transient("the app sends to Meizu too fast", "space the sends out and send again in a moment"),
		// A per-device cap, listed for the target: this device only.
		"110011": vendors.DeviceLimit("the device got its daily number of public (公信) messages from this app (Meizu shows 3 a day)", "send IM messages as private messages (notice_msg_type 1), which are not capped; this device gets public messages again tomorrow"),
		"110019": vendors.DailyQuota("the app reached its daily push limit", "wait until tomorrow"),
		"110031": vendors.AuthFailure("the package name is illegal", "check the app's registration on the Flyme push platform"),
		"110032": vendors.BadRequest("the taskId is illegal", "report this to the pushcheck developers"),
		"110033": vendors.AuthFailure("the appSecret is illegal", keys),
		"110051": vendors.DailyQuota("the app's push count limit was exceeded", "wait before sending again"),
		"110053": vendors.BadRequest("pass-through messages are restricted for this app", "send notification messages (pushcheck always does); report this to the pushcheck developers"),
		"201":    vendors.AuthFailure("the app has no permission to push to this target", "check the app's push permission on the Flyme push platform"),
		"501":    vendors.Transient("Meizu had a database error for this target", "send again in a moment"),
		"513":    vendors.Transient("sending to this target failed", "send again in a moment"),
		"518":    vendors.Transient("the app is over its configured push rate", "space the sends out and send again in a moment"),
		"519":    vendors.Transient("Meizu is overloaded", "send again in a moment"),
		"520":    vendors.DeviceLimit("the message was folded: more than 5 messages to this device within a minute", "space the test pushes out"),
	}
}

// targetCodes are what a code means when Meizu lists it for one target
// under the value map, where it differs from the top-level meaning.
func targetCodes() map[string]vendors.Code {
	return map[string]vendors.Code{
		"110010": vendors.DeviceLimit("push is switched off for this app on the device", "turn notifications on for the app on the device (Settings → Notifications)"),
	}
}

// explain looks a code up; unknown codes keep Meizu's own message.
func explain(code, message string) vendors.Code {
	return vendors.Explain(codes(), "Meizu", code, message, "Meizu's PushAPI reference")
}

// explainTarget looks up a code Meizu listed for the target, and fits the
// fix to the message as sent: a private message capped per device cannot
// be helped by sending it as private.
func explainTarget(code, message string, private bool) vendors.Code {
	c, ok := targetCodes()[code]
	if !ok {
		c = explain(code, message)
	}
	if code == "110011" && private {
		c.Explanation = "Meizu capped this device for today, although the message was private (notice_msg_type 1), which Meizu documents as uncapped"
		c.Fix = "this device has had its share from this app today: it gets messages again tomorrow (Beijing time); if it persists, check the app's private-message rights on the Flyme push platform"
	}
	return c
}

// Answers are the code tables by message key, for the catalogues' test
// (vendors/all): a target's own meaning of a code is "<code>.target", the
// private message's cap "110011.private". Every entry's words are in both
// languages.
func Answers() map[string]vendors.Code {
	out := codes()
	for code, c := range targetCodes() {
		out[code+".target"] = c
	}
	out["110011.private"] = explainTarget("110011", "", true)
	return out
}
