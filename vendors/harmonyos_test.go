package vendors

import "testing"

func TestHarmonyOSNextReadsReportedVersions(t *testing.T) {
	for _, tc := range []struct {
		os          string
		next, known bool
	}{
		{"5.0.1", true, true},
		{"HarmonyOS-5.0.0.115", true, true},
		{"OpenHarmony-6.0.0.47", true, true},
		{"ALN-AL00 5.0.0.115(SP8C00E115R4P3)", true, true},
		{"HarmonyOS NEXT", true, true},
		{"5", true, true},
		{"HarmonyOS 4.2.0", false, true},
		{"4.2", false, true},
		{"3", false, true},
		{"12", false, false}, // API 12 of NEXT, or Android 12 of an HMS phone
		{"", false, false},
		{"unknown", false, false},
	} {
		if next, known := HarmonyOSNext(tc.os); next != tc.next || known != tc.known {
			t.Errorf("%q: next %v known %v, want %v %v", tc.os, next, known, tc.next, tc.known)
		}
	}
}
