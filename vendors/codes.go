package vendors

import "strings"

// Outcome is what a vendor answer means for one delivery.
type Outcome string

const (
	Accepted Outcome = "accepted" // the vendor took the message
	Rejected Outcome = "rejected" // the vendor refused it: fix the request, token or credentials
	Failed   Outcome = "failed"   // the call did not complete (network, timeout, vendor outage): retry later
)

// Code is a vendor answer explained: what happened in the user's words and
// what to do about it. Vendors keep a table of these, one per documented
// code.
type Code struct {
	Outcome     Outcome
	Explanation string
	Fix         string
	// TokenDead: the token will never work again; the device must report a
	// new one.
	TokenDead bool
	// Quota: a rate or daily limit was hit.
	Quota bool
}

// Reject, Fail, OverQuota and DeadToken build code-table entries.
func Reject(explanation, fix string) Code {
	return Code{Outcome: Rejected, Explanation: explanation, Fix: fix}
}

func Fail(explanation, fix string) Code {
	return Code{Outcome: Failed, Explanation: explanation, Fix: fix}
}

func OverQuota(explanation, fix string) Code {
	return Code{Outcome: Rejected, Quota: true, Explanation: explanation, Fix: fix}
}

func DeadToken(explanation, fix string) Code {
	return Code{Outcome: Rejected, TokenDead: true, Explanation: explanation, Fix: fix}
}

// Explain looks a vendor's code up in its table and adds the vendor's own
// message to the explanation; an unknown code is explained by the vendor's
// message, pointing at its reference.
func Explain(table map[string]Code, vendor, code, message, reference string) Code {
	if c, ok := table[code]; ok {
		if message != "" && c.Outcome != Accepted && !strings.Contains(c.Explanation, message) {
			c.Explanation += " (" + vendor + ": " + message + ")"
		}
		return c
	}
	return Code{Outcome: Rejected, Explanation: vendor + " answered " + code + ": " + message, Fix: "look up " + code + " in " + reference}
}
