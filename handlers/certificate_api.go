package handlers

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

func (h *Handler) registerCertificateAPIRoutes(g *echo.Group) {
	admin := requireRole(models.RoleAdmin)
	g.GET("/:app/certificates", h.apiListCertificates)
	g.GET("/:app/client-config", h.apiClientConfig)
	g.POST("/:app/certificates", h.apiCreateCertificate, admin)
	g.GET("/:app/certificates/:cert", h.apiCertificate)
	g.PUT("/:app/certificates/:cert", h.apiUpdateCertificate, admin)
	g.DELETE("/:app/certificates/:cert", h.apiDeleteCertificate, admin)
	g.POST("/:app/certificates/:cert/check", h.apiCheckCertificate, requireRole(models.RoleOperator))
	g.POST("/:app/certificates/:cert/receipt-url", h.apiRotateReceiptURL, admin)
}

// certificateJSON is a certificate as the API shows it: never its secrets,
// only which are set.
type certificateJSON struct {
	ID          int64                      `json:"id"`
	Vendor      string                     `json:"vendor"`
	Name        string                     `json:"name"`
	Environment string                     `json:"environment"`
	ClickAction models.ClickAction         `json:"click_action"`
	Settings    models.CertificateSettings `json:"settings"`
	SecretsSet  []string                   `json:"secrets_set"`
	Facts       certificateFactsJSON       `json:"facts"`
	Warnings    []string                   `json:"warnings"`
	LastCheck   *checkJSON                 `json:"last_check"`
	// ReceiptURL is where the vendor posts receipts (its last segment is
	// the certificate's secret); empty for vendors without receipts.
	ReceiptURL string    `json:"receipt_url,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

type certificateFactsJSON struct {
	Topic           string     `json:"topic,omitempty"`
	APNsEnvironment string     `json:"apns_environment,omitempty"`
	ExpiresAt       *time.Time `json:"expires_at,omitempty"`
}

type checkJSON struct {
	OK      bool      `json:"ok"`
	Message string    `json:"message"`
	At      time.Time `json:"at"`
}

func (h *Handler) toCertificateJSON(ctx echo.Context, c models.Certificate) (certificateJSON, error) {
	secrets, err := h.cfg.Sealer.OpenCertificateSecrets(c)
	if err != nil {
		return certificateJSON{}, err
	}
	set := []string{}
	for name := range secretsSet(c.Vendor, secrets) {
		set = append(set, strings.TrimPrefix(name, string(c.Vendor)+"."))
	}
	sort.Strings(set)
	out := certificateJSON{
		ID: c.ID, Vendor: string(c.Vendor), Name: c.Name, Environment: string(c.Environment), ClickAction: c.ClickAction,
		Settings: c.Settings, SecretsSet: set, Warnings: c.Warnings, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
		Facts:      certificateFactsJSON{Topic: c.Topic, APNsEnvironment: c.APNsEnvironment, ExpiresAt: c.ExpiresAt},
		ReceiptURL: h.receiptURL(ctx, c),
	}
	// Stored in English; said in the reader's language like errors.
	out.Warnings = make([]string, len(c.Warnings))
	for i, w := range c.Warnings {
		out.Warnings[i] = tr(ctx).CertificateWarning(w)
	}
	if c.CheckedAt != nil {
		out.LastCheck = &checkJSON{OK: c.CheckOK != nil && *c.CheckOK, Message: c.CheckMessage, At: *c.CheckedAt}
	}
	return out, nil
}

func (h *Handler) apiListCertificates(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	certs, err := h.certificates.CertificatesOfApp(c.Request().Context(), app.ID)
	if err != nil {
		return err
	}
	out := make([]certificateJSON, len(certs))
	for i, cert := range certs {
		if out[i], err = h.toCertificateJSON(c, cert); err != nil {
			return err
		}
	}
	return c.JSON(http.StatusOK, map[string]any{"certificates": out})
}

func (h *Handler) apiCertificate(c echo.Context) error {
	_, cert, err := h.appCertificate(c)
	if err != nil {
		return err
	}
	out, err := h.toCertificateJSON(c, cert)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

func (h *Handler) apiCreateCertificate(c echo.Context) error {
	return h.apiSaveCertificate(c, false)
}

func (h *Handler) apiUpdateCertificate(c echo.Context) error {
	return h.apiSaveCertificate(c, true)
}

func (h *Handler) apiSaveCertificate(c echo.Context, update bool) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	var id int64
	if update {
		cert, err := h.certificateParam(c, app.ID)
		if err != nil {
			return err
		}
		id = cert.ID
	}
	var in models.CertificateInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	cert, err := h.saveCertificate(c, app.ID, id, in)
	if err != nil {
		return err
	}
	h.log.InfoContext(c.Request().Context(), "certificate saved", "app_id", app.ID, "certificate_id", cert.ID, "vendor", cert.Vendor, "operator", currentOperator(c).Email)
	out, err := h.toCertificateJSON(c, cert)
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if update {
		status = http.StatusOK
	}
	return c.JSON(status, out)
}

func (h *Handler) apiDeleteCertificate(c echo.Context) error {
	app, cert, err := h.appCertificate(c)
	if err != nil {
		return err
	}
	err = h.certificates.DeleteCertificate(c.Request().Context(), app.ID, cert.ID)
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: models.AuditCertificateDelete, Target: "#" + strconv.FormatInt(cert.ID, 10), Detail: string(cert.Vendor) + " " + cert.Name, Outcome: outcomeOf(err)})
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// receiptURL is the certificate's receipt URL on this console, for the
// vendors that send receipts.
func (h *Handler) receiptURL(c echo.Context, cert models.Certificate) string {
	ch, err := h.vendors.Channel(cert.Vendor)
	if err != nil {
		return ""
	}
	if _, ok := ch.(vendors.ReceiptReader); !ok {
		return ""
	}
	return vendors.ReceiptURL(h.baseURL(c), cert)
}

// apiRotateReceiptURL gives the certificate a new receipt secret: the old
// URL stops working at once, and the vendor console must get the new one.
func (h *Handler) apiRotateReceiptURL(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(c.Param("cert"), 10, 64)
	if err != nil {
		return models.NotFound("certificate %q does not exist in this app", c.Param("cert"))
	}
	cert, err := h.certificates.RotateReceiptSecret(c.Request().Context(), app.ID, id)
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: models.AuditReceiptURLRotate, Target: "#" + strconv.FormatInt(id, 10), Outcome: outcomeOf(err)})
	if err != nil {
		return err
	}
	out, err := h.toCertificateJSON(c, cert)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}
