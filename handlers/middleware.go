package handlers

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/requestid"
)

// requestID tags every request with an ID, taken from a trusted proxy's
// X-Request-ID when it looks sane, and echoes it back for support tickets.
func (h *Handler) requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get(echo.HeaderXRequestID)
		if id == "" || len(id) > 64 || models.ValidateDeviceID(id) != nil {
			b := make([]byte, 8)
			if _, err := rand.Read(b); err != nil {
				return fmt.Errorf("request id: %w", err)
			}
			id = hex.EncodeToString(b)
		}
		c.SetRequest(c.Request().WithContext(requestid.With(c.Request().Context(), id)))
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		return next(c)
	}
}

func requestIDOf(c echo.Context) string {
	return requestid.From(c.Request().Context())
}

func (h *Handler) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
			}
		}()
		return next(c)
	}
}

// logRequests writes one structured line per request. Errors are handled
// here so that the logged status is the one the client got.
func (h *Handler) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		if err := next(c); err != nil {
			c.Error(err)
		}
		status, size, _ := responseState(c)
		level := requestLogLevel(c.Request().URL.Path, status)
		if !h.log.Enabled(c.Request().Context(), level) {
			return nil
		}
		attrs := []any{
			"method", c.Request().Method, "path", loggedPath(c.Request().URL.Path),
			"status", status, "bytes", size, "duration_ms", float64(time.Since(start).Microseconds()) / 1000,
			"remote", c.RealIP(),
		}
		if op, ok := c.Get(operatorKey).(models.Operator); ok {
			attrs = append(attrs, "operator", op.Email)
		}
		h.log.Log(c.Request().Context(), level, "request", attrs...)
		return nil
	}
}

// requestLogLevel: a device's routine reports come thousands a second, and
// a scraper every few seconds, so their successes are logged at debug
// level only; every refusal and every other request at info; server errors
// at error.
func requestLogLevel(path string, status int) slog.Level {
	switch {
	case status >= 500:
		return slog.LevelError
	case status < 300 && (strings.HasPrefix(path, "/api/v1/devices/") || strings.HasPrefix(path, "/api/v1/deliveries/") || path == metricsPath):
		return slog.LevelDebug
	}
	return slog.LevelInfo
}

// securityHeaders: everything the console loads comes from itself, nothing
// may frame it, and no referrer leaks user IDs to other sites.
func (h *Handler) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		hdr := c.Response().Header()
		hdr.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'")
		hdr.Set("X-Content-Type-Options", "nosniff")
		hdr.Set("X-Frame-Options", "DENY")
		hdr.Set("Referrer-Policy", "same-origin")
		hdr.Set("Cross-Origin-Opener-Policy", "same-origin")
		hdr.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if h.cfg.CookieSecure {
			hdr.Set("Strict-Transport-Security", "max-age=31536000")
		}
		return next(c)
	}
}

// limitBody refuses bodies over n bytes: at once when Content-Length says
// so, and while reading otherwise.
func limitBody(n int64) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			if req.ContentLength > n {
				return models.Errorf(models.CodeTooLarge, "the request body is %d bytes; the limit here is %d", req.ContentLength, n)
			}
			req.Body = http.MaxBytesReader(c.Response(), req.Body, n)
			// Forms are checked here, within the limit, rather than by the
			// global boundary, which runs before any route's limit.
			if err := checkForm(c); err != nil {
				return err
			}
			return next(c)
		}
	}
}

// loggedPath is a request path fit for the log: a receipt URL's last
// segment is its certificate's secret, and stays out.
func loggedPath(p string) string {
	if rest, ok := strings.CutPrefix(p, "/receipts/"); ok && strings.Count(rest, "/") >= 2 {
		return p[:strings.LastIndex(p, "/")] + "/…"
	}
	return p
}

// clientAddress decides whose address a request is: the connection's peer,
// or, when the peer is a trusted proxy, the client it names in
// X-Forwarded-For. echo's own defaults trust private and loopback networks;
// here nothing is trusted unless PUSHCHECK_TRUSTED_PROXIES names it, so a
// client cannot pick its address (and dodge the sign-in throttle or forge
// the audit log) by sending the header itself.
func clientAddress(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// consoleWait marks the request as one a person at the console waits for
// (a page, an operator API call), from its session lookup on: the store
// runs its queries on connections kept for the console, so a page does
// not queue behind a large push's background work.
func consoleWait(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.SetRequest(c.Request().WithContext(models.WithConsoleWait(c.Request().Context())))
		return next(c)
	}
}
