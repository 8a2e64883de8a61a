package handlers_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/handlers"
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/alerts"
	"github.com/pushcheck/pushcheck/models/storage"
)

// chatBot is a chat platform's webhook on loopback TLS.
type chatBot struct {
	srv   *httptest.Server
	mu    sync.Mutex
	posts []string // "path?query body"
}

func newChatBot(t *testing.T, answer string) *chatBot {
	b := &chatBot{}
	b.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Error(err)
		}
		b.mu.Lock()
		b.posts = append(b.posts, r.URL.RequestURI()+" "+string(body))
		b.mu.Unlock()
		io.WriteString(w, answer)
	}))
	t.Cleanup(b.srv.Close)
	return b
}

func (b *chatBot) taken() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.posts...)
}

// newAlertsEnv is an env whose alerts post through the bot's TLS client.
func newAlertsEnv(t *testing.T, bot *chatBot) *env {
	return newEnvOver(t, func(cfg *handlers.Config, store *storage.Store) {
		cfg.Alerts = alerts.New(store, cfg.Sealer, alerts.Options{Client: bot.srv.Client(), ConsoleURL: "https://console.example", Messages: cfg.Messages})
	})
}

func TestAlertBannerIsForAdminsAndTheHomeLineForEveryone(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	admin, _ := e.operator("admin@example.com", models.RoleAdmin)
	viewer, _ := e.operator("viewer@example.com", models.RoleViewer)
	soon := time.Now().Add(5*24*time.Hour + time.Hour)
	expiring, err := e.store.CreateCertificate(ctx, models.Certificate{AppID: e.app.ID, Vendor: models.VendorAPNs, Name: "iOS production",
		Environment: models.CertProduction, ExpiresAt: &soon})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.CreateCertificate(ctx, models.Certificate{AppID: e.app.ID, Vendor: models.VendorAPNs, Name: "sandbox soon",
		Environment: models.CertSandbox, ExpiresAt: &soon}); err != nil {
		t.Fatal(err)
	}
	link := fmt.Sprintf(`href="/apps/%d/certificates/%d"`, e.app.ID, expiring.ID)
	devices := fmt.Sprintf("/apps/%d/devices", e.app.ID)
	home := fmt.Sprintf("/apps/%d", e.app.ID)

	ab := e.browser()
	ab.signIn(admin.Email, password)
	r := ab.get(devices)
	banner := between(r.body, `id="certificate-alerts"`, "</aside>")
	if r.status != 200 || !strings.Contains(banner, link) || !strings.Contains(banner, "expires in 5 days") || strings.Contains(banner, "sandbox soon") {
		t.Fatalf("admin's banner (%d): %q", r.status, banner)
	}

	vb := e.browser()
	vb.signIn(viewer.Email, password)
	if r = vb.get(devices); r.status != 200 || strings.Contains(r.body, "certificate-alerts") {
		t.Fatalf("a viewer sees the admins' banner (%d)", r.status)
	}
	r = vb.get(home)
	line := between(r.body, `id="home-alerts"`, "</p>")
	if r.status != 200 || !strings.Contains(line, link) || !strings.Contains(line, "expires in 5 days") {
		t.Fatalf("viewer's home line (%d): %q", r.status, line)
	}

	// A failed Test connection shows too; a passed one goes away.
	if err := e.store.RecordCertificateCheck(ctx, e.app.ID, expiring.ID, false, "BadCertificate", time.Now()); err != nil {
		t.Fatal(err)
	}
	if r = ab.get(devices); !strings.Contains(between(r.body, `id="certificate-alerts"`, "</aside>"), "Test connection failed: BadCertificate") {
		t.Fatal("the banner misses the failed check")
	}
}

func TestWebhookAPIRefusesBadInputWithTheField(t *testing.T) {
	e := newEnv(t)
	_, adminToken := e.operator("admin@example.com", models.RoleAdmin)
	_, operatorToken := e.operator("op@example.com", models.RoleOperator)
	path := fmt.Sprintf("/api/v1/apps/%d/webhook", e.app.ID)
	cases := []struct{ body, field string }{
		{`{"kind":"slack","url":"http://hooks.slack.com/services/T/B/x"}`, "url"},
		{`{"kind":"teams","url":"https://example.webhook.office.com/x"}`, "kind"},
		{`{"kind":"wecom","url":"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k","secret":"s"}`, "secret"},
		{`{"kind":"feishu"}`, "url"},
	}
	for _, c := range cases {
		r := e.api(http.MethodPut, path, adminToken, c.body)
		if code, field := r.apiError(t); r.status != http.StatusBadRequest || code != models.CodeInvalid || field != c.field {
			t.Errorf("%s: %d %s on %q, want 400 on %q", c.body, r.status, code, field, c.field)
		}
	}
	if r := e.api(http.MethodPut, path, adminToken, `{"kind":"slack","url":"https://hooks.slack.com/x","channel":"#ops"}`); r.status != http.StatusBadRequest {
		t.Errorf("unknown field: %d", r.status)
	}
	if r := e.api(http.MethodPut, path, operatorToken, `{"kind":"slack","url":"https://hooks.slack.com/x"}`); r.status != http.StatusForbidden {
		t.Errorf("operator setting the webhook: %d", r.status)
	}
	if r := e.api(http.MethodGet, path, adminToken, ""); r.status != http.StatusNotFound {
		t.Errorf("no webhook yet: %d %s", r.status, r.body)
	}
}

func TestWebhookAPISealsAndTests(t *testing.T) {
	bot := newChatBot(t, `{"errcode":0,"errmsg":"ok"}`)
	e := newAlertsEnv(t, bot)
	_, token := e.operator("admin@example.com", models.RoleAdmin)
	path := fmt.Sprintf("/api/v1/apps/%d/webhook", e.app.ID)
	hookURL := bot.srv.URL + "/robot/send?access_token=tok-0123456789abcdef"
	r := e.api(http.MethodPut, path, token, `{"kind":"dingtalk","url":"`+hookURL+`","secret":"SECtopsecret"}`)
	var w struct {
		Kind         string `json:"kind"`
		URL          string `json:"url"`
		SecretSet    bool   `json:"secret_set"`
		LastDelivery *struct {
			OK bool `json:"ok"`
		} `json:"last_delivery"`
	}
	r.decode(t, &w)
	if r.status != 200 || w.Kind != "dingtalk" || !w.SecretSet || !strings.HasSuffix(w.URL, "/…cdef") {
		t.Fatalf("PUT: %d %s", r.status, r.body)
	}
	for _, reply := range []reply{r, e.api(http.MethodGet, path, token, "")} {
		if strings.Contains(reply.body, "tok-0123456789") || strings.Contains(reply.body, "SECtopsecret") {
			t.Fatalf("the API shows the webhook's secrets: %s", reply.body)
		}
	}

	r = e.api(http.MethodPost, path+"/test", token, "")
	if r.status != 200 || !strings.Contains(r.body, `"ok":true`) {
		t.Fatalf("test message: %d %s", r.status, r.body)
	}
	posts := bot.taken()
	if len(posts) != 1 || !strings.Contains(posts[0], "access_token=tok-0123456789abcdef") || !strings.Contains(posts[0], "&sign=") ||
		!strings.Contains(posts[0], `{"msgtype":"text","text":{"content":"pushcheck`) {
		t.Fatalf("bot got %q", posts)
	}
	r = e.api(http.MethodGet, path, token, "")
	if r.decode(t, &w); w.LastDelivery == nil || !w.LastDelivery.OK {
		t.Fatalf("last delivery not shown: %s", r.body)
	}
	if r = e.api(http.MethodDelete, path, token, ""); r.status != http.StatusNoContent {
		t.Fatalf("DELETE: %d", r.status)
	}
	if r = e.api(http.MethodPost, path+"/test", token, ""); r.status != http.StatusNotFound {
		t.Fatalf("test without a webhook: %d", r.status)
	}
}

func TestWebhookOnTheSettingsPage(t *testing.T) {
	bot := newChatBot(t, `{"code":0,"msg":"success","data":{}}`)
	e := newAlertsEnv(t, bot)
	admin, _ := e.operator("admin@example.com", models.RoleAdmin)
	viewer, _ := e.operator("viewer@example.com", models.RoleViewer)
	settings := fmt.Sprintf("/apps/%d/settings", e.app.ID)
	ab := e.browser()
	ab.signIn(admin.Email, password)
	csrf := ab.csrf(settings)

	r := ab.post(fmt.Sprintf("/apps/%d/webhook", e.app.ID), url.Values{"_csrf": {csrf}, "kind": {"feishu"}, "url": {"http://open.feishu.cn/hook"}})
	if r.status != http.StatusBadRequest || !strings.Contains(r.body, "must start with https://") {
		t.Fatalf("http URL from the form: %d", r.status)
	}
	hook := bot.srv.URL + "/open-apis/bot/v2/hook/5e3d587e-d78e-4a07-bd07-265f269f86fd"
	r = ab.post(fmt.Sprintf("/apps/%d/webhook", e.app.ID), url.Values{"_csrf": {csrf}, "kind": {"feishu"}, "url": {hook}, "secret": {"nIMtb7r3N9pkXyXdtAbx6e"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", r.status, r.body)
	}
	page := ab.get(settings)
	current := between(page.body, `id="webhook-current"`, "</p>")
	if !strings.Contains(current, "Feishu") || !strings.Contains(current, "SIGNED") || strings.Contains(page.body, "5e3d587e-d78e") || strings.Contains(page.body, "nIMtb7r3") {
		t.Fatalf("settings show %q (or the secrets)", current)
	}

	r = ab.post(fmt.Sprintf("/apps/%d/webhook/test", e.app.ID), url.Values{"_csrf": {csrf}})
	if r.status != 200 || !strings.Contains(r.body, "Test message delivered.") || !strings.Contains(between(r.body, `id="webhook-last"`, "</p>"), "delivered") {
		t.Fatalf("test message: %d", r.status)
	}
	if posts := bot.taken(); len(posts) != 1 || !strings.Contains(posts[0], `"sign":"`) || !strings.Contains(posts[0], `"msg_type":"text"`) {
		t.Fatalf("bot got %q", posts)
	}

	vb := e.browser()
	vb.signIn(viewer.Email, password)
	if r = vb.post(fmt.Sprintf("/apps/%d/webhook/test", e.app.ID), url.Values{"_csrf": {vb.csrf("/profile")}}); r.status != http.StatusForbidden {
		t.Fatalf("viewer sending a test message: %d", r.status)
	}
}
