package handlers

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
)

// Forms shown before there is a session (sign-in, first-admin setup) are
// protected with a double-submit token: a random cookie that the form must
// echo, which another site can neither read nor set.
const formTokenCookie = "pushcheck_form"

func (h *Handler) formToken(c echo.Context) (string, error) {
	if ck, err := c.Cookie(formTokenCookie); err == nil && len(ck.Value) >= 32 {
		return ck.Value, nil
	}
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("form token: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(b)
	h.setCookie(c, formTokenCookie, token, 3600)
	return token, nil
}

func (h *Handler) checkFormToken(c echo.Context) error {
	ck, err := c.Cookie(formTokenCookie)
	if err != nil || !sameSecret(c.FormValue("_csrf"), ck.Value) {
		return models.Errorf(models.CodePermissionDenied, "the form expired: reload the page and try again")
	}
	return nil
}
