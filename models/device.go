package models

import (
	"time"
)

// Platform is the device's operating system family.
type Platform string

const (
	PlatformIOS     Platform = "ios"
	PlatformAndroid Platform = "android"
	PlatformHarmony Platform = "harmony"
	PlatformWeb     Platform = "web"
)

// AllPlatforms lists the platforms a device may report.
func AllPlatforms() []Platform {
	return []Platform{PlatformIOS, PlatformAndroid, PlatformHarmony, PlatformWeb}
}

// Vendor is the push channel a token belongs to.
type Vendor string

const (
	VendorAPNs   Vendor = "apns"
	VendorFCM    Vendor = "fcm"
	VendorHuawei Vendor = "huawei"
	// VendorHarmony is Huawei Push Kit's REST v3 for HarmonyOS NEXT (5.0
	// and later): its own credentials (a service-account key), body and
	// codes. Push Kit v1/v2 (VendorHuawei) cannot reach those phones.
	VendorHarmony Vendor = "harmony"
	VendorHonor   Vendor = "honor"
	VendorXiaomi  Vendor = "xiaomi"
	VendorOPPO    Vendor = "oppo"
	VendorVivo    Vendor = "vivo"
	VendorMeizu   Vendor = "meizu"
)

// AllVendors lists the nine channels in the order the console shows them.
func AllVendors() []Vendor {
	return []Vendor{VendorAPNs, VendorFCM, VendorHuawei, VendorHarmony, VendorHonor, VendorXiaomi, VendorOPPO, VendorVivo, VendorMeizu}
}

// Label is the vendor's name as people write it.
func (v Vendor) Label() string {
	switch v {
	case VendorAPNs:
		return "APNs"
	case VendorFCM:
		return "FCM"
	case VendorHuawei:
		return "Huawei"
	case VendorHarmony:
		return "HarmonyOS NEXT"
	case VendorHonor:
		return "Honor"
	case VendorXiaomi:
		return "Xiaomi"
	case VendorOPPO:
		return "OPPO"
	case VendorVivo:
		return "vivo"
	case VendorMeizu:
		return "Meizu"
	}
	return string(v)
}

// Platforms lists the platforms on which the vendor's push service delivers:
// APNs only reaches Apple devices; FCM reaches Android, iOS (through APNs)
// and browsers; Huawei Push Kit v1/v2 serves Android (HMS) and HarmonyOS
// up to 4.x, and its v3 only HarmonyOS NEXT; the other Chinese vendors
// serve only their own Android ROMs.
func (v Vendor) Platforms() []Platform {
	switch v {
	case VendorAPNs:
		return []Platform{PlatformIOS}
	case VendorFCM:
		return []Platform{PlatformAndroid, PlatformIOS, PlatformWeb}
	case VendorHuawei:
		return []Platform{PlatformAndroid, PlatformHarmony}
	case VendorHarmony:
		return []Platform{PlatformHarmony}
	case VendorHonor, VendorXiaomi, VendorOPPO, VendorVivo, VendorMeizu:
		return []Platform{PlatformAndroid}
	}
	return nil
}

// Valid reports whether v is one of the nine vendors.
func (v Vendor) Valid() bool { return len(v.Platforms()) > 0 }

// State is what the IM server knows of the app on a device.
type State string

const (
	StateForeground State = "foreground" // online: the IM server sends no offline push
	StateBackground State = "background" // offline push goes through the vendor
	StateLoggedOut  State = "logged_out" // binding cleared by the user: no push until next registration
	StateKicked     State = "kicked"     // binding cleared by another login: no push until next registration
)

// AllStates lists the stored states.
func AllStates() []State {
	return []State{StateForeground, StateBackground, StateLoggedOut, StateKicked}
}

// Environment is the APNs environment an iOS build was signed for
// (aps-environment entitlement).
type Environment string

const (
	EnvDevelopment Environment = "development"
	EnvProduction  Environment = "production"
)

// Device is one app installation's push binding as the device last reported
// it. DeviceID is the app's own identifier for the installation; ID is ours.
type Device struct {
	ID       int64 `gorm:"primaryKey"`
	AppID    int64
	DeviceID string
	UserID   string
	Platform Platform
	Vendor   Vendor
	Token    string
	// VoIPToken is the iOS PushKit token, which call invitations go to;
	// it differs from the alert token.
	VoIPToken            string `gorm:"column:voip_token"`
	CertificateID        *int64
	Environment          Environment
	AppVersion           string
	OSVersion            string
	ROM                  string
	Model                string
	SDKVersion           string
	NotificationsEnabled *bool
	Locale               string
	// TokenDeadAt is set when a vendor answered that the token is invalid
	// (unregistered, expired, app uninstalled); a new registration with a
	// different token clears it.
	TokenDeadAt     *time.Time
	TokenDeadReason string
	State           State
	Unread          int
	StateSince      time.Time
	RegisteredAt    time.Time
	LastSeenAt      time.Time
	CreatedAt       time.Time
}

func (Device) TableName() string { return "devices" }

// Stale reports whether a foreground device has been silent longer than the
// window. IM servers time such a client out and treat it as offline, so a
// stale foreground device does get offline pushes.
func (d Device) Stale(now time.Time, window time.Duration) bool {
	return d.State == StateForeground && now.Sub(d.LastSeenAt) > window
}

// Title names the device as people do: its model, else the app's ID for
// the installation.
func (d Device) Title() string {
	if d.Model != "" {
		return d.Model
	}
	return d.DeviceID
}

// BindingActive reports whether the device still has a push binding.
func (d Device) BindingActive() bool {
	return d.State != StateLoggedOut && d.State != StateKicked
}

// EventKind names an entry in a device's timeline.
type EventKind string

const (
	EventRegistered           EventKind = "registered"
	EventTokenChanged         EventKind = "token_changed"
	EventCertificateChanged   EventKind = "certificate_changed"
	EventVendorChanged        EventKind = "vendor_changed"
	EventEnvironmentChanged   EventKind = "environment_changed"
	EventNotificationsChanged EventKind = "notifications_changed"
	EventMovedIn              EventKind = "moved_in"   // recorded under the new user
	EventMovedAway            EventKind = "moved_away" // recorded under the previous user
	EventForeground           EventKind = "foreground"
	EventBackground           EventKind = "background"
	EventLogout               EventKind = "logout"
	EventKicked               EventKind = "kicked"
)

// DeviceEvent is one entry of a device's timeline. UserID is the user the
// device belonged to when the event was recorded, so a user's page can show
// devices that moved away from them.
type DeviceEvent struct {
	ID        int64 `gorm:"primaryKey"`
	AppID     int64
	DevicePK  int64 `gorm:"column:device_pk"`
	DeviceID  string
	UserID    string
	Kind      EventKind
	Detail    string
	CreatedAt time.Time
}

func (DeviceEvent) TableName() string { return "device_events" }

// CertificateIDs lists the certificate IDs the devices report.
func CertificateIDs(devices []Device) []int64 {
	var ids []int64
	for _, dev := range devices {
		if dev.CertificateID != nil {
			ids = append(ids, *dev.CertificateID)
		}
	}
	return ids
}
