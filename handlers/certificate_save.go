package handlers

import (
	"context"

	"github.com/pushcheck/pushcheck/models"
)

// saveCertificate applies an input to a new (id 0) or stored certificate
// through the vendor's checks. Pages and the API share it, so both give the
// same field errors.
func (h *Handler) saveCertificate(ctx context.Context, appID, id int64, in models.CertificateInput) (models.Certificate, error) {
	now := h.now()
	return h.store.SaveCertificate(ctx, h.cfg.Sealer, appID, id, func(c *models.Certificate, s *models.CertificateSecrets) error {
		return h.vendors.PrepareCertificate(in, c, s, now)
	})
}
