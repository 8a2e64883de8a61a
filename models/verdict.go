package models

import (
	"fmt"
	"strings"
	"time"
)

// CheckStatus is one check's outcome.
type CheckStatus string

const (
	CheckPass CheckStatus = "pass"
	CheckWarn CheckStatus = "warn" // works, with a catch the engineer should know
	CheckFail CheckStatus = "fail" // a broken link: offline push will not arrive
)

// Check is one link of the push chain, checked for one device: what was
// looked at, the evidence in one line, and the fix when it is not a pass.
type Check struct {
	ID       string      `json:"id"`
	Title    string      `json:"title"`
	Status   CheckStatus `json:"status"`
	Evidence string      `json:"evidence"`
	Fix      string      `json:"fix,omitempty"`
	// Cause is the failure said in a few words, for the user's summary
	// line ("has no channel ID").
	Cause string `json:"cause,omitempty"`
	// FixLink is the console page the fix sends the engineer to, when it
	// names one.
	FixLink *Link `json:"fix_link,omitempty"`
	// Texts are the evidence, fix and cause as catalogued sentences, for
	// pages in the reader's language; nil on checks without them (and on
	// those stored before), which pages show in English.
	Texts *CheckWords `json:"texts,omitempty"`
}

// Link is a console page, by its path: pages render it as a link, the API
// returns it as it is.
type Link struct {
	Label string `json:"label"`
	Path  string `json:"path"`
}

// ClientConfigLink is the app's Client config page on the tab of the
// device's platform: where the certificate IDs an app reports are listed.
func ClientConfigLink(d Device) *Link {
	tab := PlatformAndroid // web devices report FCM, listed there too
	switch {
	case d.Platform == PlatformIOS:
		tab = PlatformIOS
	case d.Vendor == VendorHarmony:
		tab = PlatformHarmony
	}
	return &Link{Label: "Client config", Path: fmt.Sprintf("/apps/%d/client-config?platform=%s", d.AppID, tab)}
}

// Pass, Warn and Fail build checks.
func Pass(id, title, evidence string) Check {
	return Check{ID: id, Title: title, Status: CheckPass, Evidence: evidence}
}

func Warn(id, title, evidence, fix, cause string) Check {
	return Check{ID: id, Title: title, Status: CheckWarn, Evidence: evidence, Fix: fix, Cause: cause}
}

func Fail(id, title, evidence, fix, cause string) Check {
	return Check{ID: id, Title: title, Status: CheckFail, Evidence: evidence, Fix: fix, Cause: cause}
}

// DeviceVerdict is the ordered checks of one device.
type DeviceVerdict struct {
	DeviceID      string  `json:"device_id"`
	Vendor        Vendor  `json:"vendor"`
	Name          string  `json:"name"` // "OPPO PHB110"
	CertificateID *int64  `json:"certificate_id"`
	Receives      bool    `json:"receives"`
	Checks        []Check `json:"checks"`
}

// Worst is the first failing check, else the first warning, else the app
// state, which says why the push arrives: the line a support engineer reads
// first.
func (d DeviceVerdict) Worst() Check {
	for _, want := range []CheckStatus{CheckFail, CheckWarn} {
		for _, c := range d.Checks {
			if c.Status == want {
				return c
			}
		}
	}
	for _, c := range d.Checks {
		if c.ID == "app_state" {
			return c
		}
	}
	if len(d.Checks) == 0 {
		return Check{}
	}
	return d.Checks[len(d.Checks)-1]
}

// Status is the device's overall outcome.
func (d DeviceVerdict) Status() CheckStatus {
	return d.Worst().Status
}

// Verdict answers "why no push?" for one user: each device's checks and a
// one-line summary. It is what the diagnosis API returns and what a report
// freezes.
type Verdict struct {
	AppID   int64           `json:"app_id"`
	UserID  string          `json:"user_id"`
	At      time.Time       `json:"checked_at"`
	Summary string          `json:"summary"`
	Message *MissedMessage  `json:"message,omitempty"`
	Devices []DeviceVerdict `json:"devices"`
}

// NewVerdict collects device verdicts under a summary.
func NewVerdict(appID int64, userID string, at time.Time, msg MissedMessage, devices []DeviceVerdict) Verdict {
	v := Verdict{AppID: appID, UserID: userID, At: at, Devices: devices}
	if msg.Given() {
		v.Message = &msg
	}
	v.Summary = v.summarize()
	return v
}

// Receiving counts the devices with no failing check.
func (v Verdict) Receiving() int {
	n := 0
	for _, d := range v.Devices {
		if d.Receives {
			n++
		}
	}
	return n
}

// summarize says how many devices receive and names the first broken
// link: "2 of 3 devices can receive offline push; the OPPO PHB110 has no
// channel ID".
func (v Verdict) summarize() string {
	if len(v.Devices) == 0 {
		return "no devices registered: the app never reported a push token for this user"
	}
	s := fmt.Sprintf("%d of %d devices can receive offline push", v.Receiving(), len(v.Devices))
	if len(v.Devices) == 1 {
		s = "the only device cannot receive offline push"
		if v.Receiving() == 1 {
			s = "the only device can receive offline push"
		}
	}
	named, more, note := v.Blamed()
	var causes []string
	for _, b := range named {
		causes = append(causes, "the "+b.Device+" "+b.Check.Cause)
	}
	if more > 0 {
		causes = append(causes, fmt.Sprintf("%d more", more))
	}
	switch {
	case note:
		return s + "; note: " + causes[0]
	case len(causes) > 0:
		s += "; " + strings.Join(causes, "; ")
	}
	return s
}

// Blame is a device the summary names, and the check it names it for.
type Blame struct {
	Device string
	Check  Check
}

// Blamed are the devices the summary names: the first two whose worst
// check fails with a cause, and how many more fail; when none fails, the
// first with a warning that has a cause, as a note.
func (v Verdict) Blamed() (named []Blame, more int, note bool) {
	for _, d := range v.Devices {
		if w := d.Worst(); w.Status == CheckFail && w.Cause != "" {
			named = append(named, Blame{Device: d.Name, Check: w})
		}
	}
	if len(named) > 2 {
		return named[:2], len(named) - 2, false
	}
	if len(named) > 0 {
		return named, 0, false
	}
	for _, d := range v.Devices {
		if w := d.Worst(); w.Status == CheckWarn && w.Cause != "" {
			return []Blame{{Device: d.Name, Check: w}}, 0, true
		}
	}
	return nil, 0, false
}

// MissedMessage describes the message the user says never arrived, when the
// engineer knows it: some causes are in the message, not the device.
type MissedMessage struct {
	// Type is "text" (any normal message) or "custom".
	Type          string `json:"type"`
	Desc          string `json:"desc,omitempty"`
	Ext           string `json:"ext,omitempty"`
	OPPOChannelID string `json:"oppo_channel_id,omitempty"`
	// At is when it was sent, for time windows (vivo's 07:00-23:00);
	// zero: now.
	At time.Time `json:"at,omitzero"`
}

// Given reports whether the engineer described the message.
func (m MissedMessage) Given() bool { return m.Type != "" }

// IsCall reports whether the missed message was an incoming-call
// invitation, which needs more than a notification does (a VoIP token,
// the VoIP topic, HarmonyOS's call right).
func (m MissedMessage) IsCall() bool { return m.Type == "call" }

// ForCalls grades a check of what only call invitations need. Checked
// against a missed call, what is missing is why it did not ring: it
// fails. Otherwise the device is fine for every other message, so the
// check passes and its words stay as a note for the day calls matter:
// many apps never ring calls through push, and their devices are healthy.
func (c Check) ForCalls(m MissedMessage) Check {
	switch {
	case c.Status == CheckPass:
	case m.IsCall():
		c.Status = CheckFail
	default:
		c.Status = CheckPass
	}
	return c
}

// ParseMissedMessage reads the optional message description of a
// diagnosis request; the zero value when none was given.
func ParseMissedMessage(get func(string) string) (MissedMessage, error) {
	m := MissedMessage{Type: strings.TrimSpace(get("message_type")), Desc: strings.TrimSpace(get("desc")),
		Ext: strings.TrimSpace(get("ext")), OPPOChannelID: strings.TrimSpace(get("oppo_channel_id"))}
	if at := strings.TrimSpace(get("at")); at != "" {
		t, err := time.Parse(time.RFC3339, at)
		if err != nil {
			return MissedMessage{}, Invalid("at", "at is when the message was sent, in RFC 3339 with its zone, e.g. 2026-11-21T23:40:00+08:00")
		}
		m.At = t
	}
	switch m.Type {
	case "":
		if m.Desc == "" && m.Ext == "" && m.OPPOChannelID == "" && m.At.IsZero() {
			return MissedMessage{}, nil
		}
		m.Type = "text"
	case "text", "custom", "call":
	default:
		return MissedMessage{}, Invalid("message_type", "message_type is text (any normal message), custom or call (an incoming-call invitation)")
	}
	for _, f := range []struct{ name, value string }{{"desc", m.Desc}, {"ext", m.Ext}, {"oppo_channel_id", m.OPPOChannelID}} {
		if len(f.value) > 4096 {
			return MissedMessage{}, Invalid(f.name, "%s is longer than 4096 bytes", f.name)
		}
	}
	return m, nil
}
