package models

import (
	"fmt"
	"time"
)

// Text is a sentence of the console by its catalogue ID (models/i18n) and
// named arguments, kept beside the English a check or lint finding says,
// so that a page can say it in the reader's language. It is stored with
// what it describes (reports, deliveries) and read long after, so it holds
// only IDs and words: an argument is itself a Text, a plain word (a name,
// a code, a number) or a catalogued one (a zone, a duration's unit).
//
// The English stays in Go beside it: the API and the Markdown report say
// that; the catalogue tests keep en.toml saying the same.
type Text struct {
	ID   string          `json:"id,omitempty"`
	Args map[string]Text `json:"args,omitempty"`
	// Plain is said as it is in every language, when there is no ID.
	Plain string `json:"plain,omitempty"`
}

// T is a catalogued sentence without arguments.
func T(id string) Text { return Text{ID: id} }

// Tf is a catalogued sentence with named arguments as name, value pairs: a
// Text value is said in the reader's language, a time.Duration in its
// units, anything else as fmt prints it.
func Tf(id string, pairs ...any) Text {
	t := Text{ID: id, Args: make(map[string]Text, len(pairs)/2)}
	for i := 0; i+1 < len(pairs); i += 2 {
		name, _ := pairs[i].(string)
		switch v := pairs[i+1].(type) {
		case Text:
			t.Args[name] = v
		case time.Duration:
			t.Args[name] = Span(v)
		default:
			t.Args[name] = Text{Plain: fmt.Sprint(v)}
		}
	}
	return t
}

// Span is a duration in its largest unit, as HumanDuration says it in
// English ("3h") and the catalogue in other languages ("3 小时"). The
// count is an argument, not a plural count: the units have one form in
// both languages.
func Span(d time.Duration) Text {
	switch n, unit := DurationParts(d); unit {
	case "s":
		return Tf("time.seconds", "Count", n)
	case "m":
		return Tf("time.minutes", "Count", n)
	case "h":
		return Tf("time.hours", "Count", n)
	default:
		return Tf("time.days", "Count", n)
	}
}

// ZoneText is VendorZoneName in the reader's language.
func ZoneText(v Vendor) Text {
	if v == VendorAPNs || v == VendorFCM {
		return Text{Plain: "UTC"}
	}
	return T("verdict.zone.beijing")
}

// Text is the class's label in the reader's language.
func (c MessageClass) Text() Text {
	switch c {
	case ClassService:
		return T("verdict.class.service")
	case ClassMarketing:
		return T("verdict.class.marketing")
	case ClassDefault:
		return T("verdict.class.default")
	case ClassTest:
		return T("verdict.class.test")
	}
	return T("verdict.class.all")
}

// CheckWords are a check's evidence, fix and cause as catalogued sentences.
type CheckWords struct {
	Evidence Text  `json:"evidence"`
	Fix      *Text `json:"fix,omitempty"`
	Cause    *Text `json:"cause,omitempty"`
}

// Says gives a check its evidence, fix and cause as catalogued sentences,
// in that order; a pass has only its evidence.
func (c Check) Says(evidence Text, fixAndCause ...Text) Check {
	texts := &CheckWords{Evidence: evidence}
	if len(fixAndCause) > 0 {
		texts.Fix = &fixAndCause[0]
	}
	if len(fixAndCause) > 1 {
		texts.Cause = &fixAndCause[1]
	}
	c.Texts = texts
	return c
}

// Says gives a lint finding its message as a catalogued sentence.
func (w Warning) Says(t Text) Warning {
	w.Text = &t
	return w
}

// ClockText is VendorClock in the reader's language.
func ClockText(v Vendor, t time.Time) Text {
	if v == VendorAPNs || v == VendorFCM {
		return Text{Plain: VendorClock(v, t)}
	}
	return Tf("verdict.clock.beijing", "Time", VendorTime(v, t).Format("15:04"), "UTC", t.UTC().Format("15:04")+" UTC")
}
