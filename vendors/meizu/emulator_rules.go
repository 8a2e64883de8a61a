package meizu

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pushcheck/pushcheck/vendors"
)

// The pushByPushId (notification) rules. Fields, values and limits:
// Meizu's HTTP API reference, https://github.com/MEIZUPUSH/PushAPI
// (README.md, "pushId推送接口（通知栏消息）"), with its codes: 110004 a
// required parameter empty, 1005 a parameter error. Lengths are in
// characters unless the reference says bytes.

// refusal is Meizu's code and message.
type refusal struct {
	code, msg string
}

func empty(field string) *refusal { return &refusal{"110004", field + "不能为空"} }

func paramError(format string, args ...any) *refusal {
	return &refusal{"1005", "参数错误: " + fmt.Sprintf(format, args...)}
}

// sent is what the emulator keeps of an accepted push.
type sent struct {
	noticeMsgType           int64
	callback, callbackParam string
}

// notifyKeyPattern() is a notifyKey: up to 8 letters, digits, _ or -.
func notifyKeyPattern() *regexp.Regexp { return regexp.MustCompile(`^[0-9a-zA-Z_-]{1,8}$`) }

// displayTime is the fixed-display times' format, yyyy-MM-dd HH:mm:ss.
const displayTime = "2006-01-02 15:04:05"

// oneOf reports whether a field that is there has one of the values.
func oneOf(v int64, has bool, values ...int64) bool { return !has || slices.Contains(values, v) }

// validate applies the rules to pushIds and messageJson.
func validate(pushIDs []string, messageJSON string) (sent, *refusal) {
	var s sent
	switch {
	case len(pushIDs) > maxPushIDs:
		return s, paramError("pushIds超过%d个", maxPushIDs)
	case slices.Contains(pushIDs, ""):
		return s, empty("pushIds")
	}
	m, err := vendors.ParseWire([]byte(messageJSON))
	if err != nil {
		return s, paramError("messageJson不是JSON对象")
	}
	bar := m.Obj("noticeBarInfo")
	msgType, hasMsgType := bar.Int("noticeMsgType")
	barType, hasBarType := bar.Int("noticeBarType")
	title, content := bar.Str("title"), bar.Str("content")
	expand := m.Obj("noticeExpandInfo")
	expandType, _ := expand.Int("noticeExpandType")
	expandContent, expandImage := expand.Str("noticeExpandContent"), expand.Str("noticeExpandImgUrl")
	click := m.Obj("clickTypeInfo")
	clickType, _ := click.Int("clickType")
	clickURL, activity, custom := click.Str("url"), click.Str("activity"), click.Str("customAttribute")
	click.Obj("parameters")
	timeInfo := m.Obj("pushTimeInfo")
	offLine, hasOffLine := timeInfo.Int("offLine")
	validTime, hasValidTime := timeInfo.Int("validTime")
	extra := m.StrMap("extra")
	if bad := m.Bad(); bad != "" {
		return s, paramError("%s", bad)
	}
	s.noticeMsgType = msgType
	switch {
	case !bar.Present():
		return s, empty("noticeBarInfo")
	case title == "":
		return s, empty("title")
	case content == "":
		return s, empty("content")
	case utf8.RuneCountInString(title) > maxTitle:
		return s, paramError("title长度应为1-32")
	case utf8.RuneCountInString(content) > maxContent:
		return s, paramError("content长度应为1-100")
	case !oneOf(msgType, hasMsgType, 0, 1):
		return s, paramError("noticeMsgType应为0(公信)或1(私信)")
	case !oneOf(barType, hasBarType, 0, 2):
		return s, paramError("noticeBarType应为0或2")
	case expandType < 0 || expandType > 2:
		return s, paramError("noticeExpandType应为0、1或2")
	case expandType == 1 && expandContent == "":
		return s, empty("noticeExpandContent")
	case expandType == 2 && expandImage == "":
		return s, empty("noticeExpandImgUrl")
	case clickType < 0 || clickType > 3:
		return s, paramError("clickType应为0-3")
	case clickType == 1 && activity == "":
		return s, empty("activity")
	case clickType == 2 && clickURL == "":
		return s, empty("url")
	case clickType == 3 && custom == "":
		return s, empty("customAttribute")
	case len(custom) > 1000:
		return s, paramError("customAttribute超过1000字节")
	case !oneOf(offLine, hasOffLine, 0, 1):
		return s, paramError("offLine应为0或1")
	case hasValidTime && (validTime < 1 || validTime > 72):
		// validTime defaults to 24 when left out.
		return s, paramError("validTime应为1-72小时")
	}
	if r := validateAdvance(m.Obj("advanceInfo")); r != nil {
		return s, r
	}
	return s, validateExtra(extra, &s)
}

// validateAdvance: the switches are 0 or 1; a fixed display needs its
// start and end times; notifyKey is up to 8 of [0-9a-zA-Z_-].
func validateAdvance(a vendors.Wire) *refusal {
	var switches []int64
	for _, k := range []string{"suspend", "clearNoticeBar", "fixDisplay"} {
		v, has := a.Int(k)
		if !oneOf(v, has, 0, 1) {
			return paramError("%s应为0或1", k)
		}
		switches = append(switches, v)
	}
	kinds := a.Obj("notificationType")
	for _, k := range []string{"vibrate", "lights", "sound"} {
		if v, has := kinds.Int(k); !oneOf(v, has, 0, 1) {
			return paramError("notificationType.%s应为0或1", k)
		}
	}
	start, end, key := a.Str("fixStartDisplayTime"), a.Str("fixEndDisplayTime"), a.Str("notifyKey")
	if bad := a.Bad(); bad != "" {
		return paramError("%s", bad)
	}
	if switches[2] == 1 {
		from, err1 := time.Parse(displayTime, start)
		to, err2 := time.Parse(displayTime, end)
		switch {
		case start == "" || end == "":
			return empty("fixStartDisplayTime和fixEndDisplayTime")
		case err1 != nil || err2 != nil || !from.Before(to):
			return paramError("定时展示时间应为yyyy-MM-dd HH:mm:ss, 开始早于结束")
		}
	}
	if key != "" && !notifyKeyPattern().MatchString(key) {
		return paramError("notifyKey由数字、字母、下划线和中划线组成, 不超过8个字符")
	}
	return nil
}

// validateExtra: callback (required in extra, ≤ 128 bytes), callback.param
// (≤ 64 bytes) and callback.type (1 arrived, 2 clicked, 3 both).
func validateExtra(extra map[string]string, s *sent) *refusal {
	if extra == nil {
		return nil
	}
	s.callback, s.callbackParam = extra["callback"], extra["callback.param"]
	typ := strings.TrimSpace(extra["callback.type"])
	switch {
	case s.callback == "":
		return empty("callback")
	case len(s.callback) > 128:
		return paramError("callback超过128字节")
	case len(s.callbackParam) > 64:
		return paramError("callback.param超过64字节")
	case typ != "" && typ != "1" && typ != "2" && typ != "3":
		return paramError("callback.type应为1、2或3")
	}
	return nil
}
