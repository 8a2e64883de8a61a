package handlers

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

// checkInput is the one input boundary for what the router hands over:
// every path parameter and query parameter must be text a person could
// have meant (models.CheckText), else the request is a 400 naming the field
// and nothing runs. Bodies are checked the same way once their size limit
// is in place: forms in limitBody, JSON in decodeJSON.
func checkInput(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		for i, name := range c.ParamNames() {
			raw := c.ParamValues()[i]
			name = pathFieldName(name)
			value, err := pathUnescape(raw)
			if err != nil {
				return models.Invalid(name, "the %s in the URL is not properly escaped", name)
			}
			if err := models.CheckText(name, value); err != nil {
				return err
			}
		}
		for name, values := range c.QueryParams() {
			for _, v := range append([]string{name}, values...) {
				if err := models.CheckText(name, v); err != nil {
					return err
				}
			}
		}
		return next(c)
	}
}

// checkForm checks the text fields of a posted form (files are the
// certificate decoders' to judge); passwords are exempt: they are hashed,
// never shown. Vendor receipts are left alone: they read their own bodies,
// and what a vendor says is kept as evidence, made storable rather than
// refused.
func checkForm(c echo.Context) error {
	// The API reads JSON whatever the Content-Type says (curl -d sends
	// form-urlencoded), and decodeJSON checks it; only pages post forms.
	if p := c.Request().URL.Path; strings.HasPrefix(p, "/receipts/") || strings.HasPrefix(p, "/api/") {
		return nil
	}
	ct := c.Request().Header.Get(echo.HeaderContentType)
	if !strings.HasPrefix(ct, echo.MIMEApplicationForm) && !strings.HasPrefix(ct, echo.MIMEMultipartForm) {
		return nil
	}
	form, err := c.FormParams()
	if err != nil {
		if tooLarge(err) {
			return models.Errorf(models.CodeTooLarge, "the request body is too large")
		}
		return models.Invalid("", "the form could not be read: %v", err)
	}
	for name, values := range form {
		if strings.Contains(name, "password") {
			continue
		}
		for _, v := range append([]string{name}, values...) {
			if err := models.CheckText(name, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkJSONText walks a decoded JSON value and checks every key and string,
// naming the first bad one by its path (target.device_ids[0]).
func checkJSONText(path string, v any) error {
	switch v := v.(type) {
	case string:
		return models.CheckText(path, v)
	case map[string]any:
		for k, e := range v {
			p := k
			if path != "" {
				p = path + "." + k
			}
			if err := models.CheckText(p, k); err != nil {
				return err
			}
			if err := checkJSONText(p, e); err != nil {
				return err
			}
		}
	case []any:
		for i, e := range v {
			if err := checkJSONText(path+"["+strconv.Itoa(i)+"]", e); err != nil {
				return err
			}
		}
	}
	return nil
}

// jsonBodyText checks a JSON body before it is decoded into a request: it
// must be an object (a null body is not a request), and its text must pass
// the input boundary. Syntax errors are left to the decoder, which names
// them better.
func jsonBodyText(loc *i18n.Localizer, body []byte) error {
	trimmed := bytes.TrimSpace(body)
	// Checked on the bytes: the JSON decoder would quietly turn invalid
	// UTF-8 into U+FFFD and store that.
	if !utf8.Valid(trimmed) {
		return models.Invalid("", "%s", loc.T("decode.not_utf8"))
	}
	if bytes.Equal(trimmed, []byte("null")) {
		return models.Invalid("", "%s", loc.T("decode.null"))
	}
	if plainASCII(trimmed) {
		// Printable ASCII without escapes decodes to strings that pass
		// CheckText, so the walk below would find nothing. Device reports,
		// thousands a second, are such bodies.
		return nil
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil
	}
	return checkJSONText("", v)
}

// plainASCII tells a body of printable ASCII and ordinary white space,
// with no backslash (an escape could spell a refused character).
func plainASCII(body []byte) bool {
	for _, b := range body {
		if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b >= 0x7f || b == '\\' {
			return false
		}
	}
	return true
}

// pathFieldName is a route parameter as the API documents it.
func pathFieldName(param string) string {
	switch param {
	case "device":
		return "device_id"
	case "app":
		return "app_id"
	case "cert":
		return "certificate_id"
	case "push":
		return "push_id"
	case "user":
		return "user_id"
	case "delivery":
		return "delivery_id"
	}
	return param
}
