package oppo

import (
	"strconv"
	"strings"

	"github.com/pushcheck/pushcheck/vendors"
)

// codes explains OPPO Push's public return codes (vendor-facts.md §6.4,
// from OPPO's 调用地址，公共参数和返回码). OPPO's per-interface business codes
// (10000-20000) are not published in any source found; they fall through
// to OPPO's own message, and one that speaks of an invalid registration ID
// marks the token dead (readAnswer).
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
	keys := "copy the AppKey and MasterSecret (not the AppSecret) again from the OPPO push platform → 配置管理 → 应用配置"
	return map[string]vendors.Code{
		"-2": quota("OPPO is throttling (service in flow control)", "send again later"),
		"-1": failed("OPPO's service is currently unavailable", "send again in a moment"),
		"0":  {Outcome: vendors.Accepted, Explanation: "OPPO accepted the message for delivery"},
		"11": rejected("OPPO refused the auth_token, and a fresh one too", "check the server clock (OPPO allows 10 minutes); "+keys),
		"12": rejected("OPPO does not allow this HTTP method", "report this to the pushcheck developers"),
		"13": quota("the app called OPPO too many times (call limit)", "space the sends out"),
		"14": rejected("OPPO does not know the AppKey", keys),
		"15": rejected("the AppKey is missing", keys),
		"16": rejected("OPPO refused the auth signature: the MasterSecret does not match the AppKey", keys),
		"17": rejected("the auth signature is missing", keys),
		"18": rejected("the auth timestamp is missing", "report this to the pushcheck developers"),
		"19": rejected("OPPO refused the auth timestamp: the server clock is more than 10 minutes off", "set the server clock (NTP)"),
		"20": rejected("the API method is invalid", "report this to the pushcheck developers"),
		"21": rejected("the API method is missing", "report this to the pushcheck developers"),
		"22": rejected("the API version is missing", "report this to the pushcheck developers"),
		"23": rejected("the API version is invalid", "report this to the pushcheck developers"),
		"24": rejected("a parameter is not in OPPO's format", "read OPPO's message in the response"),
		"25": rejected("the request is not UTF-8", "report this to the pushcheck developers"),
		"26": rejected("OPPO blocks this server's IP address", "ask OPPO push support to lift the block, or send from another address"),
		"27": rejected("OPPO denied access", "check the app's push permission on the OPPO push platform"),
		"28": rejected("the app is disabled on OPPO's platform", "check the app's status on the OPPO open platform"),
		"29": rejected("the auth_token is missing", "report this to the pushcheck developers"),
		"30": rejected("the app has no API push permission", "apply for push permission (the app must be on the OPPO App Market)"),
		"31": rejected("OPPO found no such data", "check the registration ID and channel ID"),
		"32": rejected("the data is a duplicate", "use a new message ID"),
		"33": quota("the app reached its daily message limit", "wait until tomorrow, or send on a private (通讯与服务) channel, which has no daily cap"),
		"34": quota("the app uploaded too many pictures today", "wait until tomorrow"),
		"40": rejected("a required argument is missing", "read OPPO's message in the response"),
		"41": rejected("an argument is invalid: titles over 50 characters, content over 50, action_parameters not JSON or over 4000", "shorten title or desc and check ext is JSON"),
		"51": rejected("the picture is invalid", "use another picture"),
		"55": quota("the app calls OPPO too often", "space the sends out"),
		"59": rejected("the app may not use OPPO's backup link", "send through the primary link"),
		"67": rejected("the category or notify_level is wrong for the channel (private-classified channels need a valid notify_level)", "send a category OPPO approved for the app; notify_level needs a category"),
	}
}

// explain looks a code up; unknown codes keep OPPO's own message.
func explain(code int, message string) vendors.Code {
	key := strconv.Itoa(code)
	if c, ok := codes()[key]; ok {
		if message != "" && c.Outcome != vendors.Accepted && !strings.Contains(c.Explanation, message) {
			c.Explanation += " (OPPO: " + message + ")"
		}
		return c
	}
	return vendors.Code{Outcome: vendors.Rejected, Explanation: "OPPO answered " + key + ": " + message, Fix: "look up " + key + " in OPPO Push's unicast reference"}
}
