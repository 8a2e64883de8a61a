package views

import (
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// The summary names the failing devices by their causes in the page's
// language, counts the rest, and notes a warning when nothing fails; a
// check stored without texts keeps its English cause.
func TestSummaryNamesDevicesInThePagesLanguage(t *testing.T) {
	zh, en := languageContext(t, models.LanguageChinese), languageContext(t, models.LanguageEnglish)
	in := models.DiagnosisInput{Device: models.Device{Vendor: models.VendorOPPO, State: models.StateLoggedOut}, Now: time.Now()}
	failing := func(name string) models.DeviceVerdict {
		return models.DeviceVerdict{Name: name, Checks: models.DeviceChecks(in)}
	}
	old := failing("OPPO old")
	for i := range old.Checks {
		old.Checks[i].Texts = nil
	}
	v := models.NewVerdict(1, "u", time.Now(), models.MissedMessage{}, []models.DeviceVerdict{failing("OPPO A"), old, failing("OPPO C"), failing("OPPO D")})
	for _, c := range []struct{ got, want string }{
		{verdictSummary(zh, v), "4 台设备中 0 台可收到离线推送；OPPO A 未上报推送 Token；OPPO old reported no push token；另有 2 台"},
		{verdictSummary(en, v), "0 of 4 devices can receive offline push; the OPPO A reported no push token; the OPPO old reported no push token; 2 more"},
	} {
		if c.got != c.want {
			t.Errorf("got  %q\nwant %q", c.got, c.want)
		}
	}
	yes := true
	warned := models.DiagnosisInput{Device: models.Device{Vendor: models.VendorOPPO, Token: "t", State: models.StateBackground, NotificationsEnabled: &yes}, Now: time.Now()}
	checks := []models.Check{}
	for _, c := range models.DeviceChecks(warned) {
		if c.Status != models.CheckFail {
			checks = append(checks, c)
		}
	}
	checks = append(checks, models.Warn("x", "X", "e", "f", "c"))
	w := models.NewVerdict(1, "u", time.Now(), models.MissedMessage{}, []models.DeviceVerdict{{Name: "OPPO B", Receives: true, Checks: checks}})
	if got, want := verdictSummary(zh, w), "唯一的设备可以收到离线推送；注意：OPPO B c"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
