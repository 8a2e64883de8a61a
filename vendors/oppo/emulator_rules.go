package oppo

import (
	"encoding/json"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/pushcheck/pushcheck/vendors"
)

// The unicast rules. Fields, values and limits: OPPO's 单推-通知栏消息推送
// and 通知栏消息 references,
// https://open.oppomobile.com/new/developmentDoc/info?id=11238 and
// https://open.oppomobile.com/new/developmentDoc/info?id=11236, with the
// public return codes of 调用地址，公共参数和返回码: 40 a required argument
// missing, 41 an invalid argument, 67 a category or notify_level OPPO does
// not take. Lengths count characters; Chinese, English and emoji count 1.

// refusal is OPPO's code and message.
type refusal struct {
	code int
	msg  string
}

func missing(field string) *refusal { return &refusal{40, "Missing Required Arguments: " + field} }

func invalid(format string, args ...any) *refusal {
	return &refusal{41, "Invalid Arguments: " + fmt.Sprintf(format, args...)}
}

// sent is what the emulator keeps of an accepted unicast.
type sent struct {
	target, callbackURL, callbackParam string
}

func longer(s string, max int) bool { return utf8.RuneCountInString(s) > max }

// validate applies the unicast rules to the message form field.
func validate(message string) (sent, *refusal) {
	var s sent
	if message == "" {
		return s, missing("message")
	}
	m, err := vendors.ParseWire([]byte(message))
	if err != nil {
		return s, &refusal{24, "Invalid Format: message is not a JSON object"}
	}
	targetType, hasType := m.Int("target_type")
	s.target = m.Str("target_value")
	m.Bool("verify_registration_id")
	n := m.Obj("notification")
	title, subTitle, content := n.Str("title"), n.Str("sub_title"), n.Str("content")
	style, _ := n.Int("style")
	bigPicture := n.Str("big_picture_id")
	clickType, _ := n.Int("click_action_type")
	activity, clickURL, params := n.Str("click_action_activity"), n.Str("click_action_url"), n.Str("action_parameters")
	showType, _ := n.Int("show_time_type")
	start, hasStart := n.Int("show_start_time")
	end, hasEnd := n.Int("show_end_time")
	network, _ := n.Int("network_type")
	n.Bool("off_line")
	n.Int("off_line_ttl") // over 10 days is taken as 10 days
	n.Int("notify_id")
	n.Str("channel_id")
	category := n.Str("category")
	notifyLevel, _ := n.Int("notify_level")
	s.callbackURL, s.callbackParam = n.Str("call_back_url"), n.Str("call_back_parameter")
	if bad := m.Bad(); bad != "" {
		return s, invalid("%s", bad)
	}
	switch {
	case !hasType:
		return s, missing("target_type")
	case targetType != 2 && targetType != 5:
		return s, invalid("target_type must be 2 (registration_id) or 5 (alias)")
	case s.target == "":
		return s, missing("target_value")
	case !n.Present():
		return s, missing("notification")
	case title == "":
		return s, missing("title")
	case content == "":
		return s, missing("content")
	case longer(title, maxTitle):
		return s, invalid("title is longer than 50 characters")
	case longer(subTitle, 10):
		return s, invalid("sub_title is longer than 10 characters")
	}
	if r := validateStyle(style, content, bigPicture); r != nil {
		return s, r
	}
	if r := validateClick(clickType, activity, clickURL, params); r != nil {
		return s, r
	}
	switch {
	case showType != 0 && showType != 1:
		return s, invalid("show_time_type must be 0 or 1")
	case showType == 1 && (!hasStart || !hasEnd):
		return s, missing("show_start_time and show_end_time")
	case showType == 1 && start >= end:
		return s, invalid("show_start_time must be before show_end_time")
	case network != 0 && network != 1:
		return s, invalid("network_type must be 0 or 1")
	case longer(s.callbackURL, 200) || longer(s.callbackParam, 100):
		return s, invalid("call_back_url is longer than 200 or call_back_parameter than 100 characters")
	case category != "" && !slices.Contains(categories(), category):
		return s, &refusal{67, "Category Error"}
	case notifyLevel != 0 && (category == "" || !slices.Contains([]int64{1, 2, 16}, notifyLevel)):
		return s, &refusal{67, "notify_level is invalid for this category"}
	}
	return s, nil
}

// validateStyle: 1 standard (content ≤ 50), 2 long text (≤ 128), 3 big
// picture (≤ 50, big_picture_id required). OPPO's older copy of the
// reference (https://www.yimenapp.com/kb-yimen/11080/) allowed 200 for the
// standard style; the current one says 50, which is kept.
func validateStyle(style int64, content, bigPicture string) *refusal {
	switch style {
	case 0, 1:
		if longer(content, maxContent) {
			return invalid("content is longer than 50 characters")
		}
	case 2:
		if longer(content, maxLongContent) {
			return invalid("content is longer than 128 characters for style 2")
		}
	case 3:
		if longer(content, maxContent) {
			return invalid("content is longer than 50 characters")
		}
		if bigPicture == "" {
			return missing("big_picture_id")
		}
	default:
		return invalid("style must be 1, 2 or 3")
	}
	return nil
}

// validateClick: 0 launch the app, 1 an in-app page by action and 4 by
// class name (click_action_activity, ≤ 500), 2 a web page and 5 an
// intent scheme URL (click_action_url, ≤ 2000); action_parameters is a
// JSON object as a string of at most 4000 characters.
func validateClick(typ int64, activity, clickURL, params string) *refusal {
	switch {
	case !slices.Contains([]int64{0, 1, 2, 4, 5}, typ):
		return invalid("click_action_type must be 0, 1, 2, 4 or 5")
	case (typ == 1 || typ == 4) && activity == "":
		return missing("click_action_activity")
	case (typ == 2 || typ == 5) && clickURL == "":
		return missing("click_action_url")
	case longer(activity, 500):
		return invalid("click_action_activity is longer than 500 characters")
	case longer(clickURL, 2000):
		return invalid("click_action_url is longer than 2000 characters")
	case longer(params, maxActionParameters):
		return invalid("action_parameters is longer than 4000 characters")
	}
	if params != "" {
		var obj map[string]any
		if err := json.Unmarshal([]byte(params), &obj); err != nil || obj == nil {
			return invalid("action_parameters must be a JSON object")
		}
	}
	return nil
}
