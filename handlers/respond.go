package handlers

// Every response leaves through this file: pages through render, JSON and
// errors through handleError, and the few places that read echo's own
// response and error types. A move to echo v5 (docs/echo-v5.md) changes
// this file and the handler signatures, nothing else.

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// httpStatus maps each application error code to its HTTP status, once.
func httpStatus(code string) int {
	switch code {
	case models.CodeInvalid:
		return http.StatusBadRequest
	case models.CodeNotFound:
		return http.StatusNotFound
	case models.CodeConflict:
		return http.StatusConflict
	case models.CodeUnauthenticated:
		return http.StatusUnauthorized
	case models.CodePermissionDenied:
		return http.StatusForbidden
	case models.CodeTooManyRequests:
		return http.StatusTooManyRequests
	case models.CodeTooLarge:
		return http.StatusRequestEntityTooLarge
	case models.CodeUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// appError turns any error into the application error shown to the client.
// Echo's own errors (unknown connector, wrong method, body too large) get codes
// too; anything else is internal and its details stay in the log.
func (h *Handler) appError(c echo.Context, err error) *models.Error {
	e := h.knownError(c, err)
	if e == nil {
		id := requestIDOf(c)
		h.log.ErrorContext(c.Request().Context(), "internal error", "err", err, "method", c.Request().Method, "path", c.Request().URL.Path)
		return models.Errorf(models.CodeInternal, "%s", tr(c).Tf("api.internal", "ID", id))
	}
	if _, ok := models.AsError(err); !ok && e.Code == models.CodeUnavailable {
		e = &models.Error{Code: e.Code, Message: tr(c).T("api.unavailable"), Field: e.Field}
		c.Response().Header().Set("Retry-After", "5")
		h.log.ErrorContext(c.Request().Context(), "database unavailable", "err", err, "method", c.Request().Method, "path", loggedPath(c.Request().URL.Path))
	}
	return e
}

// errorCode is the code err is answered with, for the metrics: appError's
// reading without its logging.
func (h *Handler) errorCode(c echo.Context, err error) string {
	if e := h.knownError(c, err); e != nil {
		return e.Code
	}
	return models.CodeInternal
}

// knownError reads err as an application error, a database condition
// (Classify) or one of echo's own; nil means an internal error.
func (h *Handler) knownError(c echo.Context, err error) *models.Error {
	if e, ok := models.AsError(err); ok {
		return e
	}
	if h.db != nil {
		if e := h.db.Classify(err); e != nil {
			return e
		}
	}
	code, message, ok := echoStatus(err)
	switch {
	case !ok:
		return nil
	case code == http.StatusNotFound:
		return models.NotFound("%s", tr(c).Tf("api.no_route", "Path", c.Request().URL.Path))
	case code == http.StatusMethodNotAllowed:
		return models.Errorf(models.CodeInvalid, "%s", tr(c).Tf("api.method_not_allowed", "Method", c.Request().Method, "Path", c.Request().URL.Path))
	case code == http.StatusRequestEntityTooLarge:
		return models.Errorf(models.CodeTooLarge, "%s", tr(c).T("api.too_large"))
	case code < 500:
		return models.Errorf(models.CodeInvalid, "%s", message)
	}
	return nil
}

// apiErrorBody is the error shape of the JSON API.
type apiErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Field   string `json:"field,omitempty"`
	} `json:"error"`
}

func (h *Handler) handleError(err error, c echo.Context) {
	if _, _, committed := responseState(c); committed {
		return
	}
	e := h.appError(c, err)
	status := httpStatus(e.Code)
	var werr error
	switch {
	case isAPI(c):
		var body apiErrorBody
		body.Error.Code, body.Error.Message, body.Error.Field = e.Code, tr(c).Error(e), e.Field
		werr = c.JSON(status, body)
	case e.Code == models.CodeUnauthenticated:
		werr = redirectToLogin(c)
	default:
		werr = render(c, status, views.ErrorPage(h.pageOrAnonymous(c, tr(c).T("title.error")), status, tr(c).Error(e)))
	}
	if werr != nil {
		h.log.ErrorContext(c.Request().Context(), "write error response", "err", werr)
	}
}

func isAPI(c echo.Context) bool {
	p := c.Request().URL.Path
	// Vendors' receipt callbacks and scrapers are machines too: they get
	// JSON errors, never the sign-in page.
	return strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/receipts/") || p == "/healthz" || p == "/readyz" || p == metricsPath
}

func redirectToLogin(c echo.Context) error {
	target := "/login"
	if c.Request().Method == http.MethodGet && c.Request().URL.Path != "/" {
		target += "?next=" + url.QueryEscape(c.Request().URL.RequestURI())
	}
	if c.Request().Header.Get("HX-Request") == "true" {
		c.Response().Header().Set("HX-Redirect", target)
		return c.NoContent(http.StatusUnauthorized)
	}
	return c.Redirect(http.StatusSeeOther, target)
}

// render writes a templ component through a buffer, so that echo records
// the status and size and a rendering error still becomes a clean 500.
func render(c echo.Context, status int, component templ.Component) error {
	var buf bytes.Buffer
	if err := component.Render(c.Request().Context(), &buf); err != nil {
		return err
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// noRoute answers a path no route serves (the API's catch-all).
func noRoute(echo.Context) error { return echo.ErrNotFound }

// echoStatus reads the status and message of echo's own errors (no route,
// wrong method, body too large).
func echoStatus(err error) (int, string, bool) {
	var he *echo.HTTPError
	if !errors.As(err, &he) {
		return 0, "", false
	}
	return he.Code, fmt.Sprint(he.Message), true
}

// responseState is what has been written so far, for the request log and
// the error handler.
func responseState(c echo.Context) (status int, size int64, committed bool) {
	r := c.Response()
	return r.Status, r.Size, r.Committed
}
