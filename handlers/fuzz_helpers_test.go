package handlers

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
)

// fuzzContext is an echo context over a request with the fuzzed body, as
// the router builds it for a handler.
func fuzzContext(e *echo.Echo, method, target string, body []byte) echo.Context {
	req := httptest.NewRequest(method, target, bytes.NewReader(body))
	req.Header.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
	return e.NewContext(req, httptest.NewRecorder())
}

// requireInvalid fails unless err is the application's invalid_argument
// error, with a readable message.
func requireInvalid(t *testing.T, err error) {
	t.Helper()
	requireCode(t, err, true, models.CodeInvalid)
}

// invalidUTF8 names the first string inside v (fields, elements, map
// keys and values, through pointers) that is not valid UTF-8, or "".
func invalidUTF8(v any) string {
	var walk func(path string, v reflect.Value) string
	walk = func(path string, v reflect.Value) string {
		switch v.Kind() {
		case reflect.String:
			if !utf8.ValidString(v.String()) {
				return fmt.Sprintf("%s = %q", path, v.String())
			}
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				return walk(path, v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					if bad := walk(path+"."+v.Type().Field(i).Name, v.Field(i)); bad != "" {
						return bad
					}
				}
			}
		case reflect.Slice, reflect.Array:
			if v.Type().Elem().Kind() == reflect.Uint8 {
				return "" // bytes, not text
			}
			for i := range v.Len() {
				if bad := walk(fmt.Sprintf("%s[%d]", path, i), v.Index(i)); bad != "" {
					return bad
				}
			}
		case reflect.Map:
			for it := v.MapRange(); it.Next(); {
				if bad := walk(path+"[key]", it.Key()); bad != "" {
					return bad
				}
				if bad := walk(fmt.Sprintf("%s[%v]", path, it.Key()), it.Value()); bad != "" {
					return bad
				}
			}
		}
		return ""
	}
	return walk("", reflect.ValueOf(v))
}

// queryContext is an echo context over GET target?rawQuery, the query
// taken as sent: httptest.NewRequest would refuse what a client can send.
func queryContext(e *echo.Echo, target, rawQuery string) echo.Context {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.URL.RawQuery = rawQuery
	return e.NewContext(req, httptest.NewRecorder())
}

// queryUTF8 reports whether every key and value of the query is valid
// UTF-8 once decoded (%FF is not).
func queryUTF8(rawQuery string) bool {
	q, _ := url.ParseQuery(rawQuery)
	for k, vs := range q {
		if !utf8.ValidString(k) {
			return false
		}
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return false
			}
		}
	}
	return true
}

// requireCode fails unless err is an application error with one of codes,
// and a message of valid UTF-8 if the input was (validInput): a message
// may quote what it refuses.
func requireCode(t *testing.T, err error, validInput bool, codes ...string) {
	t.Helper()
	e, ok := models.AsError(err)
	if !ok {
		t.Fatalf("untyped error %T: %v", err, err)
	}
	if !slices.Contains(codes, e.Code) {
		t.Fatalf("error code %s, want one of %v: %v", e.Code, codes, err)
	}
	if validInput && (!utf8.ValidString(e.Message) || !utf8.ValidString(e.Field)) {
		t.Fatalf("error is not valid UTF-8: %q", err.Error())
	}
}
