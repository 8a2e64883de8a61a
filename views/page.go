// Package views holds the console's templ components: the layout, one file
// per page, and small shared parts.
package views

import (
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// Page is what every page's layout needs.
type Page struct {
	Title      string
	Nav        string
	Operator   *models.Operator // nil on the sign-in pages
	CSRF       string
	Apps       []models.App
	App        *models.App
	Now        time.Time
	Version    string
	StaleAfter time.Duration
	// Alerts are every app's certificates needing attention, for the
	// admins' banner; empty for everyone else.
	Alerts []models.CertificateAlert
}

// Can reports whether the signed-in operator has at least the role, so
// pages hide what the server would refuse anyway.
func (p Page) Can(min models.Role) bool {
	return p.Operator != nil && p.Operator.Role.AtLeast(min)
}

// AppPath builds a path inside the current app.
func (p Page) AppPath(rest string) string {
	if p.App == nil {
		return "/"
	}
	return AppPath(p.App.ID, rest)
}

// LoginForm is the sign-in form's state.
type LoginForm struct {
	Email, Next, CSRF, Error string
}

// SetupForm is the first-admin form's state.
type SetupForm struct {
	Token, Email, Name, CSRF, Error string
}

// DeviceRow is a device with what the pages show beside it.
type DeviceRow struct {
	Device       models.Device
	Certificate  *models.Certificate // nil when the reported ID is unknown
	Stale        bool
	Reachability models.Reachability
}

// UserView is the push-check page of one user.
type UserView struct {
	UserID    string
	Devices   []DeviceRow
	MovedAway []models.DeviceEvent
	Verdict   VerdictView
	Results   *PushResults // a push just sent without htmx
}

// DevicesView is the filtered devices list.
type DevicesView struct {
	Filter  models.DeviceFilter
	Counts  models.DeviceCounts
	Rows    []DeviceRow
	Next    int64
	Error   string
	Filters map[string]string // the raw query, to build chip links
}

// DeviceView is one device's page.
type DeviceView struct {
	Row      DeviceRow
	Verdict  models.DeviceVerdict
	Timeline []models.DeviceEvent
}

// AppsView lists apps for admins.
type AppsView struct {
	Apps  []models.App
	Error string
	Name  string
}

// AppSettingsView is an app's keys page. NewKey is the plaintext of a key
// just issued, shown once.
type AppSettingsView struct {
	Keys    []models.APIKey
	NewKey  string
	Error   string
	Webhook WebhookForm
}

// WebhookForm is the app's alert webhook on its settings page.
type WebhookForm struct {
	Stored *models.AlertWebhook // nil: none set yet
	// Kind and URL are what the admin typed when the form was refused.
	Kind              models.WebhookKind
	URL               string
	Error, ErrorField string
	// Sent is the test message just posted.
	Sent *models.WebhookDelivery
}

// OperatorsView lists operators for admins.
type OperatorsView struct {
	Operators []models.Operator
	Error     string
	Notice    string
	Form      NewOperatorForm
}

// NewOperatorForm keeps what an admin typed when adding fails.
type NewOperatorForm struct {
	Email, Name string
	Role        models.Role
}

// ProfileView is the signed-in operator's own page. NewToken is shown once.
type ProfileView struct {
	Tokens    []models.OperatorToken
	Sessions  []models.Session
	CurrentID string
	NewToken  string
	Error     string
}

// PushResults is a sent push with one row per targeted device.
type PushResults struct {
	Push       models.Push
	Deliveries []models.Delivery
	Devices    map[string]models.Device // by device ID, for names
	Traces     map[string][]models.DeliveryEvent
	// Matrix adds the device × stage comparison (push and group pages).
	Matrix bool
	Error  string
	// Verdict is the user's verdict after the push, swapped in out of band
	// with the page head's summary and DeviceRows, the devices table:
	// answers can mark tokens dead or quotas spent.
	Verdict    *VerdictView
	DeviceRows []DeviceRow
	// Counted is the whole push's progress when Deliveries holds only the
	// first rows of a large push; Hidden counts the rows left out.
	Counted *models.PushProgress
	Hidden  int
}

// PlatformsPresent tells which platforms the user's devices report.
func (u UserView) PlatformsPresent() map[models.Platform]bool {
	out := map[models.Platform]bool{}
	for _, d := range u.Devices {
		out[d.Device.Platform] = true
	}
	return out
}

// VendorsPresent lists the vendors among a user's devices, for the
// composer's per-vendor options.
func (u UserView) VendorsPresent() map[models.Vendor]bool {
	out := map[models.Vendor]bool{}
	for _, d := range u.Devices {
		out[d.Device.Vendor] = true
	}
	return out
}
