package honor

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/pushcheck/pushcheck/vendors"
)

// The sendMessage rules. Honor's downlink-message reference
// (https://developer.honor.com/cn/docs/11002, republished in full at
// https://my.oschina.net/u/5873522/blog/10140231) gives the fields, their
// kinds and values; the limits are Huawei's, whose API Honor forked. Honor
// publishes no business-code table: the codes are Huawei's 8xxxxxxx codes,
// which Honor's SDK users report for the same failures. Where an Honor SDK
// in production sends more than the reference describes (an empty
// importance or ttl, addNum 0 beside setNum: github.com/liyouping/pushapi
// honorpush/message.go), the emulator takes it.

// refusal is a business code and its message.
type refusal struct {
	code int
	msg  string
}

func refuse(code int, format string, args ...any) *refusal {
	return &refusal{code: code, msg: fmt.Sprintf(format, args...)}
}

// structure is 80100003, a wrong message structure, naming the field.
func structure(format string, args ...any) *refusal {
	return refuse(80100003, "Incorrect message structure: "+format, args...)
}

// sent is what the emulator keeps of an accepted request.
type sent struct {
	tokens []string
	biTag  string
}

// ttlPattern() is the duration format Honor kept from Huawei ("86400s").
func ttlPattern() *regexp.Regexp { return regexp.MustCompile(`^\d+(\.\d{1,9})?[sS]?$`) }

// validate applies the rules in the order Honor checks them: the
// envelope, the sizes, the field kinds, then each field's values.
func validate(raw []byte) (sent, *refusal) {
	root, err := vendors.ParseWire(raw)
	if err != nil {
		return sent{}, refuse(80100001, "the body is not a JSON object")
	}
	s := sent{tokens: root.Strs("token")}
	if bad := root.Bad(); bad != "" {
		return s, structure("%s", bad)
	}
	tokenBytes := 0
	for _, t := range s.tokens {
		tokenBytes += len(t)
	}
	switch {
	case len(s.tokens) == 0:
		return s, refuse(80100001, "token is required")
	case len(s.tokens) > maxTokens:
		return s, refuse(80300010, "the number of tokens exceeds the limit")
	case len(raw)-tokenBytes > maxBody:
		return s, refuse(80300008, "the message body size exceeds the limit")
	}
	return s, validateMessage(root, &s)
}

// validateMessage reads every documented field first, so that a field of
// the wrong kind is reported before any value rule.
func validateMessage(root vendors.Wire, s *sent) *refusal {
	data := root.Str("data")
	n := root.Obj("notification")
	title, body := n.Str("title"), n.Str("body")
	image := n.Str("image")
	a := root.Obj("android")
	ttl, androidData := a.Str("ttl"), a.Str("data")
	s.biTag = a.Str("biTag")
	userType, hasUserType := a.Int("targetUserType")
	an := a.Obj("notification")
	if t := an.Str("title"); t != "" {
		title = t
	}
	if b := an.Str("body"); b != "" {
		body = b
	}
	importance := an.Str("importance")
	style, _ := an.Int("style")
	bigTitle, bigBody := an.Str("bigTitle"), an.Str("bigBody")
	an.Int("notifyId")
	an.Str("group")
	if i := an.Str("image"); i != "" {
		image = i
	}
	click := an.Obj("clickAction")
	clickType, hasClickType := click.Int("type")
	intent, action, url := click.Str("intent"), click.Str("action"), click.Str("url")
	badge := an.Obj("badge")
	addNum, _ := badge.Int("addNum")
	setNum, hasSet := badge.Int("setNum")
	badgeClass := badge.Str("badgeClass")
	buttons := an.Objs("buttons")
	for _, b := range buttons {
		b.Str("name")
		b.Int("actionType")
	}
	if bad := root.Bad(); bad != "" {
		return structure("%s", bad)
	}

	notification := n.Present() || an.Present()
	switch {
	case !notification && data == "" && androidData == "":
		return structure("the message carries neither a notification nor data")
	case notification && title == "":
		return structure("notification title is required")
	case notification && body == "":
		return structure("notification body is required")
	case notification && !click.Present():
		return structure("clickAction is required for notification messages")
	case click.Present() && (!hasClickType || clickType < 1 || clickType > 3):
		return structure("clickAction type must be 1, 2 or 3")
	case clickType == 1 && intent == "" && action == "":
		return structure("clickAction type 1 needs intent or action")
	case clickType == 2 && url == "":
		return structure("clickAction type 2 needs url")
	case importance != "" && importance != "LOW" && importance != "NORMAL":
		return structure("importance must be LOW or NORMAL")
	case style != 0 && style != 1:
		return structure("style must be 0 or 1")
	case style == 1 && (bigTitle == "" || bigBody == ""):
		return structure("bigTitle and bigBody are required when style is 1")
	case image != "" && !strings.HasPrefix(image, "https://"):
		// "URL使用的协议必须是HTTPS协议", as in Huawei's reference, which
		// Honor's forked.
		return structure("image must be an https URL")
	case ttl != "" && !ttlPattern().MatchString(ttl):
		return structure("ttl must be seconds such as \"86400s\"")
	case hasUserType && userType != 0 && userType != 1:
		return structure("targetUserType must be 0 or 1")
	case badge.Present() && badgeClass == "":
		return structure("badgeClass is required with a badge")
	case addNum != 0 && (addNum < 1 || addNum > maxBadge):
		return structure("badge addNum must be between 1 and 99")
	case hasSet && (setNum < 0 || setNum > maxBadge):
		return structure("badge setNum must be between 0 and 99")
	case len(buttons) > 3:
		return structure("at most 3 buttons")
	}
	for _, b := range buttons {
		if utf8.RuneCountInString(b.Str("name")) > 40 {
			return structure("button name is longer than 40 characters")
		}
	}
	return nil
}
