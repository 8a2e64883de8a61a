package xiaomi

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The regid rules. Fields, values and limits: Mi Push's server API,
// https://dev.mi.com/xiaomihyperos/documentation/detail?pId=1559 (English:
// pId=1696), and its error codes,
// https://dev.mi.com/xiaomihyperos/documentation/detail?pId=1560. Every
// value of the form is a string, so there is no JSON kind to check: a
// number field is refused when its text is not a number (10017).

// refusal is Xiaomi's code and reason.
type refusal struct {
	code   int
	reason string
}

// predefinedExtras are the extra.* keys Xiaomi defines; any other
// extra.<key> is a custom key/value for the app (at most 10).
func predefinedExtras() []string {
	return []string{"sound_uri", "ticker", "notify_foreground", "notify_effect", "intent_uri", "web_uri", "flow_control", "jobkey",
		"callback", "callback.param", "callback.type", "locale", "locale_not_in", "model", "model_not_in", "app_version",
		"app_version_not_in", "connpt", "only_send_once", "channel_id", "channel_name", "channel_description"}
}

// jobkeyPattern(): digits, letters, "_" and "-", at most 12, not starting
// with "_".
func jobkeyPattern() *regexp.Regexp { return regexp.MustCompile(`^[0-9a-zA-Z-][0-9a-zA-Z_-]{0,11}$`) }

// maxSchedule is how far ahead time_to_send may be: seven days.
const maxSchedule = 7 * 24 * time.Hour

// validate applies the regid rules (pkg is the AppSecret's package,
// channels the IDs registered for it) in Xiaomi's order: targets and
// package, required fields, lengths, values, extras.
func validate(f url.Values, pkg string, channels []string, now time.Time) *refusal {
	get := f.Get
	title, desc := get("title"), get("description")
	passThrough := get("pass_through")
	switch {
	case get("registration_id") == "":
		return &refusal{10016, "registration_id is required"}
	case get("restricted_package_name") != "" && !slices.Contains(strings.Split(get("restricted_package_name"), ","), pkg):
		// v3 takes several package names, comma-separated.
		return &refusal{22022, "illegal package name"}
	case passThrough != "" && passThrough != "0" && passThrough != "1":
		return &refusal{10017, "illegal pass_through: 0 notification, 1 pass-through"}
	}
	if passThrough != "1" {
		// A notification message: title and description are required and
		// may not be all white space; title under 50 characters,
		// description under 128, each character counting 1.
		switch {
		case title == "" || desc == "":
			return &refusal{10016, "title and description are required for a notification message"}
		case strings.TrimSpace(title) == "" || strings.TrimSpace(desc) == "":
			return &refusal{10017, "title and description may not be all white space"}
		case utf8.RuneCountInString(title) > maxTitle || utf8.RuneCountInString(desc) > maxDescription:
			return &refusal{65009, "message content too long"}
		}
	}
	if r := validateNumbers(f, now); r != nil {
		return r
	}
	return validateExtras(f, channels)
}

// validateNumbers: notify_type is -1 or an OR of 1 sound, 2 vibrate, 4
// lights; time_to_live, time_to_send (ms, at most 7 days ahead) and
// notify_id are non-negative integers.
func validateNumbers(f url.Values, now time.Time) *refusal {
	if v := f.Get("notify_type"); v != "" {
		if n, err := strconv.Atoi(v); err != nil || n < -1 || n == 0 || n > 7 {
			return &refusal{10017, "illegal notify_type"}
		}
	}
	for _, k := range []string{"time_to_live", "time_to_send", "notify_id"} {
		if v := f.Get(k); v != "" {
			if n, err := strconv.ParseInt(v, 10, 64); err != nil || n < 0 {
				return &refusal{10017, "illegal " + k}
			}
		}
	}
	if v := f.Get("time_to_send"); v != "" {
		if ms, _ := strconv.ParseInt(v, 10, 64); time.UnixMilli(ms).After(now.Add(maxSchedule)) {
			return &refusal{10017, "time_to_send may be at most 7 days ahead"}
		}
	}
	return nil
}

// validateExtras checks the predefined extras' values and counts the
// custom ones.
func validateExtras(f url.Values, channels []string) *refusal {
	get := f.Get
	switch effect := get("extra.notify_effect"); {
	case effect != "" && effect != "1" && effect != "2" && effect != "3":
		return &refusal{10017, "illegal extra.notify_effect: 1 launcher, 2 activity, 3 web page"}
	case effect == "2" && get("extra.intent_uri") == "":
		return &refusal{10016, "extra.intent_uri is required with extra.notify_effect 2"}
	case effect == "3" && get("extra.web_uri") == "":
		return &refusal{10016, "extra.web_uri is required with extra.notify_effect 3"}
	}
	for _, k := range []string{"extra.notify_foreground", "extra.only_send_once"} {
		if v := get(k); v != "" && v != "0" && v != "1" {
			return &refusal{10017, "illegal " + k + ": 0 or 1"}
		}
	}
	switch {
	case get("extra.connpt") != "" && get("extra.connpt") != "wifi":
		return &refusal{10017, "illegal extra.connpt: only wifi"}
	case get("extra.jobkey") != "" && !jobkeyPattern().MatchString(get("extra.jobkey")):
		return &refusal{10017, "illegal extra.jobkey"}
	case len(get("extra.callback.param")) > 64:
		return &refusal{65036, "callback param too long"}
	}
	if cb := get("extra.callback"); cb != "" {
		if u, err := url.Parse(cb); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return &refusal{65038, "illegal callback url"}
		}
	}
	if v := get("extra.callback.type"); v != "" {
		if _, err := strconv.Atoi(v); err != nil {
			return &refusal{10017, "illegal extra.callback.type"}
		}
	}
	if id := get("extra.channel_id"); id != "" && len(channels) > 0 && !slices.Contains(channels, id) {
		return &refusal{27001, "channel info mismatch"}
	}
	custom := 0
	for k, v := range f {
		key, ok := strings.CutPrefix(k, "extra.")
		if !ok || slices.Contains(predefinedExtras(), key) {
			continue
		}
		custom++
		if utf8.RuneCountInString(key) > maxExtraValue || (len(v) > 0 && utf8.RuneCountInString(v[0]) > maxExtraValue) {
			return &refusal{65015, "extra key/value too long"}
		}
	}
	if custom > maxExtras {
		return &refusal{65014, "too many extra key/values"}
	}
	return nil
}
