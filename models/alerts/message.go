package alerts

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// message is one post to a webhook: the text every chat platform shows,
// and the alerts themselves for the generic kind.
type message struct {
	Event  string // certificate_alerts | test
	App    models.App
	Text   string
	Alerts []models.CertificateAlert
	Links  map[int64]string // certificate ID → its page
	At     time.Time
}

const (
	// maxLines keeps a batch readable in a chat; the rest are counted.
	maxLines = 20
	// maxTextBytes fits WeCom's limit on a text message (2048 bytes), the
	// smallest of the four platforms'.
	maxTextBytes = 2000
	// textBrand opens every message: DingTalk's and Feishu's "custom
	// keywords" security setting passes a message only when it holds one
	// of the bot's keywords, and "pushcheck" is the one to set.
	textBrand = "pushcheck"
)

// alertMessage is one app's batch of new alerts.
func alertMessage(app models.App, alerts []models.CertificateAlert, consoleURL string, at time.Time) message {
	m := message{Event: "certificate_alerts", App: app, Alerts: alerts, Links: map[int64]string{}, At: at}
	noun := "certificate alerts"
	if len(alerts) == 1 {
		noun = "certificate alert"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s · %s (app #%d): %d %s", textBrand, app.Name, app.ID, len(alerts), noun)
	for i, a := range alerts {
		if consoleURL != "" {
			m.Links[a.Certificate.ID] = consoleURL + "/apps/" + strconv.FormatInt(app.ID, 10) + "/certificates/" + strconv.FormatInt(a.Certificate.ID, 10)
		}
		if i >= maxLines {
			continue
		}
		b.WriteString("\n• " + a.Sentence())
		if link := m.Links[a.Certificate.ID]; link != "" {
			b.WriteString("\n  " + link)
		}
	}
	if len(alerts) > maxLines {
		fmt.Fprintf(&b, "\n… and %d more on the Certificates page", len(alerts)-maxLines)
	}
	m.Text = models.TruncateUTF8(b.String(), maxTextBytes)
	return m
}

// testMessage is what "Send test message" posts.
func testMessage(app models.App, consoleURL string, at time.Time) message {
	from := ""
	if consoleURL != "" {
		from = " from " + consoleURL
	}
	text := fmt.Sprintf("%s · %s (app #%d): test message%s. Certificate alerts (expiry within 30, 7 and 1 days, a failed Test connection) will be posted here.",
		textBrand, app.Name, app.ID, from)
	return message{Event: "test", App: app, Text: models.TruncateUTF8(text, maxTextBytes), At: at}
}

// genericPayload is the generic kind's body: the text and each alert as
// data, for scripts and alert managers.
type genericPayload struct {
	Source string         `json:"source"`
	Event  string         `json:"event"`
	App    genericApp     `json:"app"`
	Text   string         `json:"text"`
	Alerts []genericAlert `json:"alerts"`
	SentAt time.Time      `json:"sent_at"`
}

type genericApp struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

type genericAlert struct {
	CertificateID   int64      `json:"certificate_id"`
	CertificateName string     `json:"certificate_name"`
	Vendor          string     `json:"vendor"`
	Environment     string     `json:"environment"`
	Kind            string     `json:"kind"`
	ThresholdDays   int        `json:"threshold_days,omitempty"`
	ExpiresAt       *time.Time `json:"expires_at,omitempty"`
	Problem         string     `json:"problem"`
	URL             string     `json:"url,omitempty"`
}

func (m message) generic() genericPayload {
	p := genericPayload{Source: textBrand, Event: m.Event, App: genericApp{ID: m.App.ID, Name: m.App.Name}, Text: m.Text,
		Alerts: []genericAlert{}, SentAt: m.At.UTC()}
	for _, a := range m.Alerts {
		c := a.Certificate
		p.Alerts = append(p.Alerts, genericAlert{CertificateID: c.ID, CertificateName: c.Name, Vendor: string(c.Vendor),
			Environment: string(c.Environment), Kind: string(a.Kind), ThresholdDays: a.Days, ExpiresAt: c.ExpiresAt,
			Problem: a.Problem(), URL: m.Links[c.ID]})
	}
	return p
}
