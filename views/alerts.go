package views

import (
	"context"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

// appName is the name of one of the page's apps.
func appName(ctx context.Context, p Page, id int64) string {
	for _, a := range p.Apps {
		if a.ID == id {
			return a.Name
		}
	}
	return Tf(ctx, "alerts.app_id", "ID", Itoa(id))
}

// webhookKindShown is the kind the form selects: what the admin just
// chose, else the stored one, else Feishu.
func webhookKindShown(f WebhookForm) models.WebhookKind {
	switch {
	case f.Kind.Valid():
		return f.Kind
	case f.Stored != nil:
		return f.Stored.Kind
	}
	return models.WebhookFeishu
}

// alertCount says how many alerts the banner holds.
func alertCount(ctx context.Context, n int) string {
	return Tn(ctx, "alerts.banner_count", n)
}

// alertProblem is models.CertificateAlert.Problem in the page's language
// (Problem stays English for the log and the API).
func alertProblem(ctx context.Context, a models.CertificateAlert) string {
	return i18n.From(ctx).AlertProblem(a)
}
