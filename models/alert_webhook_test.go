package models

import (
	"testing"
	"time"
)

func TestWebhookInputIsCheckedFieldByField(t *testing.T) {
	s := func(v string) *string { return &v }
	cases := []struct {
		name   string
		in     WebhookInput
		exists bool
		field  string
	}{
		{"feishu with secret", WebhookInput{Kind: "feishu", URL: s("https://open.feishu.cn/open-apis/bot/v2/hook/x"), Secret: s("abc")}, false, ""},
		{"http URL", WebhookInput{Kind: "slack", URL: s("http://hooks.slack.com/services/T/B/x")}, false, "url"},
		{"no scheme", WebhookInput{Kind: "wecom", URL: s("qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x")}, false, "url"},
		{"credentials in URL", WebhookInput{Kind: "generic", URL: s("https://user:pw@example.com/hook")}, false, "url"},
		{"unknown kind", WebhookInput{Kind: "teams", URL: s("https://example.com/hook")}, false, "kind"},
		{"no kind on a new webhook", WebhookInput{URL: s("https://example.com/hook")}, false, "kind"},
		{"no URL on a new webhook", WebhookInput{Kind: "slack"}, false, "url"},
		{"secret for Slack", WebhookInput{Kind: "slack", URL: s("https://hooks.slack.com/services/T/B/x"), Secret: s("s")}, false, "secret"},
		{"control character in secret", WebhookInput{Kind: "dingtalk", URL: s("https://oapi.dingtalk.com/robot/send?access_token=t"), Secret: s("a\x00b")}, false, "secret"},
		{"another kind without its URL", WebhookInput{Kind: "slack"}, true, "url"},
		{"same kind, URL kept", WebhookInput{Kind: "dingtalk", Secret: s("SECnew")}, true, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := AlertWebhook{Kind: WebhookDingTalk}
			ws := WebhookSecrets{URL: "https://oapi.dingtalk.com/robot/send?access_token=old", Secret: "SECold"}
			err := c.in.Apply(&w, &ws, c.exists)
			e, _ := AsError(err)
			switch {
			case c.field == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.field != "" && (e == nil || e.Code != CodeInvalid || e.Field != c.field):
				t.Fatalf("got %v, want invalid_argument on %q", err, c.field)
			}
		})
	}
}

func TestWebhookInputKeepsAndDropsSecrets(t *testing.T) {
	s := func(v string) *string { return &v }
	w := AlertWebhook{Kind: WebhookFeishu}
	ws := WebhookSecrets{URL: "https://open.feishu.cn/open-apis/bot/v2/hook/abcd-1234", Secret: "old"}
	if err := (WebhookInput{Kind: "feishu"}).Apply(&w, &ws, true); err != nil || ws.Secret != "old" || !w.SecretSet || w.URLShown != "https://open.feishu.cn/…1234" {
		t.Fatalf("omitted URL and secret: %+v %+v %v", w, ws, err)
	}
	if err := (WebhookInput{Secret: s("")}).Apply(&w, &ws, true); err != nil || ws.Secret != "" || w.SecretSet {
		t.Fatalf("empty secret should remove it: %+v %v", ws, err)
	}
	ws.Secret = "again"
	if err := (WebhookInput{Kind: "dingtalk", URL: s("https://oapi.dingtalk.com/robot/send?access_token=zz99")}).Apply(&w, &ws, true); err != nil || ws.Secret != "" {
		t.Fatalf("a new kind must not inherit the old kind's secret: %+v %v", ws, err)
	}
	if w.URLShown != "https://oapi.dingtalk.com/…zz99" {
		t.Fatalf("masked %q", w.URLShown)
	}
}

func TestAlertsOfThresholds(t *testing.T) {
	now := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	ok, failed := true, false
	cases := []struct {
		left time.Duration
		days int // 0: no expiry alert
	}{
		{31 * day, 0}, {30*day + time.Second, 0}, {30 * day, 30}, {8 * day, 30}, {7 * day, 7}, {2 * day, 7},
		{day, 1}, {time.Minute, 1}, {-400 * day, 1},
	}
	for _, c := range cases {
		at := now.Add(c.left)
		as := AlertsOf(Certificate{Environment: CertProduction, ExpiresAt: &at, CheckedAt: &now, CheckOK: &ok}, now)
		got := 0
		if len(as) == 1 {
			got = as[0].Days
		}
		if len(as) > 1 || got != c.days {
			t.Errorf("expiring in %v: %+v, want the %d-day threshold", c.left, as, c.days)
		}
	}
	at := now.Add(3 * day)
	if as := AlertsOf(Certificate{Environment: CertSandbox, ExpiresAt: &at, CheckedAt: &now, CheckOK: &failed}, now); len(as) != 0 {
		t.Errorf("sandbox certificate alerted: %+v", as)
	}
	if as := AlertsOf(Certificate{Environment: CertDevelopment, CheckedAt: &now, CheckOK: &failed, CheckMessage: "x"}, now); len(as) != 1 || as[0].Problem() != "Test connection failed: x" {
		t.Errorf("failed check: %+v", as)
	}
}
