package alerts

import (
	"strconv"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
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

// alertMessage is one app's batch of new alerts, in loc's language.
func alertMessage(loc *i18n.Localizer, app models.App, alerts []models.CertificateAlert, consoleURL string, at time.Time) message {
	m := message{Event: "certificate_alerts", App: app, Alerts: alerts, Links: map[int64]string{}, At: at}
	var b strings.Builder
	b.WriteString(loc.Tn("alerts.webhook.header", int64(len(alerts)), "Brand", textBrand, "App", app.Name, "ID", app.ID))
	for i, a := range alerts {
		if consoleURL != "" {
			m.Links[a.Certificate.ID] = consoleURL + "/apps/" + strconv.FormatInt(app.ID, 10) + "/certificates/" + strconv.FormatInt(a.Certificate.ID, 10)
		}
		if i >= maxLines {
			continue
		}
		b.WriteString("\n• " + alertLine(loc, a))
		if link := m.Links[a.Certificate.ID]; link != "" {
			b.WriteString("\n  " + link)
		}
	}
	if len(alerts) > maxLines {
		b.WriteString("\n" + loc.Tf("alerts.webhook.more", "Count", len(alerts)-maxLines))
	}
	m.Text = models.TruncateUTF8(b.String(), maxTextBytes)
	return m
}

// alertLine names the certificate and says the problem.
func alertLine(loc *i18n.Localizer, a models.CertificateAlert) string {
	c := a.Certificate
	vendor := c.Vendor.Text()
	return loc.Tf("alerts.webhook.line", "ID", c.ID, "Name", c.Name, "Vendor", loc.Say(&vendor, c.Vendor.Label()),
		"Environment", environmentWord(loc, c.Environment), "Problem", loc.AlertProblem(a))
}

func environmentWord(loc *i18n.Localizer, env models.CertificateEnvironment) string {
	switch env {
	case models.CertProduction:
		return loc.T("rest.event.production")
	case models.CertDevelopment:
		return loc.T("rest.event.development")
	}
	return loc.T("alerts.webhook.sandbox")
}

// testMessage is what "Send test message" posts, in loc's language.
func testMessage(loc *i18n.Localizer, app models.App, consoleURL string, at time.Time) message {
	text := loc.Tf("alerts.webhook.test", "Brand", textBrand, "App", app.Name, "ID", app.ID)
	if consoleURL != "" {
		text = loc.Tf("alerts.webhook.test_from", "Brand", textBrand, "App", app.Name, "ID", app.ID, "URL", consoleURL)
	}
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
