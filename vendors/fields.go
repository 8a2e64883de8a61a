package vendors

import (
	"slices"
	"strings"

	"github.com/pushcheck/pushcheck/models"
)

// Fields helps the vendor packages check a certificate's vendor object:
// required values, secrets that may keep their stored value, regions.
// Field names are the API's, prefixed with the vendor ("oppo.app_key").
type Fields struct {
	Vendor models.Vendor
}

func (f Fields) name(field string) string { return string(f.Vendor) + "." + field }

// Required trims a value and insists on it.
func (f Fields) Required(field, value, what string) (string, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		return "", models.Invalid(f.name(field), "%s is required: %s", field, what)
	}
	if len(value) > 512 {
		return "", models.Invalid(f.name(field), "%s is longer than 512 characters", field)
	}
	return value, nil
}

// Secret keeps the stored value when the input leaves the secret out.
func (f Fields) Secret(field, value, stored, what string) (string, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		value = stored
	}
	if value == "" {
		return "", models.Invalid(f.name(field), "%s is required: %s", field, what)
	}
	if len(value) > 512 {
		return "", models.Invalid(f.name(field), "%s is longer than 512 characters", field)
	}
	return value, nil
}

// Numeric insists on a value of digits, as vendor consoles issue app IDs.
func (f Fields) Numeric(field, value, what string) (string, error) {
	value, err := f.Required(field, value, what)
	if err != nil {
		return "", err
	}
	if strings.Trim(value, "0123456789") != "" {
		return "", models.Invalid(f.name(field), "%s is a number in the %s console; got %q", field, f.Vendor.Label(), value)
	}
	return value, nil
}

// Region checks a region against the vendor's list; empty means the first.
func (f Fields) Region(value string, allowed ...string) (string, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		return allowed[0], nil
	}
	if !slices.Contains(allowed, value) {
		return "", models.Invalid(f.name("region"), "region must be one of %s", strings.Join(allowed, ", "))
	}
	return value, nil
}

// Field is one string field of a vendor object: where its checked value
// goes, and how it is checked.
type Field struct {
	into              *string
	name, value, what string
	check             func(f Fields, name, value, stored, what string) (string, error)
}

// RequiredField is a value that must be there.
func RequiredField(into *string, name, value, what string) Field {
	return Field{into, name, value, what, func(f Fields, n, v, _, w string) (string, error) { return f.Required(n, v, w) }}
}

// NumericField is a value of digits that must be there.
func NumericField(into *string, name, value, what string) Field {
	return Field{into, name, value, what, func(f Fields, n, v, _, w string) (string, error) { return f.Numeric(n, v, w) }}
}

// SecretField is a secret that keeps the value *into holds when the input
// leaves it out.
func SecretField(into *string, name, value, what string) Field {
	return Field{into, name, value, what, Fields.Secret}
}

// Set checks the fields in order and stores each; the first error wins.
func (f Fields) Set(fields ...Field) error {
	for _, x := range fields {
		v, err := x.check(f, x.name, x.value, *x.into, x.what)
		if err != nil {
			return err
		}
		*x.into = v
	}
	return nil
}

// PackageName checks an Android package name (com.example.im): two or
// more dot-separated segments, each a letter then letters, digits or _.
// Empty passes unless the vendor requires one.
func (f Fields) PackageName(value string, required bool) (string, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		if required {
			return "", models.Invalid(f.name("package_name"), "package_name is required: the app's Android package name, e.g. com.example.im")
		}
		return "", nil
	}
	segments := strings.Split(value, ".")
	ok := len(segments) >= 2 && len(value) <= 255
	for _, s := range segments {
		ok = ok && s != "" && isASCIILetter(s[0]) && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == ""
	}
	if !ok {
		return "", models.Invalid(f.name("package_name"), "%q is not an Android package name like com.example.im", value)
	}
	return value, nil
}

func isASCIILetter(b byte) bool { return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') }

// ClientField is an optional client value (an app ID or key the app's own
// SDK takes): empty is fine; otherwise one word of the characters vendor
// consoles issue, so it goes into a snippet as it is. A digits-only one is
// an app ID. secret points at the certificate's server secret, read when
// the field is checked (list the client fields after the secret in Set): a
// client value must not be it, or the secret would ship inside the app.
func ClientField(into *string, name, value, what string, digits bool, secret *string) Field {
	return Field{into, name, value, what, func(f Fields, n, v, _, w string) (string, error) {
		s := ""
		if secret != nil {
			s = *secret
		}
		return f.Client(n, v, w, digits, s)
	}}
}

// Client checks one optional client value; see ClientField.
func (f Fields) Client(field, value, what string, digits bool, secret string) (string, error) {
	value = strings.TrimSpace(value)
	switch {
	case value == "":
		return "", nil
	case len(value) > 128:
		return "", models.Invalid(f.name(field), "%s is longer than 128 characters: %s", field, what)
	case secret != "" && value == secret:
		return "", models.Invalid(f.name(field), "%s is the server's secret, which must never ship in the app: %s", field, what)
	case digits && strings.Trim(value, "0123456789") != "":
		return "", models.Invalid(f.name(field), "%s is a number in the %s console; got %q", field, f.Vendor.Label(), value)
	case strings.Trim(value, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-=+/") != "":
		return "", models.Invalid(f.name(field), "%s is one word of letters and digits as the %s console shows it: %s", field, f.Vendor.Label(), what)
	}
	return value, nil
}
