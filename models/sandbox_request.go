package models

import "time"

// SandboxRequest is one request a sandbox emulator received, from the
// console or from any other client, as the request log keeps it: who sent
// it with which credentials, the emulator's verdict and why, and the
// request and answer with every secret taken out.
type SandboxRequest struct {
	ID     int64 `gorm:"primaryKey"`
	At     time.Time
	Vendor Vendor
	// AppID and CertificateID are the sandbox certificate the credentials
	// belong to; nil when no certificate holds them.
	AppID         *int64
	CertificateID *int64
	// Credential names the credentials, never their secret part.
	Credential string
	RemoteAddr string
	Host       string
	Method     string
	Path       string
	// Tokens are the addressed tokens, masked; TokenHashes their
	// HashDeviceToken fingerprints, space-separated, for the token filter.
	Tokens      []string `gorm:"serializer:json"`
	TokenHashes string
	Status      int
	Code        string
	Verdict     SandboxVerdict
	// Grant is an access-token request rather than a push.
	Grant       bool `gorm:"column:access_grant"`
	AuthProblem string
	Explanation string
	Broken      []Finding `gorm:"serializer:json"`
	Notes       []Finding `gorm:"serializer:json"`
	// Delivered counts the notifications the vendor took.
	Delivered int
	// Request and Answer are as the emulator saw them: headers with
	// credentials redacted, bodies cut to a few KB.
	Request  string
	Answer   string
	Duration time.Duration
}

func (SandboxRequest) TableName() string { return "sandbox_requests" }

// SandboxVerdict sums a sandbox request up.
type SandboxVerdict string

const (
	VerdictAccepted    SandboxVerdict = "accepted"     // the vendor took it
	VerdictRefusedAuth SandboxVerdict = "refused-auth" // the credentials were refused
	VerdictRefusedRule SandboxVerdict = "refused-rule" // the request broke a rule, or a token was refused
	VerdictError       SandboxVerdict = "error"        // the vendor was down or answered nothing readable
)

// SandboxVerdicts lists the verdicts in the order filters show them.
func SandboxVerdicts() []SandboxVerdict {
	return []SandboxVerdict{VerdictAccepted, VerdictRefusedAuth, VerdictRefusedRule, VerdictError}
}

// Finding is one rule a request broke or one note on it: a vendor code
// (or lint code) and what it means.
type Finding struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// Text is the message as a catalogued sentence, when it has one (the
	// lint's notes), for pages in the reader's language.
	Text *Text `json:"text,omitempty"`
}

// SandboxRequestFilter selects an app's sandbox requests, newest first;
// Before pages by ID.
type SandboxRequestFilter struct {
	AppID         int64
	Vendor        Vendor
	CertificateID int64
	// TokenHash is HashDeviceToken of the token asked for.
	TokenHash string
	Verdict   SandboxVerdict
	Before    int64
	Limit     int
}
