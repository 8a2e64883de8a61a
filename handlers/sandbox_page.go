package handlers

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

func (h *Handler) sandboxPage(c echo.Context) error {
	created, _ := strconv.ParseInt(c.QueryParam("created"), 10, 64) // a bad value shows no notice
	return h.renderSandbox(c, http.StatusOK, views.SandboxView{Created: created})
}

func (h *Handler) renderSandbox(c echo.Context, status int, v views.SandboxView) error {
	set, err := h.sandboxSettings(c)
	if err != nil {
		return err
	}
	v.Address, v.Listening, v.CAURL, v.Resolve = set.Address, set.Listening, set.CAURL, set.Resolve
	v.Curl, v.EtcHosts = set.Curl, set.EtcHosts
	for _, t := range set.Trust {
		v.Trust = append(v.Trust, views.SandboxTrust{Stack: t.Stack, Command: t.Command})
	}
	for _, host := range set.Hosts {
		v.Hosts = append(v.Hosts, views.SandboxHostRow{Vendor: host.Vendor, Host: host.Host})
	}
	p, err := h.page(c, tr(c).T("sandbox.title"), "sandbox", nil)
	if err != nil {
		return err
	}
	if p.Can(models.RoleAdmin) {
		if v.Certificates, err = h.certificates.SandboxCertificates(c.Request().Context()); err != nil {
			return err
		}
	}
	return render(c, status, views.SandboxPage(p, v))
}

// createSandboxCertificateForm creates a sandbox certificate from the
// settings page and shows it there, ready to download.
func (h *Handler) createSandboxCertificateForm(c echo.Context) error {
	appID, err := strconv.ParseInt(c.FormValue("app_id"), 10, 64)
	if err != nil {
		return models.Invalid("app_id", "choose an app")
	}
	cert, err := h.createSandboxCertificate(c, newSandboxCertificate{AppID: appID, Vendor: c.FormValue("vendor"),
		Package: c.FormValue("package"), APNsAuth: c.FormValue("apns_auth")})
	if e, ok := models.AsError(err); ok && e.Code == models.CodeInvalid {
		return h.renderSandbox(c, http.StatusBadRequest, views.SandboxView{Error: e.Message})
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/sandbox/settings?created="+strconv.FormatInt(cert.ID, 10)+"#sandbox-cert-"+strconv.FormatInt(cert.ID, 10))
}
