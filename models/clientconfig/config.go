// Package clientconfig writes the client config an app team pastes into
// its app: for each vendor, the certificate ID to report with the token and
// the IDs the vendor's client SDK takes, per platform (Kotlin, Java and
// manifest entries; Swift and the aps-environment entitlement; Dart in the
// shape of the TUIKit push plugin's PushAppInfo; ArkTS and module.json5).
//
// It reads certificates' IDs and non-secret settings only, never their
// sealed secrets: a server secret cannot reach a snippet. A value not set
// yet becomes a TODO placeholder saying where the vendor's console shows
// it, and is listed in Missing.
package clientconfig

import (
	"slices"
	"strings"

	"github.com/pushcheck/pushcheck/models"
)

// Platform is where the app runs, as the Client config page's tabs and the
// API's platform parameter name it.
type Platform string

const (
	Android Platform = "android"
	IOS     Platform = "ios"
	Flutter Platform = "flutter"
	Harmony Platform = "harmony"
)

// Platforms lists the platforms in the page's tab order.
func Platforms() []Platform { return []Platform{Android, IOS, Flutter, Harmony} }

// Label is the platform's name as people write it.
func (p Platform) Label() string {
	switch p {
	case IOS:
		return "iOS"
	case Flutter:
		return "Flutter"
	case Harmony:
		return "HarmonyOS NEXT"
	}
	return "Android"
}

// ParsePlatform reads the platform parameter; empty is Android, the page's
// first tab.
func ParsePlatform(s string) (Platform, error) {
	p := Platform(strings.TrimSpace(s))
	if p == "" {
		return Android, nil
	}
	if !slices.Contains(Platforms(), p) {
		return "", models.Invalid("platform", "platform is android, ios, flutter or harmony; got %q", s)
	}
	return p, nil
}

// Snippet is one piece of text to paste, and where it goes.
type Snippet struct {
	ID       string `json:"id"` // "android-kotlin"
	Title    string `json:"title"`
	Language string `json:"language"` // kotlin, java, xml, swift, dart, arkts, json5
	File     string `json:"file"`     // the file it goes into
	Text     string `json:"text"`
}

// Missing is a value a snippet holds a TODO for.
type Missing struct {
	Vendor models.Vendor `json:"vendor"`
	// CertificateID is the certificate to fill in; 0 when the vendor has
	// no certificate yet.
	CertificateID int64  `json:"certificate_id,omitempty"`
	Field         string `json:"field,omitempty"` // the certificate's field, "xiaomi.client_app_id"
	What          string `json:"what"`
	Where         string `json:"where"` // where the vendor's console shows it
	// Environment is the build a missing certificate is for
	// ("development"), when it matters; the page words it in its language.
	Environment string `json:"-"`
}

// Config is one platform's snippets and what they still lack.
type Config struct {
	Platform Platform  `json:"platform"`
	Snippets []Snippet `json:"snippets"`
	Missing  []Missing `json:"missing"`
}

// Snippet finds a snippet by ID.
func (c Config) Snippet(id string) (Snippet, bool) {
	i := slices.IndexFunc(c.Snippets, func(s Snippet) bool { return s.ID == id })
	if i < 0 {
		return Snippet{}, false
	}
	return c.Snippets[i], true
}

// Build writes one platform's client config from the app's certificates.
func Build(p Platform, app models.App, certs []models.Certificate) Config {
	certs = slices.Clone(certs)
	slices.SortFunc(certs, func(a, b models.Certificate) int { return int(a.ID - b.ID) })
	var w writer
	switch p {
	case IOS:
		w = iosConfig(app, certs)
	case Flutter:
		w = flutterConfig(app, certs)
	case Harmony:
		w = harmonyConfig(app, certs)
	default:
		w = androidConfig(app, certs)
	}
	if w.missing == nil {
		w.missing = []Missing{} // the API says "none" as [], not null
	}
	return Config{Platform: p, Snippets: w.snippets, Missing: w.missing}
}

// writer collects snippets and the TODOs written into them, each once.
type writer struct {
	snippets []Snippet
	missing  []Missing
}

func (w *writer) add(s Snippet) { w.snippets = append(w.snippets, s) }

func (w *writer) lack(m Missing) {
	if !slices.Contains(w.missing, m) {
		w.missing = append(w.missing, m)
	}
}

// choose picks the certificate a build reports for a vendor: the first of
// the environments in order (a release build wants production before
// sandbox), the oldest first. The vendor's other certificates are returned
// to be named beside it.
func choose(certs []models.Certificate, v models.Vendor, envs ...models.CertificateEnvironment) (*models.Certificate, []models.Certificate) {
	var chosen *models.Certificate
	for _, env := range envs {
		i := slices.IndexFunc(certs, func(c models.Certificate) bool { return c.Vendor == v && c.Environment == env })
		if i >= 0 {
			chosen = &certs[i]
			break
		}
	}
	var others []models.Certificate
	for _, c := range certs {
		if c.Vendor == v && (chosen == nil || c.ID != chosen.ID) {
			others = append(others, c)
		}
	}
	return chosen, others
}

// releaseOrder is the environments a shipped build reports, best first.
func releaseOrder() []models.CertificateEnvironment {
	return []models.CertificateEnvironment{models.CertProduction, models.CertDevelopment, models.CertSandbox}
}
