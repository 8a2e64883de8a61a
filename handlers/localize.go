package handlers

import (
	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

// localize puts the request's Localizer in its context: the browser's
// Accept-Language (the API client's, for JSON errors), else English.
// requireSession overrides it with the operator's own choice.
func (h *Handler) localize(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h.setLanguage(c, models.LanguageAuto)
		return next(c)
	}
}

// setLanguage picks the language from the operator's choice and the
// request's Accept-Language.
func (h *Handler) setLanguage(c echo.Context, chosen models.Language) {
	if h.cfg.Messages == nil {
		// A Handler a unit test builds by hand has no catalogues; its
		// pages show message IDs. New's callers always pass them.
		return
	}
	r := c.Request()
	l := h.cfg.Messages.Localizer(h.cfg.Messages.Choose(chosen, r.Header.Get("Accept-Language")))
	c.SetRequest(r.WithContext(i18n.With(r.Context(), l)))
}

// tr is the request's Localizer, for messages handlers write.
func tr(c echo.Context) *i18n.Localizer { return i18n.From(c.Request().Context()) }
