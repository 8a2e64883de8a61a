package models

import "time"

// MessageClass is the vendor class a message travels in, which decides how
// it is shown and how many get through. The vendors name them differently
// (docs/vendors/); pushcheck counts quotas per class.
type MessageClass string

const (
	// ClassStandard: APNs and FCM, which have no message classes.
	ClassStandard MessageClass = "standard"
	// ClassService: Huawei/Honor 服务与通讯, Xiaomi and Meizu private
	// (私信), OPPO 通讯与服务, vivo system messages. Rings; no per-device
	// daily cap.
	ClassService MessageClass = "service"
	// ClassMarketing: Huawei/Honor 资讯营销, Xiaomi and Meizu public (公信),
	// OPPO 内容与营销, vivo operation messages. Silent or capped per device
	// and per day.
	ClassMarketing MessageClass = "marketing"
	// ClassDefault: Xiaomi messages without a channel ID, one per device a
	// day.
	ClassDefault MessageClass = "default"
	// ClassTest: test messages (Huawei/Honor target_user_type 1, HarmonyOS
	// testMessage, vivo pushMode 1), outside the per-device caps.
	ClassTest MessageClass = "test"
)

// AllMessageClasses lists the classes in the order the console shows them.
func AllMessageClasses() []MessageClass {
	return []MessageClass{ClassService, ClassMarketing, ClassDefault, ClassTest, ClassStandard}
}

// Valid reports whether c is one of the classes.
func (c MessageClass) Valid() bool {
	for _, k := range AllMessageClasses() {
		if k == c {
			return true
		}
	}
	return false
}

// Label is the class as the console names it.
func (c MessageClass) Label() string {
	switch c {
	case ClassService:
		return "service & communication"
	case ClassMarketing:
		return "marketing / public"
	case ClassDefault:
		return "default channel"
	case ClassTest:
		return "test messages"
	}
	return "all messages"
}

// chinaTime is Beijing time, where the Chinese vendors' days and time
// windows are counted. China keeps no daylight saving, so a fixed zone is
// exact and needs no tzdata in the image.
func chinaTime() *time.Location { return time.FixedZone("CST", 8*3600) }

// VendorTime is t in the zone the vendor counts days in: Beijing time for
// the Chinese vendors, UTC for APNs and FCM.
func VendorTime(v Vendor, t time.Time) time.Time {
	if v == VendorAPNs || v == VendorFCM {
		return t.UTC()
	}
	return t.In(chinaTime())
}

// VendorClock is t's time of day in the zone the vendor counts days in,
// with the zone named, and in UTC beside Beijing time, so it reads right
// next to the UTC times elsewhere: "14:03 Beijing time (06:03 UTC)".
func VendorClock(v Vendor, t time.Time) string {
	utc := t.UTC().Format("15:04") + " UTC"
	if v == VendorAPNs || v == VendorFCM {
		return utc
	}
	return VendorTime(v, t).Format("15:04") + " " + VendorZoneName(v) + " (" + utc + ")"
}

// QuotaDay is the vendor's calendar day of t, as quota counters key it.
func QuotaDay(v Vendor, t time.Time) string {
	return VendorTime(v, t).Format(time.DateOnly)
}

// DayStart is the instant the vendor's day containing t began.
func DayStart(v Vendor, t time.Time) time.Time {
	vt := VendorTime(v, t)
	y, m, d := vt.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, vt.Location())
}

// Classes lists the message classes a vendor's messages travel in, for
// the quotas an admin may enter per certificate.
func (v Vendor) Classes() []MessageClass {
	switch v {
	case VendorAPNs, VendorFCM:
		return []MessageClass{ClassStandard}
	case VendorHuawei, VendorHarmony, VendorHonor, VendorVivo:
		return []MessageClass{ClassService, ClassMarketing, ClassTest}
	case VendorXiaomi:
		return []MessageClass{ClassService, ClassMarketing, ClassDefault}
	}
	return []MessageClass{ClassService, ClassMarketing}
}
