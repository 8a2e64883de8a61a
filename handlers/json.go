package handlers

import (
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// deviceJSON is a device as the API shows it. The token is included: it is
// what support engineers copy into vendor consoles, not a credential.
type deviceJSON struct {
	DeviceID             string         `json:"device_id"`
	UserID               string         `json:"user_id"`
	Platform             string         `json:"platform"`
	Vendor               string         `json:"vendor"`
	Token                string         `json:"token"`
	TokenDead            bool           `json:"token_dead"`
	TokenDeadReason      string         `json:"token_dead_reason,omitempty"`
	CertificateID        *int64         `json:"certificate_id"`
	CertificateKnown     bool           `json:"certificate_known"`
	Environment          string         `json:"environment,omitempty"`
	AppVersion           string         `json:"app_version"`
	OSVersion            string         `json:"os_version"`
	ROM                  string         `json:"rom"`
	Model                string         `json:"model"`
	SDKVersion           string         `json:"sdk_version"`
	NotificationsEnabled *bool          `json:"notifications_enabled"`
	Locale               string         `json:"locale"`
	State                string         `json:"state"`
	Stale                bool           `json:"stale"`
	Unread               int            `json:"unread"`
	StateSince           time.Time      `json:"state_since"`
	RegisteredAt         time.Time      `json:"registered_at"`
	LastSeenAt           time.Time      `json:"last_seen_at"`
	Reachability         *reachableJSON `json:"reachability,omitempty"`
}

type reachableJSON struct {
	OK     bool   `json:"ok"`
	Reason string `json:"reason"`
}

func toDeviceJSON(r views.DeviceRow) deviceJSON {
	d := r.Device
	return deviceJSON{
		DeviceID: d.DeviceID, UserID: d.UserID, Platform: string(d.Platform), Vendor: string(d.Vendor),
		Token: d.Token, TokenDead: d.TokenDeadAt != nil, TokenDeadReason: d.TokenDeadReason,
		CertificateID: d.CertificateID, CertificateKnown: r.Certificate != nil, Environment: string(d.Environment),
		AppVersion: d.AppVersion, OSVersion: d.OSVersion, ROM: d.ROM, Model: d.Model, SDKVersion: d.SDKVersion,
		NotificationsEnabled: d.NotificationsEnabled, Locale: d.Locale,
		State: string(d.State), Stale: r.Stale, Unread: d.Unread,
		StateSince: d.StateSince, RegisteredAt: d.RegisteredAt, LastSeenAt: d.LastSeenAt,
		Reachability: &reachableJSON{OK: r.Reachability.OK, Reason: r.Reachability.Reason},
	}
}

func toDevicesJSON(rows []views.DeviceRow) []deviceJSON {
	out := make([]deviceJSON, len(rows))
	for i, r := range rows {
		out[i] = toDeviceJSON(r)
	}
	return out
}

type eventJSON struct {
	Kind     string    `json:"kind"`
	Detail   string    `json:"detail,omitempty"`
	UserID   string    `json:"user_id"`
	DeviceID string    `json:"device_id"`
	At       time.Time `json:"at"`
}

func toEventsJSON(events []models.DeviceEvent) []eventJSON {
	out := make([]eventJSON, len(events))
	for i, e := range events {
		out[i] = eventJSON{Kind: string(e.Kind), Detail: e.Detail, UserID: e.UserID, DeviceID: e.DeviceID, At: e.CreatedAt}
	}
	return out
}

type warningJSON struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}
