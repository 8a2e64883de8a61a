package vendors

import (
	"strings"

	"github.com/pushcheck/pushcheck/models"
)

// Outcome is what a vendor answer means for one delivery; its values are
// the delivery statuses.
type Outcome string

const (
	Accepted  Outcome = "accepted"  // the vendor took the message
	Rejected  Outcome = "rejected"  // the vendor refused it: fix the request, token or credentials
	Failed    Outcome = "failed"    // the call did not complete (network, timeout, vendor outage): retry later
	Validated Outcome = "validated" // a dry run the vendor checked (validate_only) and did not deliver
	NotSent   Outcome = "not_sent"  // a dry run built and shown but not sent: the vendor has no dry run
)

// Code is a vendor answer explained: its kind, what happened in the user's
// words and what to do about it. Vendors keep a table of these, one per
// documented code, built with the constructors below so that outcome and
// kind always agree.
type Code struct {
	Outcome     Outcome
	Kind        models.AnswerKind
	Explanation string
	Fix         string
}

// Accept is the vendor taking the message.
func Accept(explanation string) Code {
	return Code{Outcome: Accepted, Kind: models.AnswerAccepted, Explanation: explanation}
}

// BadRequest is a refusal of the message or of the certificate's settings.
func BadRequest(explanation, fix string) Code {
	return Code{Outcome: Rejected, Kind: models.AnswerBadRequest, Explanation: explanation, Fix: fix}
}

// AuthFailure is a refusal of the credentials.
func AuthFailure(explanation, fix string) Code {
	return Code{Outcome: Rejected, Kind: models.AnswerAuth, Explanation: explanation, Fix: fix}
}

// DeadToken is a token that will never work again.
func DeadToken(explanation, fix string) Code {
	return Code{Outcome: Rejected, Kind: models.AnswerDeadToken, Explanation: explanation, Fix: fix}
}

// DailyQuota is the certificate's daily cap for the message's class spent:
// the class is over quota until the vendor's day ends.
func DailyQuota(explanation, fix string) Code {
	return Code{Outcome: Rejected, Kind: models.AnswerDailyQuota, Explanation: explanation, Fix: fix}
}

// DeviceLimit is a per-device cap or rate: only this device waits.
func DeviceLimit(explanation, fix string) Code {
	return Code{Outcome: Rejected, Kind: models.AnswerDeviceLimit, Explanation: explanation, Fix: fix}
}

// Transient is an outage, flow control or timeout: this delivery failed,
// a later one may not. Nothing is marked.
func Transient(explanation, fix string) Code {
	return Code{Outcome: Failed, Kind: models.AnswerTransient, Explanation: explanation, Fix: fix}
}

// Unknown is an answer no table explains, told in the vendor's own words.
func Unknown(explanation, fix string) Code {
	return Code{Outcome: Rejected, Kind: models.AnswerUnknown, Explanation: explanation, Fix: fix}
}

// Explain looks a vendor's code up in its table and adds the vendor's own
// message to the explanation; an unknown code is explained by the vendor's
// message, pointing at its reference.
func Explain(table map[string]Code, vendor, code, message, reference string) Code {
	if c, ok := table[code]; ok {
		if message != "" && c.Outcome != Accepted && !IsSuccessText(message) && !strings.Contains(c.Explanation, message) {
			c.Explanation += " (" + vendor + ": " + message + ")"
		}
		return c
	}
	if message == "" {
		message = "no message"
	}
	return Unknown(vendor+" answered "+code+": "+message, "look up "+code+" in "+reference)
}

// IsSuccessText recognises the success words vendors put in the message of
// an answer whose other parts say it failed ("success", "成功"): quoting
// them under a rejection only confuses.
func IsSuccessText(message string) bool {
	switch strings.ToLower(strings.TrimSpace(message)) {
	case "success", "succeed", "succeeded", "ok", "成功", "请求成功":
		return true
	}
	return false
}
