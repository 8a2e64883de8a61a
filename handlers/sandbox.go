package handlers

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/sandbox"
	"github.com/pushcheck/pushcheck/vendors"
)

// The sandbox as a service: its CA for anyone (it holds no secret), its
// settings for operators (QA) and admins, and sandbox certificates with
// generated credentials, created and downloaded by admins only.
func (h *Handler) registerSandboxRoutes(e *echo.Echo, pages *echo.Group) {
	e.GET("/sandbox/ca.pem", h.sandboxCA)
	admin := requireRole(models.RoleAdmin)
	pages.GET("/sandbox/settings", h.sandboxPage, requireRole(models.RoleOperator))
	pages.POST("/sandbox/certificates", h.createSandboxCertificateForm, admin)
	pages.GET("/apps/:app/certificates/:cert/sandbox-credentials", h.sandboxCredentials, admin)
}

func (h *Handler) registerSandboxAPIRoutes(sandboxAPI, appsAPI *echo.Group) {
	admin := requireRole(models.RoleAdmin)
	sandboxAPI.GET("/settings", h.apiSandboxSettings, requireRole(models.RoleOperator))
	sandboxAPI.POST("/certificates", h.apiCreateSandboxCertificate, admin)
	appsAPI.GET("/:app/certificates/:cert/sandbox-credentials", h.sandboxCredentials, admin)
}

// sandboxRunning is the sandbox, or why there is none.
func (h *Handler) sandboxRunning() (sandboxService, error) {
	if h.sandbox == nil {
		return nil, models.Errorf(models.CodeUnavailable, "the sandbox does not run in this process")
	}
	return h.sandbox, nil
}

func (h *Handler) sandboxCA(c echo.Context) error {
	s, err := h.sandboxRunning()
	if err != nil {
		return err
	}
	ca, err := s.CA()
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="sandbox-ca.pem"`)
	return c.Blob(http.StatusOK, "application/x-pem-file", ca.PEM)
}

// sandboxSettingsJSON is how to point another server at the sandbox.
type sandboxSettingsJSON struct {
	Address   string                `json:"address"`
	Listening bool                  `json:"listening"`
	CAURL     string                `json:"ca_url"`
	Hosts     []vendors.SandboxHost `json:"hosts"`
	Resolve   string                `json:"resolve"`
	Curl      []string              `json:"curl"`
	EtcHosts  []string              `json:"etc_hosts"`
	Trust     []vendors.TrustHint   `json:"trust"`
}

func (h *Handler) sandboxSettings(c echo.Context) (sandboxSettingsJSON, error) {
	s, err := h.sandboxRunning()
	if err != nil {
		return sandboxSettingsJSON{}, err
	}
	set := s.Settings()
	out := sandboxSettingsJSON{Address: set.Address, Listening: set.Listening, CAURL: h.baseURL(c) + "/sandbox/ca.pem", Hosts: set.Hosts,
		Resolve: set.Resolve(), Curl: set.CurlFlags(), EtcHosts: set.EtcHosts(), Trust: vendors.TrustHints("sandbox-ca.pem")}
	for _, list := range []*[]string{&out.Curl, &out.EtcHosts} {
		if *list == nil {
			*list = []string{}
		}
	}
	if out.Hosts == nil {
		out.Hosts = []vendors.SandboxHost{}
	}
	return out, nil
}

func (h *Handler) apiSandboxSettings(c echo.Context) error {
	out, err := h.sandboxSettings(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// newSandboxCertificate is what an admin asks for: an app, a vendor, and
// optionally a name, the app's package and for APNs the kind of
// credentials.
type newSandboxCertificate struct {
	AppID    int64  `json:"app_id" form:"app_id"`
	Vendor   string `json:"vendor" form:"vendor"`
	Name     string `json:"name" form:"name"`
	Package  string `json:"package" form:"package"`
	APNsAuth string `json:"apns_auth" form:"apns_auth"`
}

// createSandboxCertificate generates credentials, saves them through the
// vendor's checks like any certificate (audited there), and teaches the
// emulators at once so that other clients can use them right away.
func (h *Handler) createSandboxCertificate(c echo.Context, req newSandboxCertificate) (models.Certificate, error) {
	v := models.Vendor(req.Vendor)
	if !v.Valid() {
		return models.Certificate{}, models.Invalid("vendor", "choose one of the nine vendors")
	}
	if _, err := h.apps.AppByID(c.Request().Context(), req.AppID); err != nil {
		if models.IsNotFound(err) {
			return models.Certificate{}, models.Invalid("app_id", "app %d does not exist", req.AppID)
		}
		return models.Certificate{}, err
	}
	in, err := sandbox.New(v, sandbox.Options{Name: req.Name, Package: req.Package, APNsAuth: req.APNsAuth})
	if err != nil {
		return models.Certificate{}, err
	}
	return h.saveCertificate(c, req.AppID, 0, in)
}

func (h *Handler) apiCreateSandboxCertificate(c echo.Context) error {
	var req newSandboxCertificate
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	cert, err := h.createSandboxCertificate(c, req)
	if err != nil {
		return err
	}
	out, err := h.toCertificateJSON(c, cert)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, out)
}

// sandboxCredentials downloads a sandbox certificate's credentials; every
// download is audited. Real certificates' credentials never leave.
func (h *Handler) sandboxCredentials(c echo.Context) error {
	app, cert, err := h.appCertificate(c)
	if err != nil {
		return err
	}
	creds, err := h.exportSandboxCredentials(cert)
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: models.AuditSandboxCredentials, Target: "#" + strconv.FormatInt(cert.ID, 10),
		Detail: string(cert.Vendor) + " " + cert.Name, Outcome: outcomeOf(err)})
	if err != nil {
		return err
	}
	name := "sandbox-" + string(cert.Vendor) + "-" + strconv.FormatInt(cert.ID, 10) + ".json"
	c.Response().Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, creds)
}

func (h *Handler) exportSandboxCredentials(cert models.Certificate) (sandbox.Credentials, error) {
	secrets, err := h.cfg.Sealer.OpenCertificateSecrets(cert)
	if err != nil {
		return sandbox.Credentials{}, err
	}
	return sandbox.Export(cert, secrets)
}
