package views

import (
	"context"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

// EventDetail is a timeline entry's detail in the reader's language. The
// detail is stored in English when the app reports (models.ApplyRegistration,
// StateReport.Change) and the API returns it so; a page reads it back
// through the catalogue's English for it (locales/rest.*.toml, rest.event.),
// the vendor's name and the words in it too. A detail no message made (an
// older wording) is shown as stored.
func EventDetail(ctx context.Context, e models.DeviceEvent) string {
	return i18n.From(ctx).Recorded(e.Detail, "rest.event.", "rest.vendor.")
}
