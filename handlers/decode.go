package handlers

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
)

// decodeJSON reads exactly one JSON object into v, refusing unknown fields:
// a misspelled "certificateId" should fail loudly during integration, not be
// silently dropped.
func decodeJSON(c echo.Context, v any) error {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return jsonError(err)
	}
	if err := jsonBodyText(body); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		if tooLarge(err) {
			return jsonError(err)
		}
		return models.Invalid("", "the body must hold one JSON object and nothing after it")
	}
	return nil
}

func tooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

func jsonError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var b64 base64.CorruptInputError
	switch {
	case errors.As(err, &b64):
		return models.Invalid("", "a file field is not valid base64 (error at byte %d): send files base64-encoded", int64(b64))
	case tooLarge(err):
		var mbe *http.MaxBytesError
		errors.As(err, &mbe)
		return models.Errorf(models.CodeTooLarge, "the request body is over the %d-byte limit", mbe.Limit)
	case errors.Is(err, io.EOF):
		return models.Invalid("", "the body is empty: send a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return models.Invalid("", "the JSON body ends too early")
	case errors.As(err, &syntax):
		return models.Invalid("", "the body is not valid JSON (error at byte %d: %s)", syntax.Offset, syntax.Error())
	case errors.As(err, &typ):
		if typ.Field == "" {
			return models.Invalid("", "the body must be a JSON object")
		}
		return models.Invalid(typ.Field, "%s must be %s, not a JSON %s", typ.Field, jsonKind(typ.Type.Kind().String()), typ.Value)
	}
	if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		field = strings.Trim(field, `"`)
		return models.Invalid(field, "unknown field %q", field)
	}
	return models.Invalid("", "the body could not be read: %v", err)
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "int", "int64":
		return "a whole number"
	case "bool":
		return "true or false"
	case "ptr":
		return "a value of another type"
	}
	return "a " + goKind
}
