package views

import (
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// Stored English outcomes and warnings, and the models' English labels,
// are said in the reader's language; English readers get them as stored.
func TestStoredOutcomesAndLabelsInThePagesLanguage(t *testing.T) {
	zh, en := languageContext(t, models.LanguageChinese), languageContext(t, models.LanguageEnglish)
	for _, c := range []struct{ name, got, want string }{
		{"audit ok", AuditOutcome(zh, "ok"), "成功"},
		{"audit refusal", AuditOutcome(zh, "refused: the app needs a name"), "已拒绝：应用需要一个名称"},
		{"audit failed webhook", AuditOutcome(zh, "failed: Feishu refused the message: 19021 sign match fail"), "失败：飞书 拒绝了这条消息：19021 sign match fail"},
		{"audit, English", AuditOutcome(en, "refused: the app needs a name"), "refused: the app needs a name"},
		{"webhook outcome", WebhookOutcome(zh, "WeCom answered HTTP 502: bad gateway"), "企业微信 返回 HTTP 502：bad gateway"},
		{"certificate warning", CertificateWarning(zh, "default category VOIP is not among the granted categories: Huawei sends it as MARKETING (silent, at most 2 a day per device) until the right is granted in AppGallery Connect → Push Kit → self-classification rights; tick it here once it is"),
			"默认分类 VOIP 不在已获批的分类中：在 AppGallery Connect → 推送服务 → 自分类权益中获批之前，华为按 MARKETING 发送（静默，每台设备每天最多 2 条）；获批后请在这里勾选"},
		{"answer kind", AnswerKindLabel(zh, models.AnswerDailyQuota), "每日配额"},
		{"answer kind, English", AnswerKindLabel(en, models.AnswerDailyQuota), models.AnswerDailyQuota.Label()},
		{"class", ClassLabel(zh, models.ClassMarketing), "资讯营销类"},
		{"platform", WebhookKindLabel(zh, models.WebhookDingTalk), "钉钉"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
}
