package meizu

import (
	"strings"

	"github.com/pushcheck/pushcheck/vendors"
)

// codes explains Flyme Push's codes (vendor-facts.md §8.4, from Meizu's
// official PushAPI README): top-level codes, and the per-target codes that
// come back under code 200 in the value map.
func codes() map[string]vendors.Code {
	rejected := func(explanation, fix string) vendors.Code {
		return vendors.Code{Outcome: vendors.Rejected, Explanation: explanation, Fix: fix}
	}
	failed := func(explanation, fix string) vendors.Code {
		return vendors.Code{Outcome: vendors.Failed, Explanation: explanation, Fix: fix}
	}
	quota := func(explanation, fix string) vendors.Code {
		return vendors.Code{Outcome: vendors.Rejected, Quota: true, Explanation: explanation, Fix: fix}
	}
	dead := func(explanation string) vendors.Code {
		return vendors.Code{Outcome: vendors.Rejected, TokenDead: true, Explanation: explanation,
			Fix: "the app gets a new pushId from PushManager.register() and must report it"}
	}
	keys := "copy the AppID and AppSecret again from the Flyme push platform into the certificate"
	return map[string]vendors.Code{
		"200":    {Outcome: vendors.Accepted, Explanation: "Meizu accepted the message for delivery"},
		"500":    rejected("Meizu reported another error (see its message)", "read Meizu's message in the response"),
		"1001":   failed("Meizu had a system error", "send again in a moment"),
		"1003":   failed("Meizu's server is busy", "send again in a moment"),
		"1005":   rejected("a parameter is wrong: titles run 1–32 characters, content 1–100", "read Meizu's message; shorten title or desc"),
		"1006":   rejected("Meizu refused the signature: the AppSecret does not match the AppID", keys),
		"110000": rejected("Meizu does not know the AppID", keys),
		"110001": rejected("the appKey is illegal", keys),
		"110002": dead("Meizu says the pushId is not registered or was unsubscribed"),
		"110003": dead("Meizu says the pushId is illegal"),
		"110004": rejected("a required parameter is empty", "read Meizu's message in the response"),
		"110005": rejected("the alias is invalid: unsubscribed, or push switched off", "log in on the device so the app binds the alias again"),
		"110009": rejected("the app is blacklisted by Meizu", "contact Meizu push support"),
		"110010": rejected("sending too fast, or (for one target) push is switched off on the device", "space the sends out; if the device switched push off, turn notifications on for the app"),
		"110011": quota("the device got its daily number of public (公信) messages", "send IM messages as private messages (notice_msg_type 1), which are not capped"),
		"110019": quota("the app reached its daily push limit", "wait until tomorrow"),
		"110031": rejected("the package name is illegal", "check the app's registration on the Flyme push platform"),
		"110032": rejected("the taskId is illegal", "report this to the pushcheck developers"),
		"110033": rejected("the appSecret is illegal", keys),
		"110051": quota("the app's push count limit was exceeded", "wait before sending again"),
		"110053": quota("pass-through messages are over their limit", "send notification messages (pushcheck always does)"),
		"201":    rejected("the app has no permission to push to this target", "check the app's push permission on the Flyme push platform"),
		"501":    failed("Meizu had a database error for this target", "send again in a moment"),
		"513":    failed("sending to this target failed", "send again in a moment"),
		"519":    failed("Meizu is overloaded", "send again in a moment"),
		"520":    quota("the message was folded: more than 5 messages to this device within a minute", "space the test pushes out"),
	}
}

// explain looks a code up; unknown codes keep Meizu's own message.
func explain(code, message string) vendors.Code {
	if c, ok := codes()[code]; ok {
		if message != "" && c.Outcome != vendors.Accepted && !strings.Contains(c.Explanation, message) {
			c.Explanation += " (Meizu: " + message + ")"
		}
		return c
	}
	return vendors.Code{Outcome: vendors.Rejected, Explanation: "Meizu answered " + code + ": " + message, Fix: "look up " + code + " in Meizu's PushAPI reference"}
}
