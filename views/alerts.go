package views

import "github.com/pushcheck/pushcheck/models"

// appName is the name of one of the page's apps.
func appName(p Page, id int64) string {
	for _, a := range p.Apps {
		if a.ID == id {
			return a.Name
		}
	}
	return "app #" + Itoa(id)
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
func alertCount(n int) string {
	if n == 1 {
		return "1 certificate needs attention"
	}
	return Itoa(n) + " certificate alerts"
}
