package huawei

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pushcheck/pushcheck/vendors"
)

// The send API's rules, each answered with Huawei's business code. The
// field list, the enum values and the limits are those of Huawei's send
// API reference,
// https://developer.huawei.com/consumer/cn/doc/HMSCore-References/https-send-api-0000001050986197
// (Message, AndroidConfig, AndroidNotification, ClickAction, BadgeNotification
// and the error-code table), cross-checked with Huawei's own server SDK,
// https://github.com/HMS-Core/hms-push-serverdemo-go (push/verify).

// refusal is the emulator's answer to a request it refuses.
type refusal struct {
	status int
	code   string
	msg    string
}

func badRequest(code, format string, args ...any) *refusal {
	return &refusal{status: http.StatusBadRequest, code: code, msg: fmt.Sprintf(format, args...)}
}

// structure is 80100003, "Incorrect message structure", which names the
// field in msg.
func structure(format string, args ...any) *refusal {
	return badRequest("80100003", "Incorrect message structure: "+format, args...)
}

// sent is what the emulator keeps of an accepted request.
type sent struct {
	validateOnly bool
	tokens       []string // empty for topic and condition messages
	biTag        string
}

// ttlPattern() is Huawei's duration format: seconds, optionally with up
// to nine decimals and an "s" ("86400s", "3.5").
func ttlPattern() *regexp.Regexp { return regexp.MustCompile(`^\d+(\.\d{1,9})?[sS]?$`) }

// colorPattern() is #RRGGBB.
func colorPattern() *regexp.Regexp { return regexp.MustCompile(`^#[0-9a-fA-F]{6}$`) }

// importances are android.notification.importance's values. The 2025
// reference and Huawei's server SDKs list HIGH beside NORMAL and LOW
// (the 2023 classification only describes LOW and NORMAL); HIGH is
// accepted, as Huawei takes it.
func importances() []string { return []string{"LOW", "NORMAL", "HIGH"} }

// visibilities are android.notification.visibility's values.
func visibilities() []string {
	return []string{"VISIBILITY_UNSPECIFIED", "PRIVATE", "PUBLIC", "SECRET"}
}

// validate applies the send API's rules to a request body, in the order
// Huawei checks them: the envelope, the sizes, the field kinds, then each
// field's values.
func validate(raw []byte) (sent, *refusal) {
	root, err := vendors.ParseWire(raw)
	if err != nil {
		return sent{}, badRequest("80100001", "Some request parameters are incorrect: the body is not a JSON object")
	}
	var s sent
	s.validateOnly, _ = root.Bool("validate_only")
	m := root.Obj("message")
	if !m.Present() {
		return s, badRequest("80100001", "Some request parameters are incorrect: message is required")
	}
	s.tokens = m.Strs("token")
	topic, condition := m.Str("topic"), m.Str("condition")
	if bad := root.Bad(); bad != "" {
		return s, structure("%s", bad)
	}
	targets := 0
	for _, set := range []bool{len(s.tokens) > 0, topic != "", condition != ""} {
		if set {
			targets++
		}
	}
	tokenBytes := 0
	for _, t := range s.tokens {
		tokenBytes += len(t)
	}
	switch {
	case targets != 1:
		return s, badRequest("80100001", "Some request parameters are incorrect: exactly one of token, topic and condition is required")
	case len(s.tokens) > maxTokens:
		return s, badRequest("80300010", "The number of tokens in the message body exceeds the default value")
	case len(raw)-tokenBytes > maxBody:
		return s, badRequest("80300008", "The message body size exceeds the default value")
	}
	if r := validateMessage(m, &s); r != nil {
		return s, r
	}
	return s, nil
}

// validateMessage reads every documented field first, so that a field of
// the wrong kind is reported before any value rule.
func validateMessage(m vendors.Wire, s *sent) *refusal {
	data := m.Str("data")
	n := m.Obj("notification")
	title, body, image := n.Str("title"), n.Str("body"), n.Str("image")
	a := m.Obj("android")
	collapse, hasCollapse := a.Int("collapse_key")
	urgency, category, ttl, androidData := a.Str("urgency"), a.Str("category"), a.Str("ttl"), a.Str("data")
	s.biTag = a.Str("bi_tag")
	userType, hasUserType := a.Int("target_user_type")
	an := a.Obj("notification")
	if t := an.Str("title"); t != "" {
		title = t
	}
	if b := an.Str("body"); b != "" {
		body = b
	}
	if i := an.Str("image"); i != "" {
		image = i
	}
	titleKey, bodyKey := an.Str("title_loc_key"), an.Str("body_loc_key")
	an.Str("group")
	importance, visibility, color, profileID := an.Str("importance"), an.Str("visibility"), an.Str("color"), an.Str("profile_id")
	style, _ := an.Int("style")
	bigTitle, bigBody, inbox := an.Str("big_title"), an.Str("big_body"), an.Strs("inbox_content")
	an.Bool("default_sound")
	an.Bool("foreground_show")
	click := an.Obj("click_action")
	clickType, hasClickType := click.Int("type")
	intent, action, url, rich := click.Str("intent"), click.Str("action"), click.Str("url"), click.Str("rich_resource")
	badge := an.Obj("badge")
	addNum, hasAdd := badge.Int("add_num")
	setNum, hasSet := badge.Int("set_num")
	badgeClass := badge.Str("class")
	buttons := an.Objs("buttons")
	var buttonNames []string
	for _, b := range buttons {
		buttonNames = append(buttonNames, b.Str("name"))
	}
	if bad := m.Bad(); bad != "" {
		return structure("%s", bad)
	}

	notification := n.Present() || an.Present()
	switch {
	case !notification && data == "" && androidData == "":
		return structure("the message carries neither a notification nor data")
	case notification && title == "" && titleKey == "":
		return structure("notification title is required")
	case notification && body == "" && bodyKey == "":
		return structure("notification body is required")
	case notification && !click.Present():
		return structure("click_action is required for notification messages")
	case hasCollapse && (collapse < -1 || collapse > 100):
		return badRequest("80100013", "collapse_key is invalid: it must be between -1 and 100")
	case urgency != "" && urgency != "HIGH" && urgency != "NORMAL":
		return structure("urgency must be HIGH or NORMAL")
	case category != "" && !slices.Contains(categories(), category):
		return structure("illegal category %s", category)
	case ttl != "" && !ttlPattern().MatchString(ttl):
		return structure("ttl must be seconds such as \"86400s\"")
	case hasUserType && userType != 0 && userType != 1:
		return structure("target_user_type must be 0 or 1")
	case importance != "" && !slices.Contains(importances(), importance):
		return structure("importance must be LOW, NORMAL or HIGH")
	case visibility != "" && !slices.Contains(visibilities(), visibility):
		return structure("visibility must be VISIBILITY_UNSPECIFIED, PRIVATE, PUBLIC or SECRET")
	case color != "" && !colorPattern().MatchString(color):
		return structure("color must be in the form #RRGGBB")
	case image != "" && !strings.HasPrefix(image, "https://"):
		return structure("image must be an https URL")
	case utf8.RuneCountInString(profileID) > 64:
		return structure("profile_id is longer than 64 characters")
	}
	if r := validateStyle(style, bigTitle, bigBody, inbox); r != nil {
		return r
	}
	if click.Present() {
		if r := validateClick(clickType, hasClickType, intent, action, url, rich); r != nil {
			return r
		}
	}
	if badge.Present() {
		switch {
		case badgeClass == "":
			return structure("badge class is required")
		case hasAdd && addNum != 0 && (addNum < 1 || addNum > maxBadge):
			// add_num 0 is how SDKs leave it unset; it is taken.
			return structure("badge add_num must be between 1 and 99")
		case hasSet && (setNum < 0 || setNum > maxBadge):
			return structure("badge set_num must be between 0 and 99")
		}
	}
	if len(buttons) > 3 {
		return structure("at most 3 buttons")
	}
	for _, name := range buttonNames {
		if utf8.RuneCountInString(name) > 40 {
			return structure("button name is longer than 40 characters")
		}
	}
	return nil
}

// validateStyle: 0 default, 1 big text (big_title and big_body required),
// 3 inbox (1-5 lines of at most 1024). Huawei's server SDK also takes 2
// (big picture, withdrawn from the reference); it is accepted.
func validateStyle(style int64, bigTitle, bigBody string, inbox []string) *refusal {
	switch style {
	case 0, 2:
	case 1:
		if bigTitle == "" || bigBody == "" {
			return structure("big_title and big_body are required when style is 1")
		}
	case 3:
		if len(inbox) == 0 || len(inbox) > 5 {
			return structure("inbox_content needs 1 to 5 lines when style is 3")
		}
		for _, line := range inbox {
			if utf8.RuneCountInString(line) > 1024 {
				return structure("an inbox_content line is longer than 1024 characters")
			}
		}
	default:
		return structure("style must be 0, 1 or 3")
	}
	return nil
}

// validateClick: type 1 opens a page by intent or action (one of them
// required), 2 an https URL, 3 the app, 4 rich media (rich_resource; only
// in Huawei's SDKs now, still taken).
func validateClick(typ int64, has bool, intent, action, url, rich string) *refusal {
	switch {
	case !has || typ < 1 || typ > 4:
		return structure("click_action type must be 1, 2, 3 or 4")
	case typ == 1 && intent == "" && action == "":
		return structure("click_action type 1 needs intent or action")
	case typ == 2 && url == "":
		return structure("click_action type 2 needs url")
	case typ == 2 && !strings.HasPrefix(url, "https://"):
		return structure("click_action url must be an https URL")
	case typ == 4 && rich == "":
		return structure("click_action type 4 needs rich_resource")
	}
	return nil
}
