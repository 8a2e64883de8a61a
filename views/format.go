package views

import (
	"net/url"
	"strconv"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// AppPath builds a console path inside an app.
func AppPath(appID int64, rest string) string {
	return "/apps/" + strconv.FormatInt(appID, 10) + rest
}

// UserPath is the push-check page of a user; user IDs may hold any
// character, so they are escaped.
func UserPath(appID int64, userID string) string {
	return AppPath(appID, "/users/"+url.PathEscape(userID))
}

// DevicePath is a device's page.
func DevicePath(appID int64, deviceID string) string {
	return AppPath(appID, "/devices/"+url.PathEscape(deviceID))
}

// Duration writes a span the way people say it: 45s, 3m, 5h, 2d.
func Duration(d time.Duration) string { return models.HumanDuration(d) }

// Ago is a relative time for tables; Absolute goes in its title.
func Ago(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	if now.Sub(t) < 5*time.Second {
		return "just now"
	}
	return Duration(now.Sub(t)) + " ago"
}

// Absolute is a timestamp in UTC, unambiguous in tickets.
func Absolute(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// StateLabel and StateClass render a device's state badge: colour and word.
// A stale foreground says how long the device has been silent.
func StateLabel(now time.Time, r DeviceRow) string {
	switch r.Device.State {
	case models.StateForeground:
		if r.Stale {
			return "FOREGROUND (stale " + Duration(now.Sub(r.Device.LastSeenAt)) + ")"
		}
		return "FOREGROUND"
	case models.StateBackground:
		return "BACKGROUND"
	case models.StateLoggedOut:
		return "LOGGED OUT"
	case models.StateKicked:
		return "KICKED"
	}
	return string(r.Device.State)
}

func StateClass(r DeviceRow) string {
	switch r.Device.State {
	case models.StateForeground:
		if r.Stale {
			return "badge warn"
		}
		return "badge info"
	case models.StateBackground:
		return "badge ok"
	}
	return "badge bad"
}

// Permission renders the device-reported notification permission.
func Permission(b *bool) string {
	switch {
	case b == nil:
		return "unknown"
	case *b:
		return "on"
	}
	return "OFF"
}

// EventLabel is a timeline entry's kind in words.
func EventLabel(k models.EventKind) string {
	switch k {
	case models.EventRegistered:
		return "Registered"
	case models.EventTokenChanged:
		return "Token changed"
	case models.EventCertificateChanged:
		return "Certificate changed"
	case models.EventVendorChanged:
		return "Vendor changed"
	case models.EventEnvironmentChanged:
		return "APNs environment changed"
	case models.EventNotificationsChanged:
		return "Notification permission"
	case models.EventMovedIn:
		return "Moved in"
	case models.EventMovedAway:
		return "Moved to another user"
	case models.EventForeground:
		return "Foreground"
	case models.EventBackground:
		return "Background"
	case models.EventLogout:
		return "Logged out"
	case models.EventKicked:
		return "Kicked"
	}
	return string(k)
}

// CertificateLabel is how a reported certificate ID reads in a table.
func CertificateLabel(d models.Device) string {
	if d.CertificateID == nil {
		return "not reported"
	}
	return "#" + strconv.FormatInt(*d.CertificateID, 10)
}

// DeviceTitle names a device for people: its model, or its ID.
func DeviceTitle(d models.Device) string { return d.Title() }

// OSLine is "iOS 18.2" / "Android 15 · ColorOS 14".
func OSLine(d models.Device) string {
	name := map[models.Platform]string{models.PlatformIOS: "iOS", models.PlatformAndroid: "Android", models.PlatformHarmony: "HarmonyOS", models.PlatformWeb: "Web"}[d.Platform]
	s := name
	if d.OSVersion != "" {
		s += " " + d.OSVersion
	}
	if d.ROM != "" {
		s += " · " + d.ROM
	}
	return s
}

// FilterLink builds a devices-list link with one filter changed (value ""
// removes it) and the page cursor dropped.
func FilterLink(appID int64, current map[string]string, key, value string) string {
	q := url.Values{}
	for k, v := range current {
		if v != "" && k != "before" {
			q.Set(k, v)
		}
	}
	if value == "" {
		q.Del(key)
	} else {
		q.Set(key, value)
	}
	if len(q) == 0 {
		return AppPath(appID, "/devices")
	}
	return AppPath(appID, "/devices?"+q.Encode())
}

// NextLink is the keyset "Next ›" link.
func NextLink(appID int64, current map[string]string, next int64) string {
	return FilterLink(appID, current, "before", strconv.FormatInt(next, 10))
}

// Itoa is for counts in templates.
func Itoa[T ~int | ~int64](n T) string { return strconv.FormatInt(int64(n), 10) }

// Count is a number with its noun, singular or plural: "1 device",
// "3 devices".
func Count[T ~int | ~int64](n T, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Itoa(n) + " " + many
}

// allDevices is the composer's "all" choice: "all 3 devices", "its only
// device".
func allDevices(n int) string {
	if n == 1 {
		return "its only device"
	}
	return "all " + Itoa(n) + " devices"
}

// CountLabel shows a count; one that is a lower bound (counting stopped at
// a cap) reads "10,000+".
func CountLabel(n int64, atLeast bool) string {
	if !atLeast {
		return Itoa(n)
	}
	s := Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s + "+"
}

// CertificateSubject is what a certificate is for: APNs topic, FCM
// project, Android package or app ID.
func CertificateSubject(c models.Certificate) string {
	switch {
	case c.Topic != "":
		return c.Topic
	case c.Settings.PackageName != "":
		return c.Settings.PackageName
	case c.Settings.AppID != "":
		return "app " + c.Settings.AppID
	case c.Settings.AppKey != "":
		return "key " + c.Settings.AppKey
	}
	return ""
}

// ExpiresSoon flags credentials that expire within 30 days.
func ExpiresSoon(now time.Time, c models.Certificate) bool {
	return c.ExpiresWithin(now, 30*24*time.Hour)
}
