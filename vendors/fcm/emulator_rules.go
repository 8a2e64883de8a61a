package fcm

import (
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// violation is one refused field. parse marks the errors of Google's JSON
// parser (unknown names, values of the wrong type), which answer before FCM
// reads the message and so carry no FcmError detail; the others are FCM's
// own rules.
type violation struct {
	field, description string
	parse              bool
}

// sendRequest is what the emulator needs of a request once it is valid.
type sendRequest struct {
	token        string
	validateOnly bool
}

// validate checks a messages:send body as Google and FCM do: first the
// JSON against the schema (emulator_schema.go), then FCM's rules: one
// target, the rules of the fields (color, TTL, reserved data keys, https
// links), android or android_v2 but not both, and the size.
func validate(raw []byte) (sendRequest, *violation) {
	sendRequestSchema, messageSchema := fcmSchema()
	root, err := parseJSON(raw)
	if err != nil || root.kind != '{' {
		return sendRequest{}, &violation{description: "Invalid JSON payload received. Unexpected token.", parse: true}
	}
	var w walker
	w.object(sendRequestSchema, root, "")
	if w.parse != nil {
		return sendRequest{}, w.parse
	}
	msg := root.get(sendRequestSchema, "message")
	var req sendRequest
	if v := root.get(sendRequestSchema, "validate_only"); v != nil {
		req.validateOnly = v.text == "true"
	}
	targets := 0
	for _, name := range []string{"token", "topic", "condition", "fid"} {
		if v := msg.get(messageSchema, name); v != nil && v.kind == 's' && v.text != "" {
			targets++
		}
	}
	if v := msg.get(messageSchema, "token"); v != nil {
		req.token = v.text
	}
	switch {
	case targets != 1:
		return req, &violation{field: "message", description: "Exactly one of token, topic or condition must be specified."}
	case w.rule != nil:
		return req, w.rule
	case msg.get(messageSchema, "android") != nil && msg.get(messageSchema, "android_v2") != nil:
		// "Mutually exclusive with android. Requests with both
		// AndroidConfig and AndroidConfigV2 will be rejected."
		return req, &violation{field: "message.android_v2", description: "Only one of android and android_v2 may be set."}
	case len(raw) > maxPayload+512: // the limit is on the message content; allow for the envelope
		return req, &violation{field: "message", description: "Message is too big. Message payload size limit is 4096 bytes."}
	}
	return req, nil
}

// FCM's rules on field values. They answer 400 INVALID_ARGUMENT with the
// FcmError errorCode INVALID_ARGUMENT and the field, which is what clients
// read; FCM does not publish its message texts for them, so the texts of
// colorRule, httpsRule and the android/android_v2 rule are the emulator's.
// colorPattern: "The notification's icon color, expressed in #rrggbb
// format."
func colorPattern() *regexp.Regexp { return regexp.MustCompile(`^#[0-9a-fA-F]{6}$`) }

// durationPattern is a google.protobuf.Duration in JSON: seconds with up
// to nine fractional digits and the suffix "s".
func durationPattern() *regexp.Regexp { return regexp.MustCompile(`^-?[0-9]+(\.[0-9]{1,9})?s$`) }

func colorRule(v *node) string {
	if colorPattern().MatchString(v.text) {
		return ""
	}
	return fmt.Sprintf("Invalid color %s: the notification's icon color must be expressed in #rrggbb format.", v)
}

// ttlRule: "The maximum time to live supported is 4 weeks"; a negative
// TTL is no time to live.
func ttlRule(v *node) string {
	secs, _ := strconv.ParseFloat(strings.TrimSuffix(v.text, "s"), 64)
	if secs < 0 || secs > maxTTL {
		return "TTL must be between 0 and 2419200 seconds (4 weeks)."
	}
	return ""
}

// httpsRule: WebpushFcmOptions.link — "The link to open when the user
// clicks on the notification. For all URL values, HTTPS is required."
func httpsRule(v *node) string {
	if u, err := url.Parse(v.text); err == nil && u.Scheme == "https" && u.Host != "" {
		return ""
	}
	return "The link must use HTTPS."
}

// webpushHeadersRule: WebpushConfig.headers are "HTTP headers defined in
// webpush protocol" (RFC 8030), which FCM relays to the browser's push
// service: TTL is a number of seconds ("TTL = 1*DIGIT", §5.2) and Urgency
// one of very-low, low, normal, high (§5.3). Header names are
// case-insensitive. That FCM refuses other values rather than pass them
// on is read from the RFC, not from a recorded FCM answer
// (docs/vendors/fcm.md §3).
func webpushHeadersRule(v *node) string {
	for i, k := range v.keys {
		val := v.vals[i].text
		switch strings.ToLower(k) {
		case "ttl":
			if n, err := strconv.ParseUint(val, 10, 32); err != nil || n > maxTTL {
				return "Invalid TTL header " + strconv.Quote(val) + ": it is a number of seconds from 0 to 2419200."
			}
		case "urgency":
			switch val {
			case "very-low", "low", "normal", "high":
			default:
				return "Invalid Urgency header " + strconv.Quote(val) + ": it is very-low, low, normal or high."
			}
		}
	}
	return ""
}

func reservedDataKeyRule(k string) string {
	if reservedDataKey(k) {
		return "Invalid data payload key: " + k
	}
	return ""
}

// walker checks nodes against the schema, keeping the first error of the
// parser and the first of FCM's rules.
type walker struct{ parse, rule *violation }

func (w *walker) fail(parse bool, path, description string) {
	v := &violation{field: path, description: description, parse: parse}
	switch {
	case parse && w.parse == nil:
		w.parse = v
	case !parse && w.rule == nil:
		w.rule = v
	}
}

// object checks an object's keys: an unknown one is refused the way
// Google's parser words it, "Invalid JSON payload received. Unknown name
// "x" at 'message.android': Cannot find field."
func (w *walker) object(m *protoMessage, n *node, path string) {
	for i, key := range n.keys {
		name, f := m.lookup(key)
		if f == nil {
			at := ""
			if path != "" {
				at = " at '" + path + "'"
			}
			w.fail(true, path, fmt.Sprintf("Invalid JSON payload received. Unknown name %q%s: Cannot find field.", key, at))
			continue
		}
		w.value(f, n.vals[i], join(path, name))
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func (w *walker) value(f *protoField, v *node, path string) {
	if v.kind == 'n' && v.text == "null" {
		return // null leaves a field unset
	}
	if !f.repeated {
		w.single(f, v, path)
		return
	}
	if v.kind != '[' {
		w.fail(true, path, invalidValue(path, f, v))
		return
	}
	for i, e := range v.vals {
		w.single(f, e, fmt.Sprintf("%s[%d]", path, i))
	}
}

// single checks one value against its field's type, with Google's wording
// for a value of the wrong type: "Invalid value at 'message.data[0].value'
// (TYPE_STRING), 1".
func (w *walker) single(f *protoField, v *node, path string) {
	ok := false
	switch f.kind {
	case kMessage:
		if ok = v.kind == '{'; ok {
			w.object(f.msg, v, path)
		}
	case kStruct:
		ok = v.kind == '{'
	case kStringMap:
		if ok = v.kind == '{'; ok {
			for i, key := range v.keys {
				entry := fmt.Sprintf("%s[%d].value", path, i)
				if val := v.vals[i]; val.kind != 's' {
					w.fail(true, entry, fmt.Sprintf("Invalid value at '%s' (TYPE_STRING), %s", entry, val))
				} else if f.keyRule != nil {
					if d := f.keyRule(key); d != "" {
						w.fail(false, path, d)
					}
				}
			}
		}
	case kString:
		ok = v.kind == 's'
	case kBool:
		ok = v.kind == 'b'
	case kInt32:
		ok = isInt32(v)
	case kFloat:
		ok = isNumber(v)
	case kDuration:
		ok = v.kind == 's' && durationPattern().MatchString(v.text)
	case kTimestamp:
		_, err := time.Parse(time.RFC3339Nano, v.text)
		ok = v.kind == 's' && err == nil
	case kEnum:
		ok = isEnumValue(f.enum, v)
	}
	if !ok {
		w.fail(true, path, invalidValue(path, f, v))
		return
	}
	if f.rule != nil {
		if d := f.rule(v); d != "" {
			w.fail(false, path, d)
		}
	}
}

// isEnumValue takes a value's name in any case, as Google's parser does
// (the reference says AndroidMessagePriority "Can take "normal" and "high"
// values" while naming them NORMAL and HIGH), or its number.
func isEnumValue(e *protoEnum, v *node) bool {
	switch v.kind {
	case 's':
		for _, name := range e.values {
			if strings.EqualFold(name, v.text) {
				return true
			}
		}
	case '0':
		i, err := strconv.Atoi(v.text)
		return err == nil && i >= 0 && i < len(e.values)
	}
	return false
}

func isInt32(v *node) bool {
	if v.kind != '0' && v.kind != 's' {
		return false
	}
	f, err := strconv.ParseFloat(v.text, 64)
	return err == nil && f == math.Trunc(f) && f >= math.MinInt32 && f <= math.MaxInt32
}

func isNumber(v *node) bool {
	if v.kind != '0' && v.kind != 's' {
		return false
	}
	_, err := strconv.ParseFloat(v.text, 64)
	return err == nil
}

// invalidValue is Google's text for a value its parser cannot read.
func invalidValue(path string, f *protoField, v *node) string {
	var t string
	switch f.kind {
	case kString, kStringMap:
		t = "TYPE_STRING"
	case kBool:
		t = "TYPE_BOOL"
	case kInt32:
		t = "TYPE_INT32"
	case kFloat:
		t = "TYPE_FLOAT"
	case kDuration:
		t = "type.googleapis.com/google.protobuf.Duration"
	case kTimestamp:
		t = "type.googleapis.com/google.protobuf.Timestamp"
	case kStruct:
		t = "type.googleapis.com/google.protobuf.Struct"
	case kEnum:
		t = "type.googleapis.com/" + f.enum.name
	case kMessage:
		t = "type.googleapis.com/" + f.msg.name
	}
	return fmt.Sprintf("Invalid value at '%s' (%s), %s", path, t, v)
}
