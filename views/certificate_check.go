package views

import (
	"context"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

// CertificateCheckMessage is the last Test connection's message in the
// reader's language (i18n.Localizer.CertificateCheck).
func CertificateCheckMessage(ctx context.Context, c models.Certificate) string {
	return i18n.From(ctx).CertificateCheck(c)
}

// CertificateWarning is one of a certificate's stored warnings in the
// reader's language (i18n.Localizer.CertificateWarning).
func CertificateWarning(ctx context.Context, w string) string {
	return i18n.From(ctx).CertificateWarning(w)
}
