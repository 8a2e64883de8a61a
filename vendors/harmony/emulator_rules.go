package harmony

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pushcheck/pushcheck/vendors"
)

// The v3 send API's rules, each answered with Huawei's business code. The
// fields, enums and limits are those of Huawei's request pages,
// https://developer.huawei.com/consumer/cn/doc/harmonyos-references/push-scenariozed-api-request-struct
// and …/push-scenariozed-api-request-param, with the codes of
// …/push-scenariozed-api-response. Huawei does not say which rule it
// checks first, nor which HTTP status comes with each code: the emulator
// answers 400 for the request's faults and 401 for the authorization's.

// refusal is the emulator's answer to a request it refuses.
type refusal struct {
	status int
	code   string
	msg    string
}

// parameter is 80100001, "Check Parameter Error.", for the envelope,
// target and pushOptions.
func parameter(format string, args ...any) *refusal {
	return &refusal{status: http.StatusBadRequest, code: "80100001", msg: "Check Parameter Error. " + fmt.Sprintf(format, args...)}
}

// illegalPayload is 80100003, "Illegal payload, {errorTips}".
func illegalPayload(format string, args ...any) *refusal {
	return &refusal{status: http.StatusBadRequest, code: "80100003", msg: "Illegal payload, " + fmt.Sprintf(format, args...)}
}

// sent is what the emulator keeps of an accepted request.
type sent struct {
	tokens   []string
	test     bool
	biTag    string
	category string // push-type 0
	// refusedAll is a reason Huawei gives every token of the request
	// (a PLAY_VOICE notification outside push-type 2).
	refusedAll string
}

// pushTypes are the push-type header's values: 0 alert, 1 widget, 2
// voice broadcast, 6 background, 7 Live View, 10 in-app call, 11 MDM.
func pushTypes() []int64 { return []int64{0, 1, 2, 6, 7, 10, 11} }

// validate applies the rules to a request: the envelope, the token
// counts and size, pushOptions, then the payload of the push type.
func validate(raw []byte, pushType int64) (sent, *refusal) {
	root, err := vendors.ParseWire(raw)
	if err != nil {
		return sent{}, parameter("the body is not a JSON object")
	}
	if root.Has("message") || root.Has("validate_only") {
		return sent{}, parameter("this is a v1/v2 body ({\"message\":…}); v3 takes payload, target and pushOptions")
	}
	payload, target, opts := root.Obj("payload"), root.Obj("target"), root.Obj("pushOptions")
	s := sent{tokens: target.Strs("token"), biTag: opts.Str("biTag")}
	s.test, _ = opts.Bool("testMessage")
	ttl, hasTTL := opts.Int("ttl")
	collapse, hasCollapse := opts.Int("collapseKey")
	mode, hasMode := opts.Int("backgroundMode")
	opts.Str("receiptId")
	if bad := root.Bad(); bad != "" && !strings.HasPrefix(bad, "payload") {
		return s, parameter("%s", bad)
	}
	tokenBytes := 0
	for _, t := range s.tokens {
		tokenBytes += len(t)
	}
	switch {
	case !payload.Present() && root.Bad() != "":
		return s, illegalPayload("%s", root.Bad())
	case !payload.Present():
		return s, parameter("payload is required")
	case !target.Present():
		return s, parameter("target is required")
	case len(s.tokens) == 0 || len(s.tokens) > maxTokens:
		return s, &refusal{status: http.StatusBadRequest, code: "80300010", msg: fmt.Sprintf("token count should within 1 and %d", maxTokens)}
	case s.test && len(s.tokens) > maxTestTokens:
		return s, &refusal{status: http.StatusBadRequest, code: "80300030", msg: "When send test message, token count exceed limit."}
	case len(raw)-tokenBytes > maxBody:
		return s, &refusal{status: http.StatusBadRequest, code: "80300008", msg: "Push message size is too long."}
	case hasTTL && ttl < 0:
		return s, &refusal{status: http.StatusBadRequest, code: "80100004", msg: "Illegal expire time."}
	case hasTTL && ttl > maxTTL:
		return s, parameter("ttl must be at most %d seconds", maxTTL)
	case len(s.biTag) > maxBiTag:
		return s, parameter("biTag is longer than %d bytes", maxBiTag)
	case hasCollapse && (collapse < -1 || collapse > 100):
		return s, parameter("collapseKey must be between -1 and 100")
	case hasMode && mode != 0 && mode != 1:
		return s, parameter("backgroundMode must be 0 or 1")
	}
	switch pushType {
	case pushTypeAlert:
		return s, validateAlert(payload, &s)
	case pushTypeBackground:
		return s, validateExtraData(payload, true)
	case pushTypeCall:
		return s, validateExtraData(payload, false)
	}
	// Widgets, voice broadcasts, Live View and MDM messages need payloads
	// and rights pushcheck does not build; the sandbox does not take them.
	return s, parameter("the sandbox does not emulate push-type %d", pushType)
}

// validateAlert checks an AlertPayload's notification, reading every
// field first so that a field of the wrong kind is named before any value
// rule.
func validateAlert(p vendors.Wire, s *sent) *refusal {
	n := p.Obj("notification")
	s.category = n.Str("category")
	title, body, image, profileID := n.Str("title"), n.Str("body"), n.Str("image"), n.Str("profileId")
	style, _ := n.Int("style")
	bigTitle, bigBody, inbox := n.Str("bigTitle"), n.Str("bigBody"), n.Strs("inboxContent")
	notifyID, hasNotifyID := n.Int("notifyId")
	click := n.Obj("clickAction")
	actionType, hasType := click.Int("actionType")
	action, uri := click.Str("action"), click.Str("uri")
	click.Obj("data") // an object, not a string as on Android
	badge := n.Obj("badge")
	addNum, hasAdd := badge.Int("addNum")
	setNum, hasSet := badge.Int("setNum")
	n.Str("sound")
	duration, hasDuration := n.Int("soundDuration")
	n.Bool("foregroundShow")
	if bad := p.Bad(); bad != "" {
		return illegalPayload("%s", strings.TrimPrefix(bad, "payload."))
	}
	switch {
	case !n.Present():
		return illegalPayload("notification is required")
	case s.category == "":
		return illegalPayload("category is required")
	case s.category == "PLAY_VOICE":
		s.refusedAll = "notSupportPlayVoice" // voice broadcasts are push-type 2
		return nil
	case !slices.Contains(categories(), s.category):
		return illegalPayload("category %s is invalid", s.category)
	case title == "":
		return illegalPayload("title is required")
	case body == "":
		return illegalPayload("body is required")
	case !click.Present():
		return illegalPayload("clickAction is required")
	case !hasType || (actionType != 0 && actionType != 1):
		// 3 and 5 exist only inside a Live View's extend.
		return illegalPayload("clickAction actionType must be 0 or 1")
	case actionType == 1 && action == "" && uri == "":
		return illegalPayload("clickAction action and uri cannot both be empty when actionType is 1")
	case image != "" && !strings.HasPrefix(image, "https://"):
		return illegalPayload("image must be an https url")
	case hasAdd && addNum != 0 && (addNum < 1 || addNum > maxBadge):
		// addNum 0 is the documented default ("not passed"); SDKs send it.
		return illegalPayload("badge addNum value ranges from 1 to 99")
	case hasSet && (setNum < 0 || setNum > maxBadge):
		return illegalPayload("badge setNum value ranges from 0 to 99")
	case hasDuration && (duration < 1 || duration > 60):
		return illegalPayload("soundDuration value ranges from 1 to 60")
	case hasNotifyID && (notifyID < -1 || notifyID > 2147483647):
		return illegalPayload("notifyId value ranges from -1 to 2147483647")
	case utf8.RuneCountInString(profileID) > 64:
		return illegalPayload("profileId is longer than 64 characters")
	}
	return validateStyle(style, bigTitle, bigBody, inbox)
}

// validateStyle: 0 normal, 1 big text (bigTitle and bigBody required), 3
// inbox (1 to 3 lines of at most 1024 characters).
func validateStyle(style int64, bigTitle, bigBody string, inbox []string) *refusal {
	switch style {
	case 0:
	case 1:
		if bigTitle == "" || bigBody == "" {
			return illegalPayload("bigTitle and bigBody are required when style is 1")
		}
	case 3:
		if len(inbox) == 0 || len(inbox) > 3 {
			return illegalPayload("inboxContent needs 1 to 3 lines when style is 3")
		}
		for _, line := range inbox {
			if utf8.RuneCountInString(line) > 1024 {
				return illegalPayload("an inboxContent line is longer than 1024 characters")
			}
		}
	default:
		return illegalPayload("style must be 0, 1 or 3")
	}
	return nil
}

// validateExtraData checks a background or in-app call payload: extraData
// is a required string; a background message may ask for proxyData
// "ENABLE" (upper case only).
func validateExtraData(p vendors.Wire, background bool) *refusal {
	extra := p.Str("extraData")
	proxy := p.Str("proxyData")
	if bad := p.Bad(); bad != "" {
		return illegalPayload("%s", strings.TrimPrefix(bad, "payload."))
	}
	switch {
	case extra == "":
		return illegalPayload("extraData is required")
	case proxy != "" && (!background || proxy != "ENABLE"):
		return illegalPayload("proxyData must be ENABLE, and only in background messages")
	}
	return nil
}
