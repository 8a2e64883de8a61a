package handlers

import (
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

// RateLimits are the request rates each public surface takes, per second,
// with bursts of twice as many. They are kept per instance, in memory:
// behind a load balancer with N instances a client gets up to N times
// these. Zero turns a limit off.
type RateLimits struct {
	DevicePerKey          float64 // device API and acks, per app API key
	DevicePerAddress      float64 // device API and acks, per client address
	ReceiptPerCertificate float64 // receipt callbacks, per certificate
	ReceiptPerAddress     float64 // receipt callbacks, per client address
	SignInPerAddress      float64 // sign-in attempts, per client address
}

// DefaultRateLimits suit one instance of a large app: thousands of device
// reports a second across the app, but no single address flooding.
func DefaultRateLimits() RateLimits {
	return RateLimits{DevicePerKey: 5000, DevicePerAddress: 100, ReceiptPerCertificate: 200, ReceiptPerAddress: 100, SignInPerAddress: 1}
}

// limiter is one token bucket per key (an address, a key hash, a
// certificate). Idle buckets are dropped, so memory stays bounded by the
// keys active within a minute.
type limiter struct {
	rate  rate.Limit
	burst int
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// newLimiter makes a limiter of perSecond with a burst of twice that (at
// least one); perSecond 0 makes nil, which allows everything.
func newLimiter(perSecond float64, now func() time.Time) *limiter {
	if perSecond <= 0 {
		return nil
	}
	return &limiter{rate: rate.Limit(perSecond), burst: max(1, int(math.Ceil(2*perSecond))), now: now, buckets: map[string]*bucket{}}
}

// idleAfter is how long an unused bucket is kept: a full bucket is the
// same as a new one, so dropping it loses nothing once it refilled.
const idleAfter = time.Minute

// allow takes one token for key, or says how long until one is free.
func (l *limiter) allow(key string) (bool, time.Duration) {
	if l == nil {
		return true, 0
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > idleAfter {
		for k, b := range l.buckets {
			if now.Sub(b.seen) > idleAfter {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(l.rate, l.burst)}
		l.buckets[key] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// rateSurface is a public surface with its own limits, named as the
// metrics name it.
type rateSurface string

const (
	surfaceDevice  rateSurface = "device"
	surfaceReceipt rateSurface = "receipt"
	surfaceSignIn  rateSurface = "signin"
)

// words name the surface's requests in a refusal.
func (s rateSurface) words(loc *i18n.Localizer) string {
	switch s {
	case surfaceDevice:
		return loc.T("api.surface_device")
	case surfaceReceipt:
		return loc.T("api.surface_receipt")
	}
	return loc.T("api.surface_signin")
}

// rateLimited refuses a request over any of the limits with 429 and a
// Retry-After in whole seconds, and counts the refusal. Each limit comes
// with the function that names the request's key for it.
func (h *Handler) rateLimited(surface rateSurface, limits ...keyedLimiter) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			for _, l := range limits {
				if ok, wait := l.limiter.allow(l.key(c)); !ok {
					h.metrics.RateLimited(string(surface), l.by)
					seconds := max(1, int(math.Ceil(wait.Seconds())))
					c.Response().Header().Set("Retry-After", strconv.Itoa(seconds))
					return models.Errorf(models.CodeTooManyRequests, "%s", tr(c).Tf("api.too_many_requests", "Requests", surface.words(tr(c)), "Seconds", seconds))
				}
			}
			return next(c)
		}
	}
}

// keyedLimiter is a limiter with the request key it counts by, and that
// key's name in the metrics.
type keyedLimiter struct {
	limiter *limiter
	by      string
	key     func(echo.Context) string
}

func byAddress(l *limiter) keyedLimiter {
	return keyedLimiter{limiter: l, by: "address", key: func(c echo.Context) string { return c.RealIP() }}
}

func byParam(l *limiter, name string) keyedLimiter {
	return keyedLimiter{limiter: l, by: name, key: func(c echo.Context) string { return c.Param(name) }}
}

// byBearer counts by the bearer secret's fingerprint, so the secret is
// never a map key in memory for longer than the request.
func byBearer(l *limiter) keyedLimiter {
	return keyedLimiter{limiter: l, by: "key", key: func(c echo.Context) string {
		return models.HashDeviceToken(c.Request().Header.Get(echo.HeaderAuthorization))
	}}
}

// limiters are the handler's buckets, one set per surface.
type limiters struct {
	deviceKey, deviceAddress, receiptCert, receiptAddress, signInAddress *limiter
}

func newLimiters(l RateLimits, now func() time.Time) limiters {
	return limiters{
		deviceKey: newLimiter(l.DevicePerKey, now), deviceAddress: newLimiter(l.DevicePerAddress, now),
		receiptCert: newLimiter(l.ReceiptPerCertificate, now), receiptAddress: newLimiter(l.ReceiptPerAddress, now),
		signInAddress: newLimiter(l.SignInPerAddress, now),
	}
}
