package handlers

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
)

// metricsPath is where Prometheus scrapes.
const metricsPath = "/metrics"

// registerMetricsRoute serves /metrics on the console's listener to a
// scraper with the metrics token (PUSHCHECK_METRICS_TOKEN). Without a
// token there is nothing here: the counters are still served on the
// separate metrics address when one is set (web/), which needs no token
// because only the network reaches it.
func (h *Handler) registerMetricsRoute(e *echo.Echo) {
	if h.cfg.MetricsHandler == nil || h.cfg.MetricsToken == "" {
		// Answered here, or the pages' sign-in redirect would take it.
		e.Any(metricsPath, noRoute)
		return
	}
	e.GET(metricsPath, echo.WrapHandler(h.cfg.MetricsHandler), h.requireScrapeToken)
}

// requireScrapeToken admits the scraper with the metrics token. Both
// sides are hashed first, so the comparison takes the same time whatever
// the length or the first wrong byte of what was sent.
func (h *Handler) requireScrapeToken(next echo.HandlerFunc) echo.HandlerFunc {
	want := sha256.Sum256([]byte(h.cfg.MetricsToken))
	return func(c echo.Context) error {
		token, err := bearerToken(c)
		if err == nil {
			got := sha256.Sum256([]byte(token))
			if subtle.ConstantTimeCompare(got[:], want[:]) == 1 {
				return next(c)
			}
		}
		c.Response().Header().Set("WWW-Authenticate", `Bearer realm="pushcheck metrics"`)
		return models.Errorf(models.CodeUnauthenticated, "send Authorization: Bearer <PUSHCHECK_METRICS_TOKEN> to read the metrics")
	}
}

// countDeviceReports counts every request of the device API (reports and
// acks) by kind and outcome. It runs before the rate limits and the key
// check, so refusals count too.
func (h *Handler) countDeviceReports(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		kind := deviceReportKind(c.Request().Method, c.Path())
		if kind == "" {
			return err // no such route: not a report
		}
		outcome := "ok"
		if err != nil {
			outcome = h.errorCode(c, err)
		}
		h.metrics.DeviceReport(kind, outcome)
		return err
	}
}

// deviceReportKind names a device API route as the metrics do.
func deviceReportKind(method, route string) string {
	switch {
	case method == http.MethodPut && route == "/api/v1/devices/:device":
		return "register"
	case method == http.MethodPost && route == "/api/v1/devices/:device/state":
		return "state"
	case method == http.MethodPost && route == "/api/v1/devices/:device/logout":
		return "logout"
	case method == http.MethodDelete && route == "/api/v1/devices/:device":
		return "delete"
	case method == http.MethodPost && route == "/api/v1/deliveries/:delivery/ack":
		return "ack"
	}
	return ""
}
