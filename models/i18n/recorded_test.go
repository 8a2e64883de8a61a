package i18n_test

import (
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

func TestRecordedEnglishIsReadBackInTheReadersLanguage(t *testing.T) {
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	en, zh := catalog.Localizer(models.LanguageEnglish), catalog.Localizer(models.LanguageChinese)
	invalid := "Huawei says the token is invalid: it is malformed or copied with spaces, belongs to another app ID than this certificate's, or the app was uninstalled (Huawei does not say which)"
	invalidZH := zh.T("vendors.huawei.80300007.explanation")
	code := []string{"vendors.huawei.80300007.", "vendors.fcm.UNAVAILABLE.", "vendors.answer."}
	for _, c := range []struct {
		name string
		loc  *i18n.Localizer
		text string
		want string
	}{
		{"a table's words", zh, invalid, invalidZH},
		{"with the vendor's own words after them", zh, invalid + " (Huawei: token invalid)", invalidZH + "（Huawei: token invalid）"},
		{"with arguments", zh, "Huawei did not answer within 10s", "Huawei 在 10s 内没有响应"},
		{"with arguments and details", zh, "Xiaomi could not be reached: dial tcp: lookup api.xmpush.xiaomi.com: no such host", "无法连接 Xiaomi：dial tcp: lookup api.xmpush.xiaomi.com: no such host"},
		{"words the catalogue never had (an old row)", zh, "Huawei says the token is bad", "Huawei says the token is bad"},
		{"another code's words", zh, "the message's TTL ends before now", "the message's TTL ends before now"},
		{"a text that only starts like a table's", zh, invalid + " and more", invalid + " and more"},
		{"an argument read back too", zh, "FCM asks to wait 30 seconds (Retry-After) before sending again; send again in a moment (FCM asks for exponential back-off)",
			"FCM 要求等待 30 秒（Retry-After）后再发送；稍后重新发送（FCM 要求指数退避重试）"},
		{"English readers", en, invalid + " (Huawei: token invalid)", invalid + " (Huawei: token invalid)"},
		{"no Localizer", nil, invalid, invalid},
	} {
		if got := c.loc.Recorded(c.text, code...); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
	if invalidZH == "vendors.huawei.80300007.explanation" || invalidZH == invalid {
		t.Fatalf("the Chinese catalogue lacks 80300007: %q", invalidZH)
	}
}
