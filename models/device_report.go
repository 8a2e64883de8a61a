package models

import (
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Registration is the body of PUT /api/v1/devices/{device_id}: the push
// binding a device reports after login (Tencent's setOfflinePushConfig).
type Registration struct {
	UserID   string   `json:"user_id"`
	Platform Platform `json:"platform"`
	Vendor   Vendor   `json:"vendor"`
	Token    string   `json:"token"`
	// VoIPToken is the iOS PushKit (VoIP) token, for call invitations: a
	// second token the app gets from PKPushRegistry, sent to the same
	// certificate's bundle ID + ".voip" topic.
	VoIPToken            string      `json:"voip_token"`
	CertificateID        *int64      `json:"certificate_id"`
	Environment          Environment `json:"environment"`
	AppVersion           string      `json:"app_version"`
	OSVersion            string      `json:"os_version"`
	ROM                  string      `json:"rom"`
	Model                string      `json:"model"`
	SDKVersion           string      `json:"sdk_version"`
	NotificationsEnabled *bool       `json:"notifications_enabled"`
	Locale               string      `json:"locale"`
}

// StateReport is the body of POST .../state: doForeground / doBackground.
type StateReport struct {
	State  State `json:"state"`
	Unread *int  `json:"unread"`
}

// LogoutReport is the body of POST .../logout.
type LogoutReport struct {
	Reason string `json:"reason"`
}

const (
	maxDeviceIDLen = 128
	maxUserIDLen   = 128
	maxTokenLen    = 4096
	maxFactLen     = 128
	maxUnread      = 1_000_000
	// APNs device tokens are 32 bytes today; Apple warns they may grow, so
	// accept up to 100 bytes of hex.
	minAPNsTokenHex = 64
	maxAPNsTokenHex = 200
)

// ValidateDeviceID checks the app-chosen device identifier from the URL.
func ValidateDeviceID(id string) error {
	if id == "" {
		return Invalid("device_id", "the device ID is empty")
	}
	if len(id) > maxDeviceIDLen {
		return Invalid("device_id", "the device ID is longer than %d characters", maxDeviceIDLen)
	}
	if id == "." || id == ".." {
		return Invalid("device_id", "%q is not a device ID: it means a path", id)
	}
	for _, r := range id {
		if !(r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._:-@", r))) {
			return Invalid("device_id", "the device ID may contain only letters, digits and . _ : - @")
		}
	}
	return nil
}

// ValidateUserID checks an IM user ID: any printable text without surrounding
// spaces, because IM systems allow almost anything there.
func ValidateUserID(id string) error {
	switch {
	case id == "":
		return Invalid("user_id", "user_id is required")
	case len(id) > maxUserIDLen:
		return Invalid("user_id", "user_id is longer than %d bytes", maxUserIDLen)
	case !utf8.ValidString(id):
		return Invalid("user_id", "user_id is not valid UTF-8")
	case strings.TrimSpace(id) != id:
		return Invalid("user_id", "user_id starts or ends with white space")
	case strings.IndexFunc(id, unicode.IsControl) >= 0:
		return Invalid("user_id", "user_id contains control characters")
	}
	return nil
}

// Normalize checks the registration and returns it in canonical form (APNs
// tokens lower-cased). The first problem found is returned with its field.
func (r Registration) Normalize() (Registration, error) {
	if err := ValidateUserID(r.UserID); err != nil {
		return r, err
	}
	if !slices.Contains(AllPlatforms(), r.Platform) {
		return r, Invalid("platform", "platform must be one of ios, android, harmony, web; got %q", r.Platform)
	}
	if !r.Vendor.Valid() {
		return r, Invalid("vendor", "unknown vendor %q: use apns, fcm, huawei, harmony, honor, xiaomi, oppo, vivo or meizu", r.Vendor)
	}
	if !slices.Contains(r.Vendor.Platforms(), r.Platform) {
		return r, Invalid("vendor", "%s does not deliver to %s devices (it serves %s)", r.Vendor.Label(), r.Platform, joinPlatforms(r.Vendor.Platforms()))
	}
	token, err := normalizeToken(r.Vendor, r.Token)
	if err != nil {
		return r, err
	}
	r.Token = token
	if r.VoIPToken != "" {
		if r.Platform != PlatformIOS {
			return r, Invalid("voip_token", "only iOS apps have a VoIP (PushKit) token; Android and HarmonyOS calls ring through the vendor's own channel")
		}
		voip, err := normalizeToken(VendorAPNs, r.VoIPToken)
		if err != nil {
			e := err.(*Error)
			return r, Invalid("voip_token", "the VoIP token is PushKit's: %s", strings.Replace(e.Message, "APNs token", "APNs VoIP token", 1))
		}
		r.VoIPToken = voip
	}
	if r.CertificateID != nil && *r.CertificateID <= 0 {
		return r, Invalid("certificate_id", "certificate_id must be a positive number (the ID the console assigned)")
	}
	switch r.Environment {
	case "", EnvDevelopment, EnvProduction:
	default:
		return r, Invalid("environment", "environment must be development or production; got %q", r.Environment)
	}
	facts := []struct{ field, value string }{
		{"app_version", r.AppVersion}, {"os_version", r.OSVersion}, {"rom", r.ROM},
		{"model", r.Model}, {"sdk_version", r.SDKVersion}, {"locale", r.Locale},
	}
	for _, f := range facts {
		if len(f.value) > maxFactLen {
			return r, Invalid(f.field, "%s is longer than %d bytes", f.field, maxFactLen)
		}
		if strings.IndexFunc(f.value, unicode.IsControl) >= 0 {
			return r, Invalid(f.field, "%s contains control characters", f.field)
		}
	}
	return r, nil
}

func normalizeToken(v Vendor, token string) (string, error) {
	switch {
	case token == "":
		return "", Invalid("token", "token is required: report the push token the %s SDK returned", v.Label())
	case len(token) > maxTokenLen:
		return "", Invalid("token", "token is longer than %d bytes", maxTokenLen)
	case strings.IndexFunc(token, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0:
		return "", Invalid("token", "token contains white space or control characters")
	}
	if v != VendorAPNs {
		return token, nil
	}
	// APNs tokens reach the server as hex; a base64 or "<ab cd>" description
	// string here means the app converted the NSData the wrong way.
	if _, err := hex.DecodeString(token); err != nil || len(token) < minAPNsTokenHex || len(token) > maxAPNsTokenHex {
		return "", Invalid("token", "an APNs token must be %d to %d hex digits (got %d characters); convert the deviceToken bytes to hex, not to a description string", minAPNsTokenHex, maxAPNsTokenHex, len(token))
	}
	return strings.ToLower(token), nil
}

func joinPlatforms(ps []Platform) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = string(p)
	}
	return strings.Join(s, ", ")
}

// Validate checks a state report.
func (s StateReport) Validate() error {
	if s.State != StateForeground && s.State != StateBackground {
		return Invalid("state", "state must be foreground or background; got %q", s.State)
	}
	if s.Unread != nil && (*s.Unread < 0 || *s.Unread > maxUnread) {
		return Invalid("unread", "unread must be between 0 and %d", maxUnread)
	}
	return nil
}

// State returns the stored state a logout report leads to.
func (l LogoutReport) State() (State, error) {
	switch l.Reason {
	case "", "logout":
		return StateLoggedOut, nil
	case "kicked":
		return StateKicked, nil
	}
	return "", Invalid("reason", "reason must be logout or kicked; got %q", l.Reason)
}

// ApplyRegistration computes the device after a (normalized) registration and
// the timeline entries it causes. prev is nil for a device never seen before.
// A repeated identical report changes only LastSeenAt and records nothing, so
// apps that re-register on every launch do not flood the timeline.
func ApplyRegistration(prev *Device, appID int64, deviceID string, r Registration, now time.Time) (Device, []DeviceEvent) {
	var d Device
	var events []DeviceEvent
	event := func(user string, kind EventKind, detail string) {
		events = append(events, DeviceEvent{AppID: appID, DeviceID: deviceID, UserID: user, Kind: kind, Detail: detail, CreatedAt: now})
	}
	if prev == nil {
		d = Device{AppID: appID, DeviceID: deviceID, CreatedAt: now}
	} else {
		d = *prev
	}
	fresh := prev == nil || !prev.BindingActive()
	if prev != nil && prev.UserID != r.UserID {
		event(prev.UserID, EventMovedAway, fmt.Sprintf("re-registered by user %s", r.UserID))
		event(r.UserID, EventMovedIn, fmt.Sprintf("moved from user %s", prev.UserID))
	}
	if fresh {
		event(r.UserID, EventRegistered, fmt.Sprintf("%s token %s, certificate %s", r.Vendor.Label(), MaskToken(r.Token), certLabel(r.CertificateID)))
	} else {
		if prev.Vendor != r.Vendor {
			event(r.UserID, EventVendorChanged, fmt.Sprintf("%s → %s", prev.Vendor.Label(), r.Vendor.Label()))
		}
		if prev.Token != r.Token {
			event(r.UserID, EventTokenChanged, fmt.Sprintf("%s → %s", MaskToken(prev.Token), MaskToken(r.Token)))
		}
		if !equalInt64Ptr(prev.CertificateID, r.CertificateID) {
			event(r.UserID, EventCertificateChanged, fmt.Sprintf("%s → %s", certLabel(prev.CertificateID), certLabel(r.CertificateID)))
		}
		if prev.Environment != r.Environment && r.Vendor == VendorAPNs {
			event(r.UserID, EventEnvironmentChanged, fmt.Sprintf("%s → %s", orUnknown(string(prev.Environment)), orUnknown(string(r.Environment))))
		}
	}
	if prev != nil && !equalBoolPtr(prev.NotificationsEnabled, r.NotificationsEnabled) {
		event(r.UserID, EventNotificationsChanged, "notifications "+permissionLabel(r.NotificationsEnabled))
	}

	if prev != nil && prev.Token != r.Token {
		d.TokenDeadAt, d.TokenDeadReason = nil, ""
	}
	d.UserID, d.Platform, d.Vendor, d.Token, d.VoIPToken = r.UserID, r.Platform, r.Vendor, r.Token, r.VoIPToken
	d.CertificateID, d.Environment = r.CertificateID, r.Environment
	d.AppVersion, d.OSVersion, d.ROM, d.Model, d.SDKVersion = r.AppVersion, r.OSVersion, r.ROM, r.Model, r.SDKVersion
	d.NotificationsEnabled, d.Locale = r.NotificationsEnabled, r.Locale
	d.LastSeenAt = now
	if fresh {
		// Registration happens right after login, with the app on screen: the
		// IM server counts the client as online until it reports background.
		d.State, d.StateSince, d.RegisteredAt, d.Unread = StateForeground, now, now, 0
	}
	return d, events
}

// StateChange is what a state or logout report does to a device: its new
// state, the unread count when one was reported, and the timeline entry
// recorded when (and only when) the state really changes. Storage applies
// it in SQL on both databases: state and unread always, state_since and the
// timeline entry only when the state differs from the stored one.
type StateChange struct {
	State  State
	Unread *int
	Event  EventKind
	Detail string
}

// DeviceState is what a state or logout report leaves: the device's state
// columns, which is all the reporting app is answered with.
type DeviceState struct {
	ID         int64
	DeviceID   string
	State      State
	Unread     int
	StateSince time.Time
	LastSeenAt time.Time
}

// Change is the state change a (validated) state report asks for. Unread
// updates within a state are coalesced: they change the count, not the
// timeline.
func (s StateReport) Change() StateChange {
	c := StateChange{State: s.State, Unread: s.Unread, Event: EventForeground}
	if s.State == StateBackground {
		c.Event = EventBackground
		if s.Unread != nil {
			c.Detail = fmt.Sprintf("%d unread", *s.Unread)
		}
	}
	return c
}

// Change is the state change a logout report asks for.
func (l LogoutReport) Change() (StateChange, error) {
	state, err := l.State()
	if err != nil {
		return StateChange{}, err
	}
	return logoutChange(state), nil
}

func logoutChange(state State) StateChange {
	if state == StateKicked {
		return StateChange{State: state, Event: EventKicked}
	}
	return StateChange{State: state, Event: EventLogout}
}

// MaskToken shows enough of a token to recognise it, and no more: its
// first 6 and last 4 bytes, fewer where a character would be split.
func MaskToken(t string) string {
	if len(t) <= 12 {
		return t
	}
	tail := len(t) - 4
	for i := 0; i < utf8.UTFMax-1 && !utf8.RuneStart(t[tail]); i++ {
		tail++
	}
	return TruncateUTF8(t, 6) + "…" + t[tail:]
}

func certLabel(id *int64) string {
	if id == nil {
		return "not reported"
	}
	return fmt.Sprintf("#%d", *id)
}

func permissionLabel(b *bool) string {
	switch {
	case b == nil:
		return "unknown"
	case *b:
		return "on"
	}
	return "off"
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func equalInt64Ptr(a, b *int64) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

func equalBoolPtr(a, b *bool) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}
