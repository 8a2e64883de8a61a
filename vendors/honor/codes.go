package honor

import (
	"strings"

	"github.com/pushcheck/pushcheck/vendors"
)

// Honor's code table is thin (vendor-facts.md §4.4): code 200 and the
// per-token lists failTokens / expireTokens are confirmed by the SDKs that
// call it. Honor forked Huawei's Push Kit API and, as SDK users report,
// answers with Huawei's 8xxxxxxx business codes for the same failures;
// those are explained here with Huawei's meanings. The search of public
// SDKs (2026-11) found no fuller table. Unknown codes show Honor's message.
func codes() map[string]vendors.Code {
	rejected := func(explanation, fix string) vendors.Code {
		return vendors.Code{Outcome: vendors.Rejected, Explanation: explanation, Fix: fix}
	}
	failed := func(explanation, fix string) vendors.Code {
		return vendors.Code{Outcome: vendors.Failed, Explanation: explanation, Fix: fix}
	}
	credentials := "check the Client ID and Client Secret in the Honor developer console → your app → Push service, save the certificate again and run Test connection"
	return map[string]vendors.Code{
		"200":         {Outcome: vendors.Accepted, Explanation: "Honor accepted the message for delivery"},
		"expireToken": {Outcome: vendors.Rejected, TokenDead: true, Explanation: "Honor listed the token in expireTokens: it expired (the app was uninstalled, its data cleared, or it was not opened for a long time)", Fix: "the app gets a new token from HonorPushClient.getPushToken() at its next start and must report it"},
		"failToken":   rejected("Honor listed the token in failTokens: it could not be sent to (a malformed token, or one of another app)", "check the token was reported by this app, whose App ID is on the certificate"),
		"80100001":    rejected("some request parameters are wrong (Honor names the field)", "read Honor's message in the response and correct that field"),
		"80100003":    rejected("the message structure is wrong (e.g. a badge number over 99, a missing click action)", "read Honor's message in the response; badge numbers run 0–99"),
		"80200001":    rejected("Honor refused the access token: missing, or issued to another app", credentials),
		"80200003":    rejected("the access token expired, and so did a fresh one", "check the server clock; "+credentials),
		"80300002":    rejected("the app may not send: Push is not enabled for it, or the token belongs to another app", "enable Push for the app in the Honor developer console and check the App ID"),
		"80300007":    {Outcome: vendors.Rejected, TokenDead: true, Explanation: "Honor says the token is invalid", Fix: "the app must report a fresh token from HonorPushClient.getPushToken()"},
		"80300008":    rejected("the message is larger than 4096 bytes", "shorten title, desc or ext"),
		"80300010":    rejected("too many tokens in one request", "send to at most 1000 tokens at once"),
		"81000001":    failed("Honor had an internal error", "send again in a moment"),
		"HTTP 400":    rejected("Honor refused the request parameters", "read Honor's answer in the response"),
		"HTTP 401":    rejected("Honor refused the authentication", credentials),
		"HTTP 404":    rejected("Honor does not know the URL: the App ID in it is wrong", "check the certificate's App ID"),
		"HTTP 500":    failed("Honor had an internal error", "send again in a moment"),
		"HTTP 502":    failed("Honor's gateway could not reach its service", "send again in a moment"),
		"HTTP 503":    {Outcome: vendors.Rejected, Quota: true, Explanation: "Honor throttled the app (flow control)", Fix: "spread sends out and send again later"},
	}
}

// explain looks a code up; unknown codes keep Honor's own message.
func explain(code, message string) vendors.Code {
	if c, ok := codes()[code]; ok {
		if message != "" && c.Outcome != vendors.Accepted && !strings.Contains(c.Explanation, message) {
			c.Explanation += " (Honor: " + message + ")"
		}
		return c
	}
	if strings.HasPrefix(code, "oauth:") {
		return vendors.Code{Outcome: vendors.Rejected, Explanation: "Honor's IAM refused the client credentials: " + message,
			Fix: "check the Client ID and Client Secret in the Honor developer console → your app → Push service"}
	}
	return vendors.Code{Outcome: vendors.Rejected, Explanation: "Honor answered " + code + ": " + message, Fix: "look up " + code + " in Honor Push's downlink-message reference"}
}
