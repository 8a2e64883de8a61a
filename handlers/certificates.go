package handlers

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// Everyone may read the certificates (support needs their IDs and expiry);
// only admins change them.
func (h *Handler) registerCertificateRoutes(g *echo.Group) {
	admin := requireRole(models.RoleAdmin)
	g.GET("/apps/:app/certificates", h.listCertificates)
	g.GET("/apps/:app/client-config", h.clientConfigPage)
	g.GET("/apps/:app/certificates/new", h.newCertificate, admin)
	g.POST("/apps/:app/certificates", h.createCertificate, admin)
	g.GET("/apps/:app/certificates/:cert", h.showCertificate)
	g.POST("/apps/:app/certificates/:cert", h.updateCertificate, admin)
	g.POST("/apps/:app/certificates/:cert/delete", h.deleteCertificate, admin)
	g.POST("/apps/:app/certificates/:cert/check", h.testConnection, requireRole(models.RoleOperator))
	g.POST("/apps/:app/certificates/:cert/receipt-url", h.rotateReceiptURL, admin)
}

// rotateReceiptURL gives the certificate a new receipt URL from its page.
func (h *Handler) rotateReceiptURL(c echo.Context) error {
	app, cert, err := h.appCertificate(c)
	if err != nil {
		return err
	}
	_, err = h.certificates.RotateReceiptSecret(c.Request().Context(), app.ID, cert.ID)
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: models.AuditReceiptURLRotate, Target: "#" + strconv.FormatInt(cert.ID, 10), Outcome: outcomeOf(err)})
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.AppPath(app.ID, "/certificates/"+strconv.FormatInt(cert.ID, 10)))
}

func (h *Handler) listCertificates(c echo.Context) error {
	return h.renderCertificates(c, "")
}

func (h *Handler) renderCertificates(c echo.Context, notice string) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	certs, err := h.certificates.CertificatesOfApp(c.Request().Context(), app.ID)
	if err != nil {
		return err
	}
	quotas, err := h.certificates.QuotasToday(c.Request().Context(), certs, h.now())
	if err != nil {
		return err
	}
	p, err := h.page(c, tr(c).T("nav.certificates"), "certificates", &app)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.CertificatesPage(p, views.CertificatesView{Certificates: certs, Quotas: quotas, Notice: notice}))
}

func (h *Handler) newCertificate(c echo.Context) error {
	vendor := models.Vendor(c.QueryParam("vendor"))
	if !vendor.Valid() {
		return models.Invalid("vendor", "choose one of the nine vendors")
	}
	form := views.CertificateForm{Vendor: vendor, Values: map[string]string{"environment": "production"}}
	return h.renderCertificateForm(c, http.StatusOK, form)
}

func (h *Handler) renderCertificateForm(c echo.Context, status int, form views.CertificateForm) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	title := tr(c).T("title.new_certificate")
	if form.Certificate != nil {
		title = tr(c).Tf("title.certificate", "ID", form.Certificate.ID)
		form.ReceiptURL = h.receiptURL(c, *form.Certificate)
	}
	p, err := h.page(c, title, "certificates", &app)
	if err != nil {
		return err
	}
	return render(c, status, views.CertificateFormPage(p, form))
}

// formRefused re-renders the form with a validation error; other errors
// go up.
func (h *Handler) formRefused(c echo.Context, form views.CertificateForm, err error) error {
	e, ok := models.AsError(err)
	if !ok || e.Code != models.CodeInvalid {
		return err
	}
	form.Error, form.ErrorField = tr(c).Error(e), e.Field
	if strings.Contains(e.Field, ".client_") {
		// A refused client value may be the server's secret pasted into
		// the wrong field: it is not shown back.
		delete(form.Values, e.Field)
	}
	return h.renderCertificateForm(c, http.StatusBadRequest, form)
}

func (h *Handler) createCertificate(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	vendor := models.Vendor(c.FormValue("vendor"))
	form := views.CertificateForm{Vendor: vendor}
	in, values, err := certificateFormInput(c, vendor)
	form.Values = values
	if err != nil {
		return h.formRefused(c, form, err)
	}
	cert, err := h.saveCertificate(c, app.ID, 0, in)
	if err != nil {
		return h.formRefused(c, form, err)
	}
	h.log.InfoContext(c.Request().Context(), "certificate added", "app_id", app.ID, "certificate_id", cert.ID, "vendor", cert.Vendor, "operator", currentOperator(c).Email)
	return c.Redirect(http.StatusSeeOther, views.AppPath(app.ID, "/certificates/"+strconv.FormatInt(cert.ID, 10)))
}

// appCertificate loads the :app and :cert path parameters.
func (h *Handler) appCertificate(c echo.Context) (models.App, models.Certificate, error) {
	app, err := h.appParam(c)
	if err != nil {
		return models.App{}, models.Certificate{}, err
	}
	cert, err := h.certificateParam(c, app.ID)
	return app, cert, err
}

func (h *Handler) certificateParam(c echo.Context, appID int64) (models.Certificate, error) {
	id, err := strconv.ParseInt(c.Param("cert"), 10, 64)
	if err != nil {
		return models.Certificate{}, models.NotFound("certificate %q does not exist", c.Param("cert"))
	}
	return h.certificates.CertificateByID(c.Request().Context(), appID, id)
}

func (h *Handler) showCertificate(c echo.Context) error {
	_, cert, err := h.appCertificate(c)
	if err != nil {
		return err
	}
	secrets, err := h.cfg.Sealer.OpenCertificateSecrets(cert)
	if err != nil {
		return err
	}
	form := views.CertificateForm{Vendor: cert.Vendor, Certificate: &cert, Values: certificateValues(cert), SecretsSet: secretsSet(cert.Vendor, secrets)}
	return h.renderCertificateForm(c, http.StatusOK, form)
}

func (h *Handler) updateCertificate(c echo.Context) error {
	app, cert, err := h.appCertificate(c)
	if err != nil {
		return err
	}
	secrets, err := h.cfg.Sealer.OpenCertificateSecrets(cert)
	if err != nil {
		return err
	}
	form := views.CertificateForm{Vendor: cert.Vendor, Certificate: &cert, SecretsSet: secretsSet(cert.Vendor, secrets)}
	in, values, err := certificateFormInput(c, cert.Vendor)
	form.Values = values
	if err != nil {
		return h.formRefused(c, form, err)
	}
	if _, err := h.saveCertificate(c, app.ID, cert.ID, in); err != nil {
		return h.formRefused(c, form, err)
	}
	h.log.InfoContext(c.Request().Context(), "certificate updated", "app_id", app.ID, "certificate_id", cert.ID, "operator", currentOperator(c).Email)
	return c.Redirect(http.StatusSeeOther, views.AppPath(app.ID, "/certificates/"+strconv.FormatInt(cert.ID, 10)))
}

func (h *Handler) deleteCertificate(c echo.Context) error {
	app, cert, err := h.appCertificate(c)
	if err != nil {
		return err
	}
	err = h.certificates.DeleteCertificate(c.Request().Context(), app.ID, cert.ID)
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: models.AuditCertificateDelete, Target: "#" + strconv.FormatInt(cert.ID, 10), Detail: string(cert.Vendor) + " " + cert.Name, Outcome: outcomeOf(err)})
	if err != nil {
		return err
	}
	h.log.InfoContext(c.Request().Context(), "certificate deleted", "app_id", app.ID, "certificate_id", cert.ID, "operator", currentOperator(c).Email)
	return h.renderCertificates(c, tr(c).Tf("certs_page.deleted", "ID", cert.ID, "Name", cert.Name))
}
