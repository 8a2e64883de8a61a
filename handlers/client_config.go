package handlers

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/clientconfig"
	"github.com/pushcheck/pushcheck/views"
)

// The client config is what the app team pastes into the app: the
// certificate IDs to report and the vendors' client-side IDs. Everyone may
// read it, as everyone may read the certificates; it holds no secret.

// clientConfig builds the :app's config for the platform query parameter.
func (h *Handler) clientConfig(c echo.Context) (models.App, clientconfig.Config, error) {
	app, err := h.appParam(c)
	if err != nil {
		return models.App{}, clientconfig.Config{}, err
	}
	platform, err := clientconfig.ParsePlatform(c.QueryParam("platform"))
	if err != nil {
		return app, clientconfig.Config{}, err
	}
	certs, err := h.certificates.CertificatesOfApp(c.Request().Context(), app.ID)
	if err != nil {
		return app, clientconfig.Config{}, err
	}
	return app, clientconfig.Build(platform, app, certs), nil
}

func (h *Handler) clientConfigPage(c echo.Context) error {
	app, cfg, err := h.clientConfig(c)
	if err != nil {
		return err
	}
	p, err := h.page(c, tr(c).T("nav.client_config"), "client-config", &app)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.ClientConfigPage(p, views.ClientConfigView{Config: cfg, Platforms: clientconfig.Platforms()}))
}

// apiClientConfig answers GET /api/v1/apps/{app}/client-config: the
// platform's snippets as JSON, or one of them as text with ?snippet=, for
// a build script that writes the file.
func (h *Handler) apiClientConfig(c echo.Context) error {
	app, cfg, err := h.clientConfig(c)
	if err != nil {
		return err
	}
	if id := c.QueryParam("snippet"); id != "" {
		s, ok := cfg.Snippet(id)
		if !ok {
			ids := make([]string, len(cfg.Snippets))
			for i, s := range cfg.Snippets {
				ids[i] = s.ID
			}
			return models.Invalid("snippet", "%s has no snippet %q: it has %s", cfg.Platform.Label(), id, strings.Join(ids, ", "))
		}
		return c.Blob(http.StatusOK, "text/plain; charset=utf-8", []byte(s.Text))
	}
	return c.JSON(http.StatusOK, map[string]any{"app_id": app.ID, "platform": cfg.Platform, "snippets": cfg.Snippets, "missing": cfg.Missing})
}
