package models_test

import (
	"encoding/json"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// Each new field's shape is refused with the field named, and good values
// pass through unchanged.
func TestRichCallWebAndHarmonyFieldsAreChecked(t *testing.T) {
	n := func(i int) *int { return &i }
	base := func() models.PushRequest {
		return models.PushRequest{Target: models.PushTarget{UserID: "qa"}, Title: "Bob", Desc: "hi"}
	}
	bad := []struct {
		field string
		edit  func(*models.PushRequest)
	}{
		{"image", func(r *models.PushRequest) { r.Image = "http://cdn.example.com/a.png" }},
		{"image", func(r *models.PushRequest) { r.Image = "photo.png" }},
		{"apns.interruption_level", func(r *models.PushRequest) { r.APNs = &models.APNsPushOptions{InterruptionLevel: "urgent"} }},
		{"fcm.web.link", func(r *models.PushRequest) {
			r.FCM = &models.FCMPushOptions{Web: &models.FCMWebOptions{Link: "javascript:alert(1)"}}
		}},
		{"fcm.web.urgency", func(r *models.PushRequest) {
			r.FCM = &models.FCMPushOptions{Web: &models.FCMWebOptions{Urgency: "asap"}}
		}},
		{"harmony.push_type", func(r *models.PushRequest) { r.Harmony = &models.HarmonyPushOptions{PushType: "widget"} }},
		{"harmony.push_type", func(r *models.PushRequest) { r.Harmony = &models.HarmonyPushOptions{PushType: "0"} }},
		{"harmony.badge_add", func(r *models.PushRequest) { r.Harmony = &models.HarmonyPushOptions{BadgeAdd: n(100)} }},
		{"harmony.sound_duration", func(r *models.PushRequest) { r.Harmony = &models.HarmonyPushOptions{SoundDuration: n(61)} }},
		{"harmony.ttl_seconds", func(r *models.PushRequest) { r.Harmony = &models.HarmonyPushOptions{TTLSeconds: n(1_296_001)} }},
		{"harmony.click_action", func(r *models.PushRequest) { r.Harmony = &models.HarmonyPushOptions{Click: &models.HarmonyClick{}} }},
		{"harmony.click_action.data", func(r *models.PushRequest) {
			r.Harmony = &models.HarmonyPushOptions{Click: &models.HarmonyClick{URI: "im://chat", Data: json.RawMessage(`["a"]`)}}
		}},
		{"harmony.category", func(r *models.PushRequest) { r.Harmony = &models.HarmonyPushOptions{Category: "im"} }},
	}
	for _, c := range bad {
		r := base()
		c.edit(&r)
		_, err := r.Normalize("op")
		if fieldOf(err) != c.field {
			t.Errorf("%s: got %v", c.field, err)
		}
	}
	good := base()
	good.Image = "https://cdn.example.com/a.png"
	good.Call = &models.CallInvitation{Caller: "Bob", Video: true}
	good.APNs = &models.APNsPushOptions{InterruptionLevel: "time-sensitive", ThreadID: "c2c_bob"}
	good.FCM = &models.FCMPushOptions{Web: &models.FCMWebOptions{Link: "https://im.example.com/chat", Urgency: "high", TTLSeconds: n(60)}}
	good.Harmony = &models.HarmonyPushOptions{PushType: models.HarmonyCall, Category: "VOIP", BadgeAdd: n(1),
		Click: &models.HarmonyClick{URI: "im://chat/bob", Data: json.RawMessage(`{"chat":"bob"}`)}}
	out, err := good.Normalize("op")
	if err != nil {
		t.Fatal(err)
	}
	m := out.Message()
	if m.Image != good.Image || m.Call == nil || !m.Call.Video || m.Harmony.PushType != models.HarmonyCall || m.APNs.ThreadID != "c2c_bob" {
		t.Errorf("message lost fields: %+v", m)
	}
	// The stored message replays as the same request.
	if back := models.RequestOf(models.Push{Message: m}); back.Image != good.Image || back.Call == nil || back.Harmony == nil {
		t.Errorf("replay lost fields: %+v", back)
	}
}

func TestVoIPTokenIsAnIOSPushKitToken(t *testing.T) {
	reg := func(p models.Platform, v models.Vendor, token, voip string) models.Registration {
		return models.Registration{UserID: "qa", Platform: p, Vendor: v, Token: token, VoIPToken: voip}
	}
	hex := "AB0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"
	r, err := reg(models.PlatformIOS, models.VendorAPNs, "cd"+hex[2:], hex).Normalize()
	if err != nil || r.VoIPToken != "ab0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd" {
		t.Fatalf("a hex VoIP token is kept, lower-cased: %q %v", r.VoIPToken, err)
	}
	for _, c := range []models.Registration{
		reg(models.PlatformAndroid, models.VendorFCM, "fcm-token", hex),
		reg(models.PlatformIOS, models.VendorAPNs, "cd"+hex[2:], "<ab cd>"),
	} {
		if _, err := c.Normalize(); fieldOf(err) != "voip_token" {
			t.Errorf("%+v: %v", c, err)
		}
	}
	if _, err := reg(models.PlatformHarmony, models.VendorHarmony, "MAAALgE4G98", "").Normalize(); err != nil {
		t.Errorf("a HarmonyOS NEXT device registers with vendor harmony: %v", err)
	}
	if _, err := reg(models.PlatformAndroid, models.VendorHarmony, "MAAALgE4G98", "").Normalize(); fieldOf(err) != "vendor" {
		t.Errorf("Push Kit v3 reaches only HarmonyOS NEXT: %v", err)
	}
}

func fieldOf(err error) string {
	if e, ok := err.(*models.Error); ok {
		return e.Field
	}
	return ""
}
