package vendors

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
)

// DecodeJWTSegment reads one base64url segment of a compact JWT (its
// header or its claims) into v, for the emulators that check the JWTs a
// vendor would.
func DecodeJWTSegment(seg string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// Wire reads a request's JSON the way the vendor's Java servers do: a
// number sent as a string of digits, or a string sent as a number, is
// taken (Jackson coerces scalars by default, and vendors' own samples send
// such values), but an object or array where a scalar belongs, or the
// reverse, is a refusal. The first field of the wrong kind is kept, with
// its path, for the vendor's error message.
type Wire struct {
	m    map[string]any
	path string
	bad  *string
}

// ParseWire reads a JSON object; anything else is an error.
func ParseWire(raw []byte) (Wire, error) {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		return Wire{}, err
	}
	return Wire{m: m, bad: new(string)}, nil
}

// Bad is the first field of the wrong kind ("" when none).
func (w Wire) Bad() string { return *w.bad }

// Present reports whether the object was in the request.
func (w Wire) Present() bool { return w.m != nil }

// Has reports a field that is there and not null.
func (w Wire) Has(key string) bool { return w.m[key] != nil }

func (w Wire) at(key string) string {
	if w.path == "" {
		return key
	}
	return w.path + "." + key
}

func (w Wire) fail(key, want string) {
	if *w.bad == "" {
		*w.bad = w.at(key) + " must be " + want
	}
}

// Str is a string field; "" when absent.
func (w Wire) Str(key string) string {
	switch v := w.m[key].(type) {
	case nil:
		return ""
	case string:
		return v
	case json.Number:
		return v.String()
	}
	w.fail(key, "a string")
	return ""
}

// Int is an integer field; ok is false when absent or of the wrong kind.
func (w Wire) Int(key string) (int64, bool) {
	var s string
	switch v := w.m[key].(type) {
	case nil:
		return 0, false
	case json.Number:
		s = v.String()
	case string:
		s = v
	default:
		w.fail(key, "an integer")
		return 0, false
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == float64(int64(f)) {
		return int64(f), true
	}
	w.fail(key, "an integer")
	return 0, false
}

// Bool is a boolean field ("true"/"false" strings coerced).
func (w Wire) Bool(key string) (bool, bool) {
	switch v := w.m[key].(type) {
	case nil:
		return false, false
	case bool:
		return v, true
	case string:
		if b, err := strconv.ParseBool(v); err == nil {
			return b, true
		}
	}
	w.fail(key, "a boolean")
	return false, false
}

// Obj is an object field; absent gives one that is not Present.
func (w Wire) Obj(key string) Wire {
	switch v := w.m[key].(type) {
	case nil:
	case map[string]any:
		return Wire{m: v, path: w.at(key), bad: w.bad}
	default:
		w.fail(key, "an object")
	}
	return Wire{path: w.at(key), bad: w.bad}
}

// List is an array field.
func (w Wire) List(key string) []any {
	switch v := w.m[key].(type) {
	case nil:
	case []any:
		return v
	default:
		w.fail(key, "an array")
	}
	return nil
}

// Strs is an array of strings.
func (w Wire) Strs(key string) []string {
	var out []string
	for i, v := range w.List(key) {
		switch s := v.(type) {
		case string:
			out = append(out, s)
		case json.Number:
			out = append(out, s.String())
		default:
			w.fail(key+"["+strconv.Itoa(i)+"]", "a string")
		}
	}
	return out
}

// Objs is an array of objects.
func (w Wire) Objs(key string) []Wire {
	var out []Wire
	for i, v := range w.List(key) {
		m, ok := v.(map[string]any)
		if !ok {
			w.fail(key+"["+strconv.Itoa(i)+"]", "an object")
			continue
		}
		out = append(out, Wire{m: m, path: w.at(key + "[" + strconv.Itoa(i) + "]"), bad: w.bad})
	}
	return out
}

// StrMap is an object of string values (numbers coerced).
func (w Wire) StrMap(key string) map[string]string {
	o := w.Obj(key)
	if !o.Present() {
		return nil
	}
	out := map[string]string{}
	for k := range o.m {
		out[k] = o.Str(k)
	}
	return out
}

// JWTNames are the key ID (header kid) and issuer (claims iss) of a
// compact JWT, for the readers that name the credentials a request used;
// empty when it does not decode.
func JWTNames(jwt string) (kid, iss string) {
	parts := strings.Split(strings.TrimSpace(jwt), ".")
	if len(parts) != 3 {
		return "", ""
	}
	var header struct {
		Kid string `json:"kid"`
	}
	var claims struct {
		Iss string `json:"iss"`
	}
	if DecodeJWTSegment(parts[0], &header) != nil || DecodeJWTSegment(parts[1], &claims) != nil {
		return "", ""
	}
	return header.Kid, claims.Iss
}
