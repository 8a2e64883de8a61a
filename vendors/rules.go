package vendors

import (
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/pushcheck/pushcheck/models"
)

// Rules is what a vendor knows about messages before any call: the class a
// message travels in, the lint of a composed message, the vendor's own
// links of the "why no push?" verdict, and its documented figures. Each
// vendor keeps them in limits.go, lint.go and diagnose.go.
type Rules interface {
	// Class is the message class msg travels in on certificate c, which
	// decides its caps and how the phone shows it.
	Class(msg Message, c models.Certificate) models.MessageClass
	// Lint checks msg against the vendor's rules for certificate c.
	// now places vivo's time window.
	Lint(msg Message, c models.Certificate, now time.Time) []models.Warning
	// Diagnose adds the vendor's checks to a device's verdict; the device's
	// certificate is usable when it is called.
	Diagnose(in models.DiagnosisInput) []models.Check
	// Limits are the vendor's figures for the Limits page, each with its
	// source and date.
	Limits() []models.Limit
}

// Blocker and Warning are the lint vocabulary. A blocker means the vendor
// refuses or the phone hides the message; a warning means it arrives, with
// a catch.
func Blocker(code, format string, args ...any) models.Warning {
	return models.Warning{Code: code, Level: models.LevelBlocker, Message: fmt.Sprintf(format, args...)}
}

func Warning(code, format string, args ...any) models.Warning {
	return models.Warning{Code: code, Level: models.LevelWarning, Message: fmt.Sprintf(format, args...)}
}

// Phrase is part of a finding a vendor fills in (what it does with a
// message over a limit, what it has instead of a feature), in English and
// as a catalogued text.
type Phrase struct {
	English string
	Text    models.Text
}

// Phrased pairs a vendor's phrase with its catalogued text.
func Phrased(english string, text models.Text) Phrase { return Phrase{english, text} }

// Refuses, RefusesWith, RefusesCode and Answers are the effects the
// vendors document: "Xiaomi refuses it", "Huawei refuses it with
// 80300008", "OPPO refuses it (code 41)", "FCM answers INVALID_ARGUMENT".
func Refuses(v models.Vendor) Phrase {
	return Phrase{v.Label() + " refuses it", models.Tf("lint.effect.refuses", "Vendor", v.Text())}
}

func RefusesWith(v models.Vendor, code string) Phrase {
	return Phrase{v.Label() + " refuses it with " + code, models.Tf("lint.effect.refuses_with", "Vendor", v.Text(), "Code", code)}
}

func RefusesCode(v models.Vendor, code string) Phrase {
	return Phrase{v.Label() + " refuses it (code " + code + ")", models.Tf("lint.effect.refuses_code", "Vendor", v.Text(), "Code", code)}
}

func Answers(v models.Vendor, code string) Phrase {
	return Phrase{v.Label() + " answers " + code, models.Tf("lint.effect.answers", "Vendor", v.Text(), "Code", code)}
}

// TooLong flags a field over the vendor's character limit; vendors count
// characters (runes), not bytes.
func TooLong(v models.Vendor, field, value string, max int, effect Phrase) []models.Warning {
	n := utf8.RuneCountInString(value)
	if n <= max {
		return nil
	}
	return []models.Warning{Blocker(field+"_too_long", "%s %s is %d characters; %s allows %d: %s", v.Label(), field, n, v.Label(), max, effect.English).
		Says(models.Tf("lint.too_long", "Vendor", v.Text(), "Field", field, "Length", n, "Max", max, "Effect", effect.Text))}
}

// TooLarge flags an encoded body or field over the vendor's byte limit.
func TooLarge(v models.Vendor, what string, body any, max int, effect Phrase) []models.Warning {
	raw, err := json.Marshal(body)
	if err != nil {
		return []models.Warning{Blocker("payload_unencodable", "%s %s cannot be encoded: %v", v.Label(), what, err)}
	}
	return TooManyBytes(v, what, len(raw), max, effect)
}

// TooManyBytes flags a size over a byte limit.
func TooManyBytes(v models.Vendor, what string, n, max int, effect Phrase) []models.Warning {
	if n <= max {
		return nil
	}
	return []models.Warning{Blocker("payload_too_large", "%s %s is %d bytes; %s accepts %d: %s", v.Label(), what, n, v.Label(), max, effect.English).
		Says(models.Tf("lint.too_large", "Vendor", v.Text(), "What", sizedText(what), "Length", n, "Max", max, "Effect", effect.Text))}
}

// sizedText names what TooManyBytes measured in the reader's language;
// payload is the vendors' own word.
func sizedText(what string) models.Text {
	switch what {
	case "message":
		return models.T("lint.sized.message")
	case "notification and data":
		return models.T("lint.sized.notification_and_data")
	}
	return models.Text{Plain: what}
}

// NoBadge flags a badge on a vendor whose push API cannot set one.
func NoBadge(v models.Vendor, msg Message, how Phrase) []models.Warning {
	if _, ok := msg.BadgeNumber(); !ok {
		return nil
	}
	return []models.Warning{Warning("badge_unsupported", "%s push cannot set a badge number: %s", v.Label(), how.English).
		Says(models.Tf("lint.badge_unsupported", "Vendor", v.Text(), "How", how.Text))}
}

// NoCustomSound flags a custom sound on a vendor whose push API has none.
func NoCustomSound(v models.Vendor, msg Message, how Phrase) []models.Warning {
	if msg.Sound == "" || msg.Sound == "default" {
		return nil
	}
	return []models.Warning{Warning("sound_unsupported", "%s push has no custom sound per message, %q is not played: %s", v.Label(), msg.Sound, how.English).
		Says(models.Tf("lint.sound_unsupported", "Vendor", v.Text(), "Sound", fmt.Sprintf("%q", msg.Sound), "How", how.Text))}
}

// DeviceCap is the per-device daily cap check shared by the vendors that
// cap a class per device: pass below it, fail at it.
func DeviceCap(in models.DiagnosisInput, class models.MessageClass, limit int, what string) models.Check {
	const id, title = "device_cap", "Per-device daily cap"
	v := in.Device.Vendor.Label()
	n := in.SentToday[class]
	if n >= limit {
		return models.Fail(id, title, fmt.Sprintf("%d %s messages accepted for this device today; %s shows at most %d a day", n, what, v, limit),
			"wait until tomorrow ("+models.VendorZoneName(in.Device.Vendor)+"), or send in the service class", fmt.Sprintf("has had its %d %s messages for today", limit, what)).
			Says(models.Tf("verdict.device_cap.reached.evidence", "Sent", n, "What", capWhat(class, what), "Vendor", v, "Limit", limit),
				models.Tf("verdict.device_cap.reached.fix", "Zone", models.ZoneText(in.Device.Vendor)), models.Tf("verdict.device_cap.reached.cause", "Limit", limit, "What", capWhat(class, what)))
	}
	return models.Pass(id, title, fmt.Sprintf("%d of %d %s messages for this device today", n, limit, what)).
		Says(models.Tf("verdict.device_cap.pass", "Sent", n, "Limit", limit, "What", capWhat(class, what)))
}

// capWhat is DeviceCap's name of the capped messages in the reader's
// language.
func capWhat(class models.MessageClass, what string) models.Text {
	switch {
	case class == models.ClassMarketing && what == "marketing":
		return models.T("verdict.device_cap.marketing")
	case class == models.ClassDefault && what == "default-channel":
		return models.T("verdict.device_cap.default_channel")
	}
	return models.Text{Plain: what}
}

// DeviceCapOf checks the marketing cap when the device's messages travel
// as marketing; in other classes it is not a link of the chain.
func DeviceCapOf(in models.DiagnosisInput, limit int) models.Check {
	if in.Class != models.ClassMarketing {
		return models.Pass("device_cap", "Per-device daily cap", "messages go as "+in.Class.Label()+": no per-device daily cap").
			Says(models.Tf("verdict.device_cap.none", "Class", in.Class.Text()))
	}
	return DeviceCap(in, models.ClassMarketing, limit, "marketing")
}

// OrNone shows an empty setting as "not set" in evidence lines.
func OrNone(s string) string {
	if s == "" {
		return "not set"
	}
	return s
}

// OrNoneText is OrNone in the reader's language.
func OrNoneText(s string) models.Text {
	if s == "" {
		return models.T("verdict.not_set")
	}
	return models.Text{Plain: s}
}
