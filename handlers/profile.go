package handlers

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// Every operator manages their own API tokens and sessions.
func (h *Handler) registerProfileRoutes(g *echo.Group) {
	g.GET("/profile", h.profile)
	g.POST("/profile/tokens", h.createToken)
	g.POST("/profile/tokens/:id/revoke", h.revokeToken)
	g.POST("/profile/sessions/revoke-others", h.revokeOtherSessions)
	g.POST("/profile/language", h.setOperatorLanguage)
}

func (h *Handler) profile(c echo.Context) error {
	return h.renderProfile(c, http.StatusOK, views.ProfileView{})
}

func (h *Handler) renderProfile(c echo.Context, status int, v views.ProfileView) error {
	ctx := c.Request().Context()
	op := currentOperator(c)
	tokens, err := h.operators.OperatorTokens(ctx, op.ID)
	if err != nil {
		return err
	}
	sessions, err := h.sessions.SessionsOfOperator(ctx, op.ID)
	if err != nil {
		return err
	}
	v.Tokens, v.Sessions, v.CurrentID = tokens, sessions, currentSession(c).ID
	p, err := h.page(c, tr(c).T("title.profile"), "profile", nil)
	if err != nil {
		return err
	}
	return render(c, status, views.ProfilePage(p, v))
}

func (h *Handler) createToken(c echo.Context) error {
	secret, _, err := h.operators.CreateOperatorToken(c.Request().Context(), currentOperator(c).ID, c.FormValue("name"))
	h.audit(c, models.AuditEntry{Action: models.AuditTokenCreate, Target: c.FormValue("name"), Outcome: outcomeOf(err)})
	if e, ok := models.AsError(err); ok && e.Code == models.CodeInvalid {
		return h.renderProfile(c, http.StatusBadRequest, views.ProfileView{Error: tr(c).Error(e)})
	}
	if err != nil {
		return err
	}
	return h.renderProfile(c, http.StatusCreated, views.ProfileView{NewToken: secret})
}

func (h *Handler) revokeToken(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return models.NotFound("token %q does not exist", c.Param("id"))
	}
	err = h.operators.RevokeOperatorToken(c.Request().Context(), currentOperator(c).ID, id)
	h.audit(c, models.AuditEntry{Action: models.AuditTokenRevoke, Target: "token " + strconv.FormatInt(id, 10), Outcome: outcomeOf(err)})
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/profile")
}

func (h *Handler) revokeOtherSessions(c echo.Context) error {
	if err := h.sessions.DeleteOtherSessions(c.Request().Context(), currentOperator(c).ID, currentSession(c).ID); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/profile")
}

// setOperatorLanguage stores the console language; the footer's switch
// comes back to the page it was used on, the profile form to the profile.
func (h *Handler) setOperatorLanguage(c echo.Context) error {
	l, err := models.ParseLanguage(c.FormValue("language"))
	if err != nil {
		return err
	}
	if err := h.operators.SetOperatorLanguage(c.Request().Context(), currentOperator(c).ID, l); err != nil {
		return err
	}
	back := "/profile"
	if c.FormValue("back") == "referer" {
		if u, err := url.Parse(c.Request().Referer()); err == nil && u.Path != "" {
			back = safeNext(u.RequestURI())
		}
	}
	return c.Redirect(http.StatusSeeOther, back)
}
