package models_test

import (
	"testing"
	"unicode/utf8"

	"github.com/pushcheck/pushcheck/models"
)

// FuzzMaskToken: a token of up to 12 bytes is shown whole; a longer one
// as at most its first 6 bytes, "…", and at most its last 4, nothing of
// its middle; whole characters only, so a valid token gives a valid mask.
func FuzzMaskToken(f *testing.F) {
	for _, token := range []string{
		// Tokens as the vendors issue them (models/demo/demo_devices.go).
		"4f2a9c1e4f2a9c1e4f2a9c1e4f2a9c1e4f2a9c1e4f2a9c1e4f2a9c1e4f2a9c1e",
		"dX3kP9fQ:APA91bH-alice-pixel-8-token-k9",
		"IQAAAACy0bob-mate60-huawei-token",
		"mi:frank/Redmi-Note-13-token",
		"CN_8d3f1a2b4c5d6e7f8091a2b3c4d5e602",
		"vivo-kate-s19-regid",
		"meizu-dave-21-pushid",
		"short-token",
		"exactly-12by",
		// Found by FuzzDeviceRegistration: a token the API accepts, cut
		// through its characters ("令牌…\xa4牌").
		"令牌-frank-Redmi-Note-13-令牌",
		"abcde😀fghijklmn😀",
		"",
	} {
		f.Add(token)
	}
	f.Fuzz(func(t *testing.T, token string) {
		mask := models.MaskToken(token)
		if len(token) <= 12 {
			if mask != token {
				t.Fatalf("short token %q masked as %q", token, mask)
			}
			return
		}
		if utf8.ValidString(token) && !utf8.ValidString(mask) {
			t.Fatalf("mask %q of %q is not valid UTF-8", mask, token)
		}
		for head := 0; head <= 6; head++ {
			for tail := 0; tail <= 4; tail++ {
				if mask == token[:head]+"…"+token[len(token)-tail:] {
					if utf8.ValidString(token) && (head < 3 || tail < 1) {
						t.Fatalf("mask %q shows too little of %q to recognise it", mask, token)
					}
					return
				}
			}
		}
		t.Fatalf("mask %q is not at most 6 bytes of %q, an ellipsis and at most its last 4", mask, token)
	})
}
