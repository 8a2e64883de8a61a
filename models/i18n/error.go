package i18n

import "github.com/pushcheck/pushcheck/models"

// Error is an application error's message in the Localizer's language.
// Errors are made in English all over the domain (models.Invalid(field,
// "…%s…", …)), where there is no reader; the English stays what the log
// says, and the reader's words are found here, once, by the read-back
// that serves stored texts: locales/messages.*.toml hold each error's
// English under "errors." word for word, with its arguments named, and
// an argument is read back too (a vendor's name, a nested error, the
// vendor field's description). A message the catalogue lacks is said in
// English; models/i18n's error test fails on every such message it finds
// in the sources.
func (l *Localizer) Error(e *models.Error) string {
	if e == nil {
		return ""
	}
	return l.Recorded(e.Message, "errors.", "rest.vendor.")
}
