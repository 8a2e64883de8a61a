package views

import (
	"context"
	"net/url"
	"strconv"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
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

// Duration writes a span the way people say it: 45s, 3m, 5h, 2d (秒, 分钟,
// 小时, 天 in Chinese).
func Duration(ctx context.Context, d time.Duration) string { return i18n.From(ctx).Span(d) }

// Ago is a relative time for tables; Absolute goes in its title.
func Ago(ctx context.Context, now, t time.Time) string { return i18n.From(ctx).Ago(now, t) }

// In is a time to come: "in 5h", "5 小时后".
func In(ctx context.Context, now, t time.Time) string { return i18n.From(ctx).In(now, t) }

// Absolute is a timestamp in UTC, unambiguous in tickets.
func Absolute(ctx context.Context, t time.Time) string { return i18n.From(ctx).DateTime(t) }

// Date is a day in the page's language: 2026-11-30, 2026年11月30日.
func Date(ctx context.Context, t time.Time) string { return i18n.From(ctx).Date(t) }

// StateLabel and StateClass render a device's state badge: colour and word.
// A stale foreground says how long the device has been silent.
func StateLabel(ctx context.Context, now time.Time, r DeviceRow) string {
	switch r.Device.State {
	case models.StateForeground:
		if r.Stale {
			return Tf(ctx, "state.foreground_stale", "Span", Duration(ctx, now.Sub(r.Device.LastSeenAt)))
		}
		return T(ctx, "state.foreground")
	case models.StateBackground:
		return T(ctx, "state.background")
	case models.StateLoggedOut:
		return T(ctx, "state.logged_out")
	case models.StateKicked:
		return T(ctx, "state.kicked")
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
func Permission(ctx context.Context, b *bool) string {
	switch {
	case b == nil:
		return T(ctx, "permission.unknown")
	case *b:
		return T(ctx, "permission.on")
	}
	return T(ctx, "permission.off")
}

// EventLabel is a timeline entry's kind in words.
func EventLabel(ctx context.Context, k models.EventKind) string {
	switch k {
	case models.EventRegistered:
		return T(ctx, "event.registered")
	case models.EventTokenChanged:
		return T(ctx, "event.token_changed")
	case models.EventCertificateChanged:
		return T(ctx, "event.certificate_changed")
	case models.EventVendorChanged:
		return T(ctx, "event.vendor_changed")
	case models.EventEnvironmentChanged:
		return T(ctx, "event.environment_changed")
	case models.EventNotificationsChanged:
		return T(ctx, "event.notifications_changed")
	case models.EventMovedIn:
		return T(ctx, "event.moved_in")
	case models.EventMovedAway:
		return T(ctx, "event.moved_away")
	case models.EventForeground:
		return T(ctx, "event.foreground")
	case models.EventBackground:
		return T(ctx, "event.background")
	case models.EventLogout:
		return T(ctx, "event.logout")
	case models.EventKicked:
		return T(ctx, "event.kicked")
	}
	return string(k)
}

// CertificateLabel is how a reported certificate ID reads in a table.
func CertificateLabel(ctx context.Context, d models.Device) string {
	if d.CertificateID == nil {
		return T(ctx, "certificate.not_reported")
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

// allDevices is the composer's "all" choice: "all 3 devices", "its only
// device".
func allDevices(ctx context.Context, n int) string {
	return Tn(ctx, "composer.all_devices", n)
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

// RoleLabel is a role in the page's language.
func RoleLabel(ctx context.Context, r models.Role) string {
	switch r {
	case models.RoleAdmin:
		return T(ctx, "role.admin")
	case models.RoleOperator:
		return T(ctx, "role.operator")
	case models.RoleViewer:
		return T(ctx, "role.viewer")
	}
	return string(r)
}
