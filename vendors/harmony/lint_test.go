package harmony

import (
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

func TestLintChecksTheMessageAgainstLimitsAndRights(t *testing.T) {
	add, ttl, duration := 2, 300, 10
	activity := models.ClickAction{Type: "activity", Activity: "com.example.im.Chat"}
	cases := []struct {
		name  string
		msg   vendors.Message
		edit  func(*models.Certificate)
		want  string // code
		level string
	}{
		{"over 4096 bytes", vendors.Message{Title: "t", Desc: strings.Repeat("字", 1400)}, nil, "payload_too_large", models.LevelBlocker},
		{"a call without the call right", vendors.Message{Title: "Alice", Call: &models.CallInvitation{}}, func(c *models.Certificate) { c.Settings.CallRight = false }, "call_no_right", models.LevelBlocker},
		{"a call that lives five minutes", vendors.Message{Title: "Alice", Call: &models.CallInvitation{}, Harmony: models.HarmonyPushOptions{TTLSeconds: &ttl}}, nil, "call_ttl", models.LevelWarning},
		{"a category not granted", vendors.Message{Title: "t", Desc: "d", Harmony: models.HarmonyPushOptions{Category: "FINANCE"}}, nil, "category_not_granted", models.LevelWarning},
		{"the default category not granted", vendors.Message{Title: "t", Desc: "d"}, func(c *models.Certificate) { c.Settings.Categories = nil }, "category_not_granted", models.LevelWarning},
		{"MARKETING", vendors.Message{Title: "t", Desc: "d", Harmony: models.HarmonyPushOptions{Category: "MARKETING"}}, nil, "marketing_class", models.LevelWarning},
		{"no category anywhere", vendors.Message{Title: "t", Desc: "d"}, func(c *models.Certificate) { c.Settings.Category = "" }, "category_missing", models.LevelWarning},
		{"Android's SYSTEM_REMINDER", vendors.Message{Title: "t", Desc: "d", Harmony: models.HarmonyPushOptions{Category: "SYSTEM_REMINDER"}}, nil, "category_unknown", models.LevelBlocker},
		{"PLAY_VOICE", vendors.Message{Title: "t", Desc: "d", Harmony: models.HarmonyPushOptions{Category: "PLAY_VOICE"}}, nil, "category_play_voice", models.LevelBlocker},
		{"test message", vendors.Message{Title: "t", Desc: "d", Harmony: models.HarmonyPushOptions{Test: true}}, nil, "test_message", models.LevelWarning},
		{"an activity click", vendors.Message{Title: "t", Desc: "d", ClickAction: &activity}, nil, "click_needs_skills", models.LevelWarning},
		{"a GIF", vendors.Message{Title: "t", Desc: "d", Image: "https://example.com/a.gif"}, nil, "image_format", models.LevelWarning},
		{"a WEBP", vendors.Message{Title: "t", Desc: "d", Image: "https://example.com/a.webp?x=1"}, nil, "image_format", models.LevelWarning},
		{"an http image", vendors.Message{Title: "t", Desc: "d", Image: "http://example.com/a.png"}, nil, "image_not_https", models.LevelBlocker},
		{"badge and badge_add", vendors.Message{Title: "t", Desc: "d", Badge: ptr(3), Harmony: models.HarmonyPushOptions{BadgeAdd: &add}}, nil, "badge_both", models.LevelWarning},
		{"sound_duration without a sound", vendors.Message{Title: "t", Desc: "d", Harmony: models.HarmonyPushOptions{SoundDuration: &duration}}, nil, "sound_duration_alone", models.LevelWarning},
		{"a background message with a title", vendors.Message{Title: "t", Harmony: models.HarmonyPushOptions{PushType: models.HarmonyBackground}}, nil, "background_silent", models.LevelWarning},
	}
	ch := new(Channel)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := testCert(7)
			if tc.edit != nil {
				tc.edit(&c)
			}
			ws := ch.Lint(tc.msg, c, time.Now())
			found := false
			for _, w := range ws {
				found = found || (w.Code == tc.want && w.Level == tc.level)
			}
			if !found {
				t.Fatalf("want %s/%s, got %v", tc.want, tc.level, ws)
			}
		})
	}
	// What is well set up passes quietly: IM granted, a PNG, a call with the right, a background message.
	for _, msg := range []vendors.Message{
		{Title: "Bob", Desc: "hi", Image: "https://example.com/a.PNG", Badge: ptr(1)},
		{Title: "Alice", Call: &models.CallInvitation{}},
		{Ext: "x", Harmony: models.HarmonyPushOptions{PushType: models.HarmonyBackground}},
	} {
		if ws := ch.Lint(msg, testCert(7), time.Now()); len(ws) != 0 {
			t.Errorf("%+v: %v", msg, ws)
		}
	}
}

func TestClassFollowsTheRights(t *testing.T) {
	ch, c := new(Channel), testCert(7)
	for _, tc := range []struct {
		name string
		msg  vendors.Message
		want models.MessageClass
	}{
		{"IM granted", vendors.Message{}, models.ClassService},
		{"FINANCE not granted", vendors.Message{Harmony: models.HarmonyPushOptions{Category: "FINANCE"}}, models.ClassMarketing},
		{"MARKETING", vendors.Message{Harmony: models.HarmonyPushOptions{Category: "MARKETING"}}, models.ClassMarketing},
		{"test", vendors.Message{Harmony: models.HarmonyPushOptions{Category: "MARKETING", Test: true}}, models.ClassTest},
		{"call", vendors.Message{Call: &models.CallInvitation{}}, models.ClassService},
		{"background", vendors.Message{Harmony: models.HarmonyPushOptions{PushType: models.HarmonyBackground}}, models.ClassService},
	} {
		if got := ch.Class(tc.msg, c); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
	if len(ch.Limits()) == 0 {
		t.Fatal("no limits")
	}
}
