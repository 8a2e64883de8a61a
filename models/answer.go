package models

// AnswerKind says what a vendor's answer is about, and so what it may mark
// beyond the one delivery. Only a daily quota marks a certificate (for one
// message class, until the vendor's day ends); a per-device limit marks that
// device; a dead token marks the token; the rest mark nothing.
type AnswerKind string

const (
	AnswerAccepted    AnswerKind = "accepted"     // the vendor took the message
	AnswerValidated   AnswerKind = "validated"    // a dry run the vendor checked and did not deliver
	AnswerNotSent     AnswerKind = "not_sent"     // a dry run built and shown, never sent: the vendor has no dry run
	AnswerDailyQuota  AnswerKind = "daily_quota"  // the certificate's daily cap for the message class is spent
	AnswerDeviceLimit AnswerKind = "device_limit" // a per-device cap or rate: this device only
	AnswerTransient   AnswerKind = "transient"    // an outage, flow control or timeout: retry later
	AnswerDeadToken   AnswerKind = "dead_token"   // the token will never work again
	AnswerBadRequest  AnswerKind = "bad_request"  // fix the message or the certificate's settings
	AnswerAuth        AnswerKind = "auth"         // fix the credentials
	AnswerUnknown     AnswerKind = "unknown"      // an answer no table explains: the vendor's own words
)

// AnswerKinds lists the kinds, for filters and documentation.
func AnswerKinds() []AnswerKind {
	return []AnswerKind{AnswerAccepted, AnswerValidated, AnswerNotSent, AnswerDailyQuota, AnswerDeviceLimit, AnswerTransient,
		AnswerDeadToken, AnswerBadRequest, AnswerAuth, AnswerUnknown}
}

// Label is the kind in a support engineer's words.
func (k AnswerKind) Label() string {
	switch k {
	case AnswerAccepted:
		return "accepted"
	case AnswerValidated:
		return "validated by the vendor"
	case AnswerNotSent:
		return "not sent"
	case AnswerDailyQuota:
		return "daily quota"
	case AnswerDeviceLimit:
		return "per-device limit"
	case AnswerTransient:
		return "transient"
	case AnswerDeadToken:
		return "dead token"
	case AnswerBadRequest:
		return "bad request"
	case AnswerAuth:
		return "credentials"
	}
	return "unknown"
}
