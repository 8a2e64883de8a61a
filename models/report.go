package models

import (
	"crypto/rand"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Report is a verdict frozen at one moment, behind a permalink signed-in
// operators can open from a ticket: who checked, when, and what was found.
type Report struct {
	ID            string `gorm:"primaryKey"`
	AppID         int64
	UserID        string
	OperatorEmail string
	Verdict       Verdict `gorm:"serializer:json"`
	// Devices is the user's devices table as the page showed it then.
	Devices   []ReportDevice `gorm:"serializer:json"`
	CreatedAt time.Time
}

// ReportDevice is one row of a report's devices table: the device as it
// stood, and what its certificate was then.
type ReportDevice struct {
	Device           Device                 `json:"device"`
	Stale            bool                   `json:"stale,omitempty"`
	CertificateKnown bool                   `json:"certificate_known,omitempty"`
	CertificateName  string                 `json:"certificate_name,omitempty"`
	CertificateEnv   CertificateEnvironment `json:"certificate_environment,omitempty"`
}

func (Report) TableName() string { return "reports" }

// NewReportID is unguessable: a permalink pasted into a ticket names one
// report, not a sequence of them.
func NewReportID() string { return "rpt_" + strings.ToLower(rand.Text()) }

// statusMark is a check's outcome as plain text shows it.
func statusMark(s CheckStatus) string {
	switch s {
	case CheckPass:
		return "✓"
	case CheckWarn:
		return "⚠"
	}
	return "✗"
}

// Markdown is the verdict as text for a ticket: the summary, then each
// device's outcome with its first problem and fix, then every check.
func (v Verdict) Markdown(appName, permalink string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Push check: %s (%s)\n\n", v.UserID, appName)
	fmt.Fprintf(&b, "Checked %s UTC. **%s.**\n\n", v.At.UTC().Format("2006-01-02 15:04"), Sentence(v.Summary))
	if m := v.Message; m != nil {
		fmt.Fprintf(&b, "Missed message: %s", m.Type)
		if m.Desc == "" {
			b.WriteString(", no desc")
		}
		if !m.At.IsZero() {
			fmt.Fprintf(&b, ", sent %s", m.At.Format(time.RFC3339))
		}
		b.WriteString("\n\n")
	}
	for _, d := range v.Devices {
		w := d.Worst()
		fmt.Fprintf(&b, "### %s %s — `%s`\n\n", statusMark(d.Status()), d.Name, d.DeviceID)
		if w.Status != CheckPass {
			fmt.Fprintf(&b, "**%s:** %s  \nFix: %s\n\n", w.Title, w.Evidence, w.Fix)
		}
		for _, c := range d.Checks {
			fmt.Fprintf(&b, "- %s %s: %s\n", statusMark(c.Status), c.Title, c.Evidence)
		}
		b.WriteString("\n")
	}
	if permalink != "" {
		fmt.Fprintf(&b, "Report: %s\n", permalink)
	}
	return b.String()
}

// Sentence starts a generated phrase with a capital letter.
func Sentence(s string) string {
	if s == "" {
		return s
	}
	_, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(s[:n]) + s[n:]
}
