package views

import (
	"context"
	"time"

	"github.com/pushcheck/pushcheck/models"
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
// (Problem stays English for the webhook messages that leave the console).
func alertProblem(ctx context.Context, a models.CertificateAlert) string {
	if a.Kind == models.AlertCheckFailed {
		return Tf(ctx, "alerts.check_failed", "Message", CertificateCheckMessage(ctx, a.Certificate))
	}
	on := a.Certificate.ExpiresAt.UTC().Format("2006-01-02 15:04 UTC")
	switch days := int(a.Left / (24 * time.Hour)); {
	case a.Left <= 0:
		return Tf(ctx, "alerts.expired", "On", on)
	case days == 0:
		return Tf(ctx, "alerts.expires_within_day", "On", on)
	default:
		return Tn(ctx, "alerts.expires_in", days, "On", on)
	}
}
