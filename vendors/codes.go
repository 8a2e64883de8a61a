package vendors

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
