package i18n

import (
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// AnswerPrefixes are where the catalogues keep the words of a vendor's
// answer: the code's own entry (vendors.huawei.80300007.), a HarmonyOS
// per-token reason (recorded as code "80300007/tokenFormatError"), and
// what every vendor may answer (timeouts, unreachable hosts, dry runs).
func AnswerPrefixes(v models.Vendor, code string) []string {
	out := []string{"vendors." + string(v) + "." + code + "."}
	if _, reason, ok := strings.Cut(code, "/"); ok {
		out = append(out, "vendors."+string(v)+".reason."+reason+".")
	}
	return append(out, "vendors.answer.")
}

// CertificateCheck is a certificate's last Test connection message in
// this language. It is stored in English (the API returns it so), made
// by vendors.ProbeCheck and AuthCheck from the vendor's answer: its
// explanation alone, "code: explanation — fix", or "the vendor could not
// be reached: …". Each part a catalogued answer made is read back like a
// delivery's; the rest is said as stored.
func (l *Localizer) CertificateCheck(c models.Certificate) string {
	msg := c.CheckMessage
	if l.Lang() == models.LanguageEnglish {
		return msg
	}
	if code, rest, ok := strings.Cut(msg, ": "); ok && !strings.Contains(code, " ") {
		if explanation, fix, ok := strings.Cut(rest, " — "); ok {
			prefixes := append(AnswerPrefixes(c.Vendor, code), "rest.vendor.")
			return code + l.T("common.colon") + l.Recorded(explanation, prefixes...) + l.T("rest.cert_check.dash") + l.Recorded(fix, prefixes...)
		}
	}
	// An explanation alone does not say its code: any of the vendor's
	// answers may have made it.
	return l.Recorded(msg, "rest.cert_check.", "vendors."+string(c.Vendor)+".", "vendors.answer.", "rest.vendor.")
}

// AlertProblem is models.CertificateAlert.Problem in this language: on
// the admins' banner, the home page and the webhooks' posts.
func (l *Localizer) AlertProblem(a models.CertificateAlert) string {
	if a.Kind == models.AlertCheckFailed {
		return l.Tf("alerts.check_failed", "Message", l.CertificateCheck(a.Certificate))
	}
	on := a.Certificate.ExpiresAt.UTC().Format("2006-01-02 15:04 UTC")
	switch days := int(a.Left / (24 * time.Hour)); {
	case a.Left <= 0:
		return l.Tf("alerts.expired", "On", on)
	case days == 0:
		return l.Tf("alerts.expires_within_day", "On", on)
	default:
		return l.Tn("alerts.expires_in", int64(days), "On", on)
	}
}

// CertificateWarning is one of a certificate's warnings, stored in English
// when the certificate is saved (vendors' PrepareCertificate), in this
// language.
func (l *Localizer) CertificateWarning(w string) string {
	return l.Recorded(w, "certificate.warning.", "rest.vendor.")
}
