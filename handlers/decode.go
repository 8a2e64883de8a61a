package handlers

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

// decodeJSON reads exactly one JSON object into v, refusing unknown fields:
// a misspelled "certificateId" should fail loudly during integration, not be
// silently dropped. Its messages follow the client's Accept-Language; the
// codes and field names stay as they are.
func decodeJSON(c echo.Context, v any) error {
	loc := tr(c)
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return jsonError(loc, err)
	}
	if err := jsonBodyText(loc, body); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(loc, err)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		if tooLarge(err) {
			return jsonError(loc, err)
		}
		return models.Invalid("", "%s", loc.T("decode.one_object"))
	}
	return nil
}

func tooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

func jsonError(loc *i18n.Localizer, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var b64 base64.CorruptInputError
	switch {
	case errors.As(err, &b64):
		return models.Invalid("", "%s", loc.Tf("decode.base64", "Byte", int64(b64)))
	case tooLarge(err):
		var mbe *http.MaxBytesError
		errors.As(err, &mbe)
		return models.Errorf(models.CodeTooLarge, "%s", loc.Tf("decode.too_large", "Limit", mbe.Limit))
	case errors.Is(err, io.EOF):
		return models.Invalid("", "%s", loc.T("decode.empty"))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return models.Invalid("", "%s", loc.T("decode.ends_early"))
	case errors.As(err, &syntax):
		return models.Invalid("", "%s", loc.Tf("decode.syntax", "Byte", syntax.Offset, "Error", syntax.Error()))
	case errors.As(err, &typ):
		if typ.Field == "" {
			return models.Invalid("", "%s", loc.T("decode.not_object"))
		}
		return models.Invalid(typ.Field, "%s", loc.Tf("decode.type", "Field", typ.Field, "Want", jsonKind(loc, typ.Type.Kind().String()), "Got", typ.Value))
	}
	if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		field = strings.Trim(field, `"`)
		return models.Invalid(field, "%s", loc.Tf("decode.unknown_field", "Field", strconv.Quote(field)))
	}
	return models.Invalid("", "%s", loc.Tf("decode.unreadable", "Error", err.Error()))
}

func jsonKind(loc *i18n.Localizer, goKind string) string {
	switch goKind {
	case "string":
		return loc.T("decode.kind_string")
	case "int", "int64":
		return loc.T("decode.kind_whole_number")
	case "bool":
		return loc.T("decode.kind_bool")
	case "ptr":
		return loc.T("decode.kind_other")
	}
	return loc.Tf("decode.kind_go", "Kind", goKind)
}
