package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// The setup link printed on an empty database creates the first admin.
func (h *Handler) registerSetupRoutes(e *echo.Echo) {
	e.GET("/setup", h.showSetup)
	e.POST("/setup", h.setup, limitBody(16<<10))
}

func (h *Handler) showSetup(c echo.Context) error {
	form := views.SetupForm{Token: c.QueryParam("token")}
	if err := h.sessions.CheckSetupToken(c.Request().Context(), form.Token); err != nil {
		return err
	}
	return h.renderSetup(c, http.StatusOK, form)
}

func (h *Handler) renderSetup(c echo.Context, status int, form views.SetupForm) error {
	token, err := h.formToken(c)
	if err != nil {
		return err
	}
	form.CSRF = token
	return render(c, status, views.SetupPage(h.pageOrAnonymous(c, tr(c).T("setup.title")), form))
}

func (h *Handler) setup(c echo.Context) error {
	form := views.SetupForm{Token: c.FormValue("token"), Email: c.FormValue("email"), Name: c.FormValue("name")}
	if err := h.checkFormToken(c); err != nil {
		return err
	}
	password := c.FormValue("password")
	if password != c.FormValue("password_confirm") {
		form.Error = tr(c).T("setup.passwords_differ")
		return h.renderSetup(c, http.StatusBadRequest, form)
	}
	op, err := h.sessions.CompleteSetup(c.Request().Context(), form.Token, models.NewOperator{Email: form.Email, Name: form.Name, Password: password})
	if e, ok := models.AsError(err); ok && e.Code == models.CodeInvalid {
		form.Error = tr(c).Error(e)
		return h.renderSetup(c, http.StatusBadRequest, form)
	}
	if err != nil {
		return err
	}
	return h.startSession(c, op, "/apps")
}
