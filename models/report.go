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

// Markdown is the verdict as text for a ticket, in English: the summary,
// then each device's outcome with its first problem and fix, then every
// check. The API says this; pages say it in the reader's language.
func (v Verdict) Markdown(appName, permalink string) string {
	return v.MarkdownIn(EnglishReport{}, appName, permalink)
}

// ReportWords are the words of a ticket's Markdown in one language: its
// sentences, and a check's title, evidence and fix.
type ReportWords interface {
	Heading(user, app string) string
	Checked(at time.Time, summary string) string
	Missed(m MissedMessage) string
	Summary(v Verdict) string
	Title(c Check) string
	// DeviceName is a device verdict's name ("Huawei Mate60").
	DeviceName(name string) string
	Evidence(c Check) string
	Fix(c Check) string
	// Colon ends a check's title before its evidence.
	Colon() string
	Problem(title, evidence, fix string) string
	Report(permalink string) string
}

// MarkdownIn is the verdict as text for a ticket, in words' language.
func (v Verdict) MarkdownIn(words ReportWords, appName, permalink string) string {
	var b strings.Builder
	b.WriteString(words.Heading(v.UserID, appName) + "\n\n")
	b.WriteString(words.Checked(v.At, words.Summary(v)) + "\n\n")
	if m := v.Message; m != nil {
		b.WriteString(words.Missed(*m) + "\n\n")
	}
	for _, d := range v.Devices {
		w := d.Worst()
		fmt.Fprintf(&b, "### %s %s — `%s`\n\n", statusMark(d.Status()), words.DeviceName(d.Name), d.DeviceID)
		if w.Status != CheckPass {
			b.WriteString(words.Problem(words.Title(w), words.Evidence(w), words.Fix(w)) + "\n\n")
		}
		for _, c := range d.Checks {
			fmt.Fprintf(&b, "- %s %s%s%s\n", statusMark(c.Status), words.Title(c), words.Colon(), words.Evidence(c))
		}
		b.WriteString("\n")
	}
	if permalink != "" {
		b.WriteString(words.Report(permalink) + "\n")
	}
	return b.String()
}

// EnglishReport are the Markdown's words as Go writes them in English.
type EnglishReport struct{}

func (EnglishReport) Heading(user, app string) string {
	return fmt.Sprintf("## Push check: %s (%s)", user, app)
}

func (EnglishReport) Checked(at time.Time, summary string) string {
	return fmt.Sprintf("Checked %s UTC. **%s.**", at.UTC().Format("2006-01-02 15:04"), summary)
}

func (EnglishReport) Missed(m MissedMessage) string {
	s := "Missed message: " + m.Type
	if m.Desc == "" {
		s += ", no desc"
	}
	if !m.At.IsZero() {
		s += ", sent " + m.At.Format(time.RFC3339)
	}
	return s
}

func (EnglishReport) Summary(v Verdict) string      { return Sentence(v.Summary) }
func (EnglishReport) Title(c Check) string          { return c.Title }
func (EnglishReport) Evidence(c Check) string       { return c.Evidence }
func (EnglishReport) DeviceName(name string) string { return name }
func (EnglishReport) Colon() string                 { return ": " }
func (EnglishReport) Fix(c Check) string            { return c.Fix }
func (EnglishReport) Report(link string) string     { return "Report: " + link }
func (EnglishReport) Problem(title, evidence, fix string) string {
	return fmt.Sprintf("**%s:** %s  \nFix: %s", title, evidence, fix)
}

// Sentence starts a generated phrase with a capital letter.
func Sentence(s string) string {
	if s == "" {
		return s
	}
	_, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(s[:n]) + s[n:]
}
