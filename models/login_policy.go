package models

import (
	"time"
)

// LoginPolicy bounds password guessing: after MaxFailures failed sign-ins
// for one subject (an email, or a client address) within Window, further
// attempts are refused for Lockout. Counters live in the database so that
// every instance behind a load balancer enforces the same limit.
type LoginPolicy struct {
	MaxFailures int
	Window      time.Duration
	Lockout     time.Duration
}
