package handlers

import (
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
)

// saveCertificate applies an input to a new (id 0) or stored certificate
// through the vendor's checks. Pages and the API share it, so both give the
// same field errors and the same audit entry (which names the fields
// changed, never the secrets' values).
func (h *Handler) saveCertificate(c echo.Context, appID, id int64, in models.CertificateInput) (models.Certificate, error) {
	now := h.now()
	var secrets models.CertificateSecrets
	cert, err := h.certificates.SaveCertificate(c.Request().Context(), h.cfg.Sealer, appID, id, func(c *models.Certificate, s *models.CertificateSecrets) error {
		err := h.vendors.PrepareCertificate(in, c, s, now)
		secrets = *s
		return err
	})
	if err == nil && cert.Sandboxed() && h.sandbox != nil {
		// Other clients may use the credentials at once, not only after
		// the console's first send through them.
		h.sandbox.Accept(cert, secrets)
	}
	action, target := models.AuditCertificateUpdate, "#"+strconv.FormatInt(id, 10)
	if id == 0 {
		action, target = models.AuditCertificateCreate, string(in.Vendor)
		if err == nil {
			target = "#" + strconv.FormatInt(cert.ID, 10)
		}
	}
	h.audit(c, models.AuditEntry{AppID: &appID, Action: action, Target: target,
		Detail: string(in.Vendor) + " " + in.Name + " (" + in.Environment + ")", Outcome: outcomeOf(err)})
	return cert, err
}
