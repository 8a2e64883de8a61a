package handlers

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// Admins create apps and issue and revoke their API keys.
func (h *Handler) registerAppRoutes(g *echo.Group) {
	g.GET("/apps", h.listApps)
	g.POST("/apps", h.createApp)
	g.GET("/apps/:app/settings", h.appSettings)
	g.POST("/apps/:app/keys", h.issueAPIKey)
	g.POST("/apps/:app/keys/:key/revoke", h.revokeAPIKey)
}

func (h *Handler) listApps(c echo.Context) error {
	return h.renderApps(c, http.StatusOK, views.AppsView{})
}

func (h *Handler) renderApps(c echo.Context, status int, v views.AppsView) error {
	p, err := h.page(c, tr(c).T("nav.apps"), "apps", nil)
	if err != nil {
		return err
	}
	v.Apps = p.Apps
	return render(c, status, views.AppsPage(p, v))
}

func (h *Handler) createApp(c echo.Context) error {
	ctx := c.Request().Context()
	name := c.FormValue("name")
	app, secret, err := h.apps.CreateAppWithKey(ctx, name)
	h.audit(c, models.AuditEntry{Action: models.AuditAppCreate, Target: name, Outcome: outcomeOf(err)})
	if e, ok := models.AsError(err); ok && e.Code == models.CodeInvalid {
		return h.renderApps(c, http.StatusBadRequest, views.AppsView{Name: name, Error: tr(c).Error(e)})
	}
	if err != nil {
		return err
	}
	h.log.InfoContext(c.Request().Context(), "app created", "app_id", app.ID, "operator", currentOperator(c).Email)
	return h.renderAppSettings(c, app, http.StatusCreated, views.AppSettingsView{NewKey: secret})
}

func (h *Handler) appSettings(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	return h.renderAppSettings(c, app, http.StatusOK, views.AppSettingsView{})
}

func (h *Handler) renderAppSettings(c echo.Context, app models.App, status int, v views.AppSettingsView) error {
	keys, err := h.apps.APIKeysOfApp(c.Request().Context(), app.ID)
	if err != nil {
		return err
	}
	v.Keys = keys
	w, ok, err := h.webhookOf(c, app.ID)
	if err != nil {
		return err
	}
	if ok {
		v.Webhook.Stored = &w
	}
	p, err := h.page(c, tr(c).Tf("title.app_settings", "App", app.Name), "apps", &app)
	if err != nil {
		return err
	}
	return render(c, status, views.AppSettingsPage(p, v))
}

func (h *Handler) issueAPIKey(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	secret, _, err := h.apps.CreateAPIKey(c.Request().Context(), app.ID, c.FormValue("label"))
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: models.AuditAppKeyCreate, Target: c.FormValue("label"), Outcome: outcomeOf(err)})
	if e, ok := models.AsError(err); ok && e.Code == models.CodeInvalid {
		return h.renderAppSettings(c, app, http.StatusBadRequest, views.AppSettingsView{Error: tr(c).Error(e)})
	}
	if err != nil {
		return err
	}
	h.log.InfoContext(c.Request().Context(), "api key issued", "app_id", app.ID, "operator", currentOperator(c).Email)
	return h.renderAppSettings(c, app, http.StatusCreated, views.AppSettingsView{NewKey: secret})
}

func (h *Handler) revokeAPIKey(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	keyID, err := strconv.ParseInt(c.Param("key"), 10, 64)
	if err != nil {
		return models.NotFound("API key %q does not exist", c.Param("key"))
	}
	err = h.apps.RevokeAPIKey(c.Request().Context(), app.ID, keyID)
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: models.AuditAppKeyRevoke, Target: "key " + strconv.FormatInt(keyID, 10), Outcome: outcomeOf(err)})
	if err != nil {
		return err
	}
	h.appKeys.Forget()
	h.log.InfoContext(c.Request().Context(), "api key revoked", "app_id", app.ID, "key_id", keyID, "operator", currentOperator(c).Email)
	return c.Redirect(http.StatusSeeOther, views.AppPath(app.ID, "/settings"))
}
