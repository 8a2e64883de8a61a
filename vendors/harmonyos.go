package vendors

import (
	"regexp"
	"strconv"
	"strings"
)

// HarmonyOSNext reads the os_version a HarmonyOS phone reported: next is
// true for HarmonyOS NEXT (5.0 and later), which only Push Kit v3 reaches,
// and false for HarmonyOS 2–4, which only Push Kit v1/v2 reach; known is
// false when the text does not tell. The version is the first "major.minor"
// in the text ("5.0.1", "HarmonyOS-5.0.0.115", "ALN-AL00 5.0.0.115(SP8…)")
// or a bare number; 12 and above are API levels of NEXT or Android
// versions of an HMS phone, and are read as unknown rather than condemn
// either.
func HarmonyOSNext(osVersion string) (next, known bool) {
	if strings.Contains(strings.ToLower(osVersion), "next") {
		return true, true
	}
	major := -1
	if m := versionPattern().FindStringSubmatch(osVersion); m != nil {
		major, _ = strconv.Atoi(m[1]) //nolint:errcheck // the pattern matched digits; an overflow stays -1
	} else if n, err := strconv.Atoi(strings.TrimSpace(osVersion)); err == nil {
		major = n
	}
	switch {
	case major >= 5 && major <= 11:
		return true, true
	case major >= 1 && major <= 4:
		return false, true
	}
	return false, false
}

// versionPattern is the first "major.minor" not glued to other digits.
func versionPattern() *regexp.Regexp { return regexp.MustCompile(`(?:^|[^0-9.])(\d{1,3})\.\d+`) }
