package handlers

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
)

const (
	operatorKey = "operator"
	sessionKey  = "session"
	appKey      = "app"
)

// sessionCookieName uses the __Host- prefix when served over HTTPS: the
// browser then refuses it unless it is Secure, host-only and path /.
func (h *Handler) sessionCookieName() string {
	if h.cfg.CookieSecure {
		return "__Host-pushcheck_session"
	}
	return "pushcheck_session"
}

func (h *Handler) setCookie(c echo.Context, name, value string, maxAge int) {
	c.SetCookie(&http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: h.cfg.CookieSecure, SameSite: http.SameSiteLaxMode,
	})
}

// requireSession lets only signed-in, enabled operators through.
func (h *Handler) requireSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		cookie, err := c.Cookie(h.sessionCookieName())
		if err != nil || cookie.Value == "" {
			return models.Errorf(models.CodeUnauthenticated, "%s", tr(c).T("api.sign_in_first"))
		}
		sess, op, err := h.sessions.SessionByToken(c.Request().Context(), cookie.Value)
		if models.ErrorCode(err) == models.CodeUnauthenticated {
			h.setCookie(c, h.sessionCookieName(), "", -1)
		}
		if err != nil {
			return err
		}
		c.Set(sessionKey, sess)
		c.Set(operatorKey, op)
		h.setLanguage(c, op.Language)
		return next(c)
	}
}

// checkCSRF requires the session's token on every state-changing request,
// from a hidden form field or, for htmx, the X-CSRF-Token header.
func (h *Handler) checkCSRF(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		switch c.Request().Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return next(c)
		}
		sess := c.Get(sessionKey).(models.Session)
		got := c.Request().Header.Get("X-CSRF-Token")
		if got == "" {
			got = c.FormValue("_csrf")
		}
		if !sameSecret(got, sess.CSRFToken) {
			return models.Errorf(models.CodePermissionDenied, "%s", tr(c).T("api.csrf"))
		}
		return next(c)
	}
}

func sameSecret(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// requireRole enforces a minimum role on the server, whatever the page shows.
func requireRole(min models.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if err := checkRole(c, min); err != nil {
				return err
			}
			return next(c)
		}
	}
}

func checkRole(c echo.Context, min models.Role) error {
	op, ok := c.Get(operatorKey).(models.Operator)
	if !ok {
		return models.Errorf(models.CodeUnauthenticated, "%s", tr(c).T("api.sign_in_first"))
	}
	if !op.Role.AtLeast(min) {
		return models.Errorf(models.CodePermissionDenied, "%s", tr(c).Tf("api.needs_role", "Role", min, "Yours", op.Role))
	}
	return nil
}

func currentOperator(c echo.Context) models.Operator {
	op, _ := c.Get(operatorKey).(models.Operator)
	return op
}

func currentSession(c echo.Context) models.Session {
	s, _ := c.Get(sessionKey).(models.Session)
	return s
}

func bearerToken(c echo.Context) (string, error) {
	auth := c.Request().Header.Get(echo.HeaderAuthorization)
	token, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || strings.TrimSpace(token) == "" {
		return "", models.Errorf(models.CodeUnauthenticated, "%s", tr(c).T("api.send_bearer"))
	}
	return strings.TrimSpace(token), nil
}

// requireAppKey authenticates the device side of the API with an app key.
func (h *Handler) requireAppKey(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		token, err := bearerToken(c)
		if err != nil {
			return err
		}
		if strings.HasPrefix(token, models.PrefixOperatorToken) {
			return models.Errorf(models.CodeUnauthenticated, "%s", tr(c).Tf("api.operator_token_on_device", "Prefix", models.PrefixAPIKey))
		}
		app, err := h.appKeys.AppByAPIKey(c.Request().Context(), token)
		if err != nil {
			return err
		}
		c.Set(appKey, app)
		return next(c)
	}
}

// requireOperatorToken authenticates the operator side of the API; the
// token carries its operator's role.
func (h *Handler) requireOperatorToken(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		token, err := bearerToken(c)
		if err != nil {
			return err
		}
		if strings.HasPrefix(token, models.PrefixAPIKey) {
			return models.Errorf(models.CodeUnauthenticated, "%s", tr(c).Tf("api.app_key_on_operator", "Prefix", models.PrefixOperatorToken))
		}
		op, err := h.operators.OperatorByToken(c.Request().Context(), token)
		if err != nil {
			return err
		}
		c.Set(operatorKey, op)
		return next(c)
	}
}
