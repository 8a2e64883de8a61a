package handlers

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// The Limits page: every vendor's documented figures with their sources,
// and each certificate's counters today against the quota an admin copied
// from the vendor's console.
func (h *Handler) registerLimitRoutes(g *echo.Group) {
	g.GET("/apps/:app/limits", h.showLimits)
	g.POST("/apps/:app/certificates/:cert/quotas", h.saveQuotas, requireRole(models.RoleAdmin))
}

func (h *Handler) registerLimitAPIRoutes(g *echo.Group) {
	g.GET("/:app/limits", h.apiLimits)
	g.PUT("/:app/certificates/:cert/quotas", h.apiSaveQuotas, requireRole(models.RoleAdmin))
}

func (h *Handler) showLimits(c echo.Context) error {
	return h.renderLimits(c, http.StatusOK, "", "")
}

func (h *Handler) renderLimits(c echo.Context, status int, notice, problem string) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	view, err := h.limitsView(c, app)
	if err != nil {
		return err
	}
	view.Notice, view.Error = notice, problem
	p, err := h.page(c, tr(c).T("nav.limits"), "limits", &app)
	if err != nil {
		return err
	}
	return render(c, status, views.LimitsPage(p, view))
}

func (h *Handler) limitsView(c echo.Context, app models.App) (views.LimitsView, error) {
	ctx := c.Request().Context()
	certs, err := h.certificates.CertificatesOfApp(ctx, app.ID)
	if err != nil {
		return views.LimitsView{}, err
	}
	quotas, err := h.certificates.QuotasToday(ctx, certs, h.now())
	if err != nil {
		return views.LimitsView{}, err
	}
	view := views.LimitsView{}
	for _, v := range models.AllVendors() {
		ch, err := h.vendors.Channel(v)
		if err != nil {
			return views.LimitsView{}, err
		}
		view.Vendors = append(view.Vendors, views.VendorLimits{Vendor: v, Limits: ch.Limits()})
	}
	for _, c := range certs {
		view.Certificates = append(view.Certificates, views.CertificateQuotaRow{Certificate: c, Quota: quotas[c.ID]})
	}
	return view, nil
}

// saveQuotas stores the quota form of one certificate: one field per class,
// empty removes the limit. Every value is checked before any is stored.
func (h *Handler) saveQuotas(c echo.Context) error {
	app, cert, err := h.quotaCertificate(c)
	if err != nil {
		return err
	}
	limits := map[models.MessageClass]*int{}
	for _, class := range cert.Vendor.Classes() {
		field := "quota." + string(class)
		value := strings.ReplaceAll(strings.TrimSpace(c.FormValue(field)), ",", "")
		if value == "" {
			limits[class] = nil
			continue
		}
		n, err := strconv.Atoi(value)
		if err != nil {
			return h.renderLimits(c, http.StatusBadRequest, "", tr(c).Tf("limits.not_whole", "ID", cert.ID, "Class", views.ClassLabel(c.Request().Context(), class)))
		}
		limits[class] = &n
	}
	if err := h.applyQuotas(c, app, cert, limits); err != nil {
		if e, ok := models.AsError(err); ok && e.Code == models.CodeInvalid {
			return h.renderLimits(c, http.StatusBadRequest, "", fmt.Sprintf("#%d: %s", cert.ID, tr(c).Error(e)))
		}
		return err
	}
	return h.renderLimits(c, http.StatusOK, tr(c).Tf("limits.saved", "ID", cert.ID), "")
}

func (h *Handler) quotaCertificate(c echo.Context) (models.App, models.Certificate, error) {
	app, err := h.appParam(c)
	if err != nil {
		return models.App{}, models.Certificate{}, err
	}
	id, err := strconv.ParseInt(c.Param("cert"), 10, 64)
	if err != nil {
		return models.App{}, models.Certificate{}, models.NotFound("certificate %q does not exist", c.Param("cert"))
	}
	cert, err := h.certificates.CertificateByID(c.Request().Context(), app.ID, id)
	return app, cert, err
}

// applyQuotas checks every class against the certificate's vendor, then
// stores them all (the store checks the values).
func (h *Handler) applyQuotas(c echo.Context, app models.App, cert models.Certificate, limits map[models.MessageClass]*int) error {
	for class := range limits {
		if !slices.Contains(cert.Vendor.Classes(), class) {
			return models.Invalid("quotas."+string(class), "%s certificates count %s", cert.Vendor.Label(), classList(cert.Vendor))
		}
	}
	by := currentOperator(c).Email
	err := h.certificates.SetQuotaLimits(c.Request().Context(), app.ID, cert.ID, limits, by, h.now())
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: models.AuditQuotaUpdate, Target: "#" + strconv.FormatInt(cert.ID, 10), Detail: fmt.Sprint(limits), Outcome: outcomeOf(err)})
	if err != nil {
		return err
	}
	h.log.InfoContext(c.Request().Context(), "daily quotas set", "app_id", app.ID, "certificate_id", cert.ID, "operator", by)
	return nil
}

func classList(v models.Vendor) string {
	var names []string
	for _, c := range v.Classes() {
		names = append(names, string(c))
	}
	return strings.Join(names, ", ")
}

type vendorLimitsJSON struct {
	Vendor string         `json:"vendor"`
	Limits []models.Limit `json:"limits"`
}

type limitsJSON struct {
	Vendors      []vendorLimitsJSON        `json:"vendors"`
	Certificates []models.CertificateQuota `json:"certificates"`
}

func (h *Handler) apiLimits(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	view, err := h.limitsView(c, app)
	if err != nil {
		return err
	}
	out := limitsJSON{Vendors: []vendorLimitsJSON{}, Certificates: []models.CertificateQuota{}}
	for _, v := range view.Vendors {
		out.Vendors = append(out.Vendors, vendorLimitsJSON{Vendor: string(v.Vendor), Limits: v.Limits})
	}
	for _, r := range view.Certificates {
		out.Certificates = append(out.Certificates, r.Quota)
	}
	return c.JSON(http.StatusOK, out)
}

// apiSaveQuotas takes {"marketing": 2000, "service": null}: a number sets
// a class's daily quota, null removes it, an absent class is unchanged.
func (h *Handler) apiSaveQuotas(c echo.Context) error {
	app, cert, err := h.quotaCertificate(c)
	if err != nil {
		return err
	}
	var body map[string]*int
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	limits := map[models.MessageClass]*int{}
	for k, v := range body {
		limits[models.MessageClass(k)] = v
	}
	if err := h.applyQuotas(c, app, cert, limits); err != nil {
		return err
	}
	quotas, err := h.certificates.QuotasToday(c.Request().Context(), []models.Certificate{cert}, h.now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, quotas[cert.ID])
}
