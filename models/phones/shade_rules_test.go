package phones

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

func TestTheVendorsRulesOnTheShade(t *testing.T) {
	noon := time.Date(2026, 11, 30, 4, 0, 0, 0, time.UTC)      // 12:00 Beijing time
	night := time.Date(2026, 11, 30, 16, 30, 0, 0, time.UTC)   // 00:30 Beijing time
	evening := time.Date(2026, 11, 30, 14, 59, 0, 0, time.UTC) // 22:59 Beijing time
	phone := func(v models.Vendor, b models.PhoneBehaviour) models.Phone {
		return models.Phone{Vendor: v, Behaviour: b}
	}
	alert := func(channel string, class models.MessageClass) models.ShadeEntry {
		return models.ShadeEntry{Kind: "alert", Title: "Bob", Body: "hi", ChannelID: channel, Class: class}
	}
	shown := func(e models.ShadeEntry) models.ShadeEntry { e.Outcome = models.ShadeShown; return e }
	times := func(n int, e models.ShadeEntry) []models.ShadeEntry {
		out := make([]models.ShadeEntry, n)
		for i := range out {
			out[i] = shown(e)
		}
		return out
	}
	for _, c := range []struct {
		name  string
		phone models.Phone
		entry models.ShadeEntry
		today []models.ShadeEntry
		now   time.Time
		want  Judgement
	}{
		{"OPPO with a channel", phone(models.VendorOPPO, models.BehaviourHealthy), alert("im", models.ClassService), nil, noon, Judgement{models.ShadeShown, RuleShown}},
		{"OPPO without a channel", phone(models.VendorOPPO, models.BehaviourHealthy), alert("", models.ClassMarketing), nil, noon, Judgement{models.ShadeHidden, RuleOPPONoChannel}},
		{"Xiaomi default channel, first today", phone(models.VendorXiaomi, models.BehaviourHealthy), alert("", models.ClassDefault), nil, noon, Judgement{models.ShadeShown, RuleShown}},
		{"Xiaomi default channel, second today", phone(models.VendorXiaomi, models.BehaviourHealthy), alert("", models.ClassDefault), times(1, alert("", models.ClassDefault)), noon, Judgement{models.ShadeFolded, RuleXiaomiDefaultDaily}},
		{"Xiaomi private channel after a default one", phone(models.VendorXiaomi, models.BehaviourHealthy), alert("im_private", models.ClassService), times(1, alert("", models.ClassDefault)), noon, Judgement{models.ShadeShown, RuleShown}},
		{"vivo operation message at noon", phone(models.VendorVivo, models.BehaviourHealthy), alert("", models.ClassMarketing), nil, noon, Judgement{models.ShadeShown, RuleShown}},
		{"vivo operation message at night", phone(models.VendorVivo, models.BehaviourHealthy), alert("", models.ClassMarketing), nil, night, Judgement{models.ShadeHeld, RuleVivoNight}},
		{"vivo operation message at 22:59", phone(models.VendorVivo, models.BehaviourHealthy), alert("", models.ClassMarketing), nil, evening, Judgement{models.ShadeShown, RuleShown}},
		{"vivo system message at night", phone(models.VendorVivo, models.BehaviourHealthy), alert("", models.ClassService), nil, night, Judgement{models.ShadeShown, RuleShown}},
		{"Meizu third public message", phone(models.VendorMeizu, models.BehaviourHealthy), alert("", models.ClassMarketing), times(2, alert("", models.ClassMarketing)), noon, Judgement{models.ShadeShown, RuleShown}},
		{"Meizu fourth public message", phone(models.VendorMeizu, models.BehaviourHealthy), alert("", models.ClassMarketing), times(3, alert("", models.ClassMarketing)), noon, Judgement{models.ShadeDropped, RuleMeizuPublicCap}},
		{"Meizu private message over the public cap", phone(models.VendorMeizu, models.BehaviourHealthy), alert("", models.ClassService), times(3, alert("", models.ClassMarketing)), noon, Judgement{models.ShadeShown, RuleShown}},
		{"notifications off", phone(models.VendorHuawei, models.BehaviourNotificationsOff), alert("", models.ClassService), nil, noon, Judgement{models.ShadeHidden, RuleNotificationsOff}},
		{"data message with notifications off", phone(models.VendorFCM, models.BehaviourNotificationsOff), models.ShadeEntry{Kind: "data"}, nil, noon, Judgement{models.ShadeToApp, RuleDataMessage}},
		{"data message to a killed app", phone(models.VendorFCM, models.BehaviourAppKilled), models.ShadeEntry{Kind: "data"}, nil, noon, Judgement{models.ShadeNotDelivered, RuleAppKilled}},
		{"offline", phone(models.VendorHonor, models.BehaviourNoReceipt), alert("", models.ClassService), nil, noon, Judgement{models.ShadeNotDelivered, RuleOffline}},
		{"FCM in the foreground", models.Phone{Vendor: models.VendorFCM, Foreground: true}, alert("", models.ClassStandard), nil, noon, Judgement{models.ShadeToApp, RuleForeground}},
		{"Huawei in the foreground", models.Phone{Vendor: models.VendorHuawei, Foreground: true}, alert("", models.ClassService), nil, noon, Judgement{models.ShadeShown, RuleShown}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Judge(c.phone, c.entry, c.today, c.now); got != c.want {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestBehavioursDecideTheAcks(t *testing.T) {
	d := Delays{Receive: 1, Display: 1, Tap: 1, Slow: 100}
	stages := func(acks []ack) []models.Stage {
		var out []models.Stage
		for _, a := range acks {
			out = append(out, a.stage)
		}
		return out
	}
	shown := Judgement{models.ShadeShown, RuleShown}
	for _, c := range []struct {
		b    models.PhoneBehaviour
		j    Judgement
		want []models.Stage
	}{
		{models.BehaviourHealthy, shown, []models.Stage{models.StageReceived, models.StageDisplayed, models.StageClicked}},
		{models.BehaviourNeverTaps, shown, []models.Stage{models.StageReceived, models.StageDisplayed}},
		{models.BehaviourAppKilled, shown, []models.Stage{models.StageClicked}},
		{models.BehaviourNotificationsOff, Judgement{models.ShadeHidden, RuleNotificationsOff}, nil},
		{models.BehaviourNotificationsOff, Judgement{models.ShadeToApp, RuleDataMessage}, []models.Stage{models.StageReceived}},
		{models.BehaviourHealthy, Judgement{models.ShadeHidden, RuleOPPONoChannel}, nil},
	} {
		if got := stages(acksFor(c.b, c.j, d)); !slices.Equal(got, c.want) {
			t.Errorf("%s, %s: acks %v, want %v", c.b, c.j.Rule, got, c.want)
		}
	}
	if slow := acksFor(models.BehaviourSlowReceipt, shown, d); slow[0].delay < 100 {
		t.Errorf("a slow phone acks after %v", slow[0].delay)
	}
}

func TestTokensFollowTheVendorsScripts(t *testing.T) {
	for _, v := range models.AllVendors() {
		token, err := newToken(v, models.BehaviourHealthy)
		if err != nil {
			t.Fatal(err)
		}
		dead := deadToken(v, token)
		if v == models.VendorAPNs {
			if len(token) != 64 || dead[:8] != "deaddead" {
				t.Errorf("APNs tokens: %q → %q", token, dead)
			}
			continue
		}
		if dead == token || dead != deadToken(v, dead) {
			t.Errorf("%s: dead token %q of %q", v, dead, token)
		}
	}
	off, _ := newToken(models.VendorHuawei, models.BehaviourNotificationsOff)
	offline, _ := newToken(models.VendorHonor, models.BehaviourNoReceipt)
	if !strings.Contains(off, "notifoff") || !strings.Contains(offline, "noreceipt") {
		t.Errorf("receipt scripts: %q, %q", off, offline)
	}
}
