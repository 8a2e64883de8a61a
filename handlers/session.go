package handlers

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/secrets"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/views"
)

func (h *Handler) registerSessionRoutes(e *echo.Echo, pages *echo.Group) {
	e.GET("/login", h.showLogin)
	e.POST("/login", h.login, h.rateLimited(surfaceSignIn, byAddress(h.limits.signInAddress)), limitBody(16<<10))
	pages.POST("/logout", h.logout)
}

func (h *Handler) showLogin(c echo.Context) error {
	if ck, err := c.Cookie(h.sessionCookieName()); err == nil {
		_, _, err := h.sessions.SessionByToken(c.Request().Context(), ck.Value)
		switch {
		case err == nil:
			return c.Redirect(http.StatusSeeOther, safeNext(c.QueryParam("next")))
		case models.ErrorCode(err) != models.CodeUnauthenticated:
			return err
		}
	}
	return h.renderLogin(c, http.StatusOK, views.LoginForm{Next: c.QueryParam("next")})
}

func (h *Handler) renderLogin(c echo.Context, status int, form views.LoginForm) error {
	token, err := h.formToken(c)
	if err != nil {
		return err
	}
	form.CSRF = token
	return render(c, status, views.LoginPage(h.pageOrAnonymous(c, tr(c).T("login.sign_in")), form))
}

func (h *Handler) login(c echo.Context) error {
	ctx := c.Request().Context()
	form := views.LoginForm{Email: strings.TrimSpace(c.FormValue("email")), Next: c.FormValue("next")}
	if err := h.checkFormToken(c); err != nil {
		form.Error = tr(c).T("login.form_expired")
		return h.renderLogin(c, http.StatusForbidden, form)
	}
	now := h.now()
	keys := loginKeys(form.Email, c.RealIP())
	until, err := h.sessions.LoginLockedUntil(ctx, now, keys.accountAddress, keys.address, keys.account)
	if err != nil {
		return err
	}
	if !until.IsZero() {
		form.Error = tr(c).Tf("flash.login_locked", "Span", tr(c).Span(until.Sub(now)))
		return h.renderLogin(c, http.StatusTooManyRequests, form)
	}
	op, err := h.operators.OperatorByEmail(ctx, form.Email)
	if err != nil && !models.IsNotFound(err) {
		return err
	}
	password := c.FormValue("password")
	if err != nil {
		// Spend the same time as a real check so response timing does not
		// reveal which emails exist.
		secrets.CheckPassword(dummyPasswordHash, password)
	}
	if err != nil || !secrets.CheckPassword(op.PasswordHash, password) {
		h.audit(c, models.AuditEntry{Actor: form.Email, Action: models.AuditSignInFailed, Outcome: "wrong email or password"})
		if err := h.recordLoginFailure(c, keys, now); err != nil {
			return err
		}
		form.Error = tr(c).T("login.wrong_password")
		return h.renderLogin(c, http.StatusUnauthorized, form)
	}
	if op.Disabled {
		h.audit(c, models.AuditEntry{ActorID: op.ID, Actor: op.Email, Action: models.AuditSignInFailed, Outcome: "operator disabled"})
		form.Error = tr(c).T("login.disabled")
		return h.renderLogin(c, http.StatusForbidden, form)
	}
	for _, k := range []string{keys.accountAddress, keys.account} {
		if err := h.sessions.ClearLoginFailures(ctx, k); err != nil {
			return err
		}
	}
	return h.startSession(c, op, form.Next)
}

// loginThrottleKeys are the counters a failed sign-in adds to.
type loginThrottleKeys struct {
	accountAddress, address, account string
}

func loginKeys(email, address string) loginThrottleKeys {
	email = strings.ToLower(email)
	return loginThrottleKeys{accountAddress: "email-ip:" + email + "|" + address, address: "ip:" + address, account: "email:" + email}
}

// recordLoginFailure counts a failure three ways. Guessing one account
// from one address locks that pair after the policy's failures; one
// address guessing across accounts (password spraying) is locked after
// four times as many; and one account is locked for everyone only after
// twenty times as many from many addresses, so that an anonymous party who
// knows the admin's email cannot keep the admin out from one address.
func (h *Handler) recordLoginFailure(c echo.Context, keys loginThrottleKeys, now time.Time) error {
	p := h.cfg.LoginPolicy
	for _, k := range []struct {
		subject string
		factor  int
	}{{keys.accountAddress, 1}, {keys.address, 4}, {keys.account, 20}} {
		q := p
		q.MaxFailures *= k.factor
		if err := h.sessions.RecordLoginFailure(c.Request().Context(), k.subject, now, q); err != nil {
			return err
		}
	}
	return nil
}

func (h *Handler) startSession(c echo.Context, op models.Operator, next string) error {
	token, _, err := h.sessions.CreateSession(c.Request().Context(), op.ID, c.Request().UserAgent(), c.RealIP())
	if err != nil {
		return err
	}
	h.setCookie(c, h.sessionCookieName(), token, int(storage.SessionLifetime.Seconds()))
	h.setCookie(c, formTokenCookie, "", -1)
	h.log.InfoContext(c.Request().Context(), "signed in", "operator", op.Email)
	h.audit(c, models.AuditEntry{ActorID: op.ID, Actor: op.Email, Action: models.AuditSignIn})
	return c.Redirect(http.StatusSeeOther, safeNext(next))
}

func (h *Handler) logout(c echo.Context) error {
	if err := h.sessions.DeleteSession(c.Request().Context(), currentSession(c).ID); err != nil {
		return err
	}
	h.audit(c, models.AuditEntry{Action: models.AuditSignOut})
	h.setCookie(c, h.sessionCookieName(), "", -1)
	if c.Request().Header.Get("HX-Request") == "true" {
		c.Response().Header().Set("HX-Redirect", "/login")
		return c.NoContent(http.StatusOK)
	}
	return c.Redirect(http.StatusSeeOther, "/login")
}

// safeNext allows only local paths as the post-login destination, so the
// sign-in page cannot be used to bounce users to another site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

// dummyPasswordHash is a valid argon2id hash of a random password, used to
// equalise the timing of sign-ins for unknown emails.
const dummyPasswordHash = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0Kb6mB1K2BeBQ6uGm3qkY6y0yqJw5F9e3r0yQ7Zl4xQ"
