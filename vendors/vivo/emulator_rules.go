package vivo

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/pushcheck/pushcheck/vendors"
)

// The single-send rules. Fields, values and limits: vivo's server API
// 2.9.2 (mirrored at https://www.yimenapp.com/kb-yimen/12123/ and
// https://app.applebyme.cn/cloud/appshangjia/2017.html) and its 2025
// revision, https://dev.vivo.com.cn/documentCenter/doc/362. vivo publishes
// no full result table: 10094, 10096, 10097 and 10104 are documented;
// 10001 ("请求参数不合法") stands for every other parameter refusal and
// 10085 for a title or content over its length, as production clients
// report; desc names the field either way.

// refusal is vivo's result and desc.
type refusal struct {
	result int
	desc   string
}

func invalid(format string, args ...any) *refusal {
	return &refusal{10001, fmt.Sprintf(format, args...)}
}

// sent is what the emulator keeps of an accepted send.
type sent struct {
	appID, regID, requestID string
	pushMode                int64
	callback, callbackParam string
}

// textLength counts title and content as vivo does: a Chinese character
// is two, any other character (English, digits, an emoji) one. Only Han
// characters count double, so Chinese punctuation, which the reference
// does not mention, is taken at one.
func textLength(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// validate applies the single-send rules; tokenApp is the appId the
// authToken was issued to.
func validate(raw []byte, tokenApp string) (sent, *refusal) {
	var s sent
	m, err := vendors.ParseWire(raw)
	if err != nil {
		return s, invalid("请求参数不合法: the body is not a JSON object")
	}
	// appId is an int in the reference; vivo also takes it as a string,
	// as production SDKs send it (github.com/modood/pushapi vivopush).
	s.appID = m.Str("appId")
	s.regID = m.Str("regId")
	alias := m.Str("alias")
	notifyType, hasNotifyType := m.Int("notifyType")
	title, content := m.Str("title"), m.Str("content")
	ttl, hasTTL := m.Int("timeToLive")
	skipType, hasSkipType := m.Int("skipType")
	skipContent := m.Str("skipContent")
	network, hasNetwork := m.Int("networkType")
	classification, hasClass := m.Int("classification")
	category := m.Str("category")
	custom := m.StrMap("clientCustomMap")
	extra := m.StrMap("extra")
	s.requestID = m.Str("requestId")
	s.pushMode, _ = m.Int("pushMode")
	notifyID, hasNotifyID := m.Int("notifyId")
	profileID := m.Str("profileId")
	m.Bool("sendOnline")
	m.Bool("foregroundShow")
	if bad := m.Bad(); bad != "" {
		return s, invalid("%s", bad)
	}
	switch {
	case s.appID == "":
		return s, invalid("appId不能为空")
	case s.appID != tokenApp:
		return s, &refusal{10094, "appId与authToken不匹配"}
	case s.regID == "" && alias == "":
		return s, invalid("regId和alias不能同时为空")
	case len([]rune(alias)) > 70:
		return s, invalid("alias不合法: longer than 70 characters")
	case !hasNotifyType || notifyType < 1 || notifyType > 4:
		return s, invalid("notifyType不合法: 1 none, 2 ring, 3 vibrate, 4 both")
	case title == "" || content == "":
		return s, invalid("title和content不能为空")
	case textLength(title) > maxTitle || textLength(content) > maxContent:
		return s, &refusal{10085, "标题或内容超过长度限制"}
	case s.pushMode == 0 && (strings.Contains(title, "测试") || strings.Contains(content, "测试")):
		return s, &refusal{10104, "正式消息标题或内容不能包含测试"}
	case hasTTL && (ttl < minTTL || ttl > maxTTL):
		return s, invalid("timeToLive不合法: 60 seconds to 7 days")
	}
	if r := validateSkip(skipType, hasSkipType, skipContent); r != nil {
		return s, r
	}
	switch {
	case hasNetwork && network != -1 && network != 1:
		return s, invalid("networkType不合法: -1 any, 1 wifi")
	case hasClass && classification != 0 && classification != 1:
		return s, invalid("classification不合法: 0 operation, 1 system")
	case category != "" && !slices.Contains(systemCategories(), category) && !slices.Contains(operationCategories(), category):
		return s, &refusal{10096, "category不合法"}
	case hasClass && category != "" && (classification == 1) != slices.Contains(systemCategories(), category):
		return s, &refusal{10097, "category与classification不匹配"}
	case s.requestID == "":
		return s, invalid("requestId不能为空")
	case len([]rune(s.requestID)) > maxRequestID:
		return s, invalid("requestId不合法: longer than 64 characters")
	case s.pushMode != 0 && s.pushMode != 1:
		return s, invalid("pushMode不合法: 0 formal, 1 test")
	case hasNotifyID && (notifyID < 1 || notifyID > 2147483647):
		return s, invalid("notifyId不合法: 1 to 2147483647")
	case len([]rune(profileID)) > 64:
		return s, invalid("profileId不合法: longer than 64 characters")
	}
	if r := validateMaps(custom, extra, &s); r != nil {
		return s, r
	}
	return s, nil
}

// validateSkip: 1 opens the app; 2 a link (skipContent ≤ 1000); 3 custom
// and 4 an in-app page by intent URI (skipContent ≤ 1024).
func validateSkip(skipType int64, has bool, skipContent string) *refusal {
	n := len([]rune(skipContent))
	switch {
	case !has || skipType < 1 || skipType > 4:
		return invalid("skipType不合法: 1 app, 2 link, 3 custom, 4 in-app page")
	case skipType != 1 && skipContent == "":
		return invalid("skipContent不能为空 for skipType %d", skipType)
	case skipType == 2 && n > 1000, skipType > 2 && n > 1024:
		return invalid("skipContent超过长度限制")
	}
	return nil
}

// validateMaps: clientCustomMap holds at most 10 key/values of 1024
// characters in total; extra.callback (required in extra, ≤ 128) and
// callback.param (≤ 64) ask for receipts.
func validateMaps(custom, extra map[string]string, s *sent) *refusal {
	total := 0
	for k, v := range custom {
		total += len([]rune(k)) + len([]rune(v))
	}
	if len(custom) > maxCustomPairs || total > maxCustomMap {
		return invalid("clientCustomMap超过10个键值对或1024个字符")
	}
	if extra == nil {
		return nil
	}
	s.callback, s.callbackParam = extra["callback"], extra["callback.param"]
	switch {
	case s.callback == "":
		return invalid("extra.callback不能为空")
	case len([]rune(s.callback)) > 128 || len([]rune(s.callbackParam)) > 64:
		return invalid("callback不能超过128个字符, callback.param不能超过64个字符")
	}
	return nil
}
