package alerts_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/alerts"
)

// A WeCom (or Feishu, DingTalk) group is a team in China: the batch of
// alerts reads in Chinese, vendor and environment included, with the
// brand keyword kept.
func TestChineseChatToolsGetAlertsInChinese(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	f.certificate("ios-prod", models.CertProduction, ptr(now.Add(5*24*time.Hour)))
	failing := f.certificate("ios-dev", models.CertDevelopment, nil)
	if err := f.store.RecordCertificateCheck(ctx, f.app.ID, failing.ID, false, "InvalidProviderToken", now.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	svc := f.service(alerts.Options{})
	f.hook.answerWith(200, `{"errcode":0,"errmsg":"ok"}`)
	if _, err := svc.SaveWebhook(ctx, f.app.ID, models.WebhookInput{Kind: "wecom", URL: ptr(f.hook.srv.URL + "/cgi-bin/webhook/send?key=k")}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Run(ctx, now); err != nil {
		t.Fatal(err)
	}
	posts := f.hook.taken()
	if len(posts) != 1 {
		t.Fatalf("%d posts, want 1", len(posts))
	}
	text := object(t, posts[0].json(t), "text")["content"].(string)
	for _, want := range []string{"pushcheck · Chat IM（应用 #", "2 条证书告警", "ios-prod（APNs，生产环境）：", "5 天后过期", "ios-dev（APNs，开发环境）：", "InvalidProviderToken"} {
		if !strings.Contains(text, want) {
			t.Errorf("WeCom post lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "expires") || strings.Contains(text, "certificate alert") {
		t.Errorf("WeCom post speaks English:\n%s", text)
	}
}
