package alerts_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/alerts"
)

// keys lists a JSON object's keys, sorted.
func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// object is the JSON object at m[key].
func object(t *testing.T, m map[string]any, key string) map[string]any {
	t.Helper()
	o, ok := m[key].(map[string]any)
	if !ok {
		t.Fatalf("%q is not an object in %v", key, m)
	}
	return o
}

// hmacBase64 is HMAC-SHA256 of msg under key, base64: computed here, apart
// from the package's signers, from the platforms' documented recipes.
func hmacBase64(key, msg string) string {
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(msg))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// sendTest configures the app's webhook and posts the test message.
func sendTest(t *testing.T, f *fixture, kind, path, secret string, now time.Time) (models.WebhookDelivery, post) {
	t.Helper()
	ctx := context.Background()
	svc := f.service(alerts.Options{})
	in := models.WebhookInput{Kind: kind, URL: ptr(f.hook.srv.URL + path)}
	if secret != "" {
		in.Secret = &secret
	}
	if _, err := svc.SaveWebhook(ctx, f.app.ID, in); err != nil {
		t.Fatal(err)
	}
	before := len(f.hook.taken())
	d, err := svc.SendTestMessage(ctx, f.app, now)
	if err != nil {
		t.Fatal(err)
	}
	posts := f.hook.taken()
	if len(posts) != before+1 {
		t.Fatalf("%d posts, want one more than %d", len(posts), before)
	}
	return d, posts[len(posts)-1]
}

func TestFeishuPayloadAndSignature(t *testing.T) {
	f := newFixture(t)
	now := time.Unix(1599360473, 0)
	d, p := sendTest(t, f, "feishu", "/open-apis/bot/v2/hook/0f1e2d3c", "feishu-secret", now)
	if !d.OK {
		t.Fatalf("delivery failed: %s", d.Message)
	}
	body := p.json(t)
	if got := keys(body); !slices.Equal(got, []string{"content", "msg_type", "sign", "timestamp"}) {
		t.Fatalf("Feishu body keys %v", got)
	}
	if body["msg_type"] != "text" || !strings.Contains(object(t, body, "content")["text"].(string), "测试消息") {
		t.Fatalf("Feishu text message: %s", p.Body)
	}
	// Feishu: the key is "timestamp\nsecret", the message empty.
	if body["timestamp"] != "1599360473" || body["sign"] != hmacBase64("1599360473\nfeishu-secret", "") {
		t.Fatalf("Feishu timestamp/sign = %v/%v", body["timestamp"], body["sign"])
	}
	if p.Path != "/open-apis/bot/v2/hook/0f1e2d3c" || p.Header.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Fatalf("posted to %s as %s", p.Path, p.Header.Get("Content-Type"))
	}

	// Without a secret, no signature fields (a kind in between drops the
	// stored secret).
	sendTest(t, f, "wecom", "/cgi-bin/webhook/send?key=k", "", now)
	_, p = sendTest(t, f, "feishu", "/open-apis/bot/v2/hook/0f1e2d3c", "", now)
	if got := keys(p.json(t)); !slices.Equal(got, []string{"content", "msg_type"}) {
		t.Fatalf("unsigned Feishu body keys %v", got)
	}
}

func TestDingTalkPayloadAndSignature(t *testing.T) {
	f := newFixture(t)
	f.hook.answerWith(http.StatusOK, `{"errcode":0,"errmsg":"ok"}`)
	now := time.UnixMilli(1577808000123)
	const secret = "SECf00dbabe+/="
	d, p := sendTest(t, f, "dingtalk", "/robot/send?access_token=tok123", secret, now)
	if !d.OK {
		t.Fatalf("delivery failed: %s", d.Message)
	}
	body := p.json(t)
	if got := keys(body); !slices.Equal(got, []string{"msgtype", "text"}) || body["msgtype"] != "text" {
		t.Fatalf("DingTalk body %s", p.Body)
	}
	if text := object(t, body, "text"); !slices.Equal(keys(text), []string{"content"}) || !strings.HasPrefix(text["content"].(string), "pushcheck") {
		t.Fatalf("DingTalk text %v", text)
	}
	q, err := url.ParseQuery(p.RawQuery)
	if err != nil {
		t.Fatal(err)
	}
	// DingTalk: the key is the secret, the message "timestamp\nsecret"
	// with the timestamp in milliseconds, base64, URL-encoded.
	want := hmacBase64(secret, "1577808000123\n"+secret)
	if q.Get("access_token") != "tok123" || q.Get("timestamp") != "1577808000123" || q.Get("sign") != want {
		t.Fatalf("DingTalk query %q; want sign %s", p.RawQuery, want)
	}
	if !strings.Contains(p.RawQuery, "sign="+url.QueryEscape(want)) {
		t.Fatalf("sign is not URL-encoded in %q", p.RawQuery)
	}
}

func TestWeComSlackAndGenericPayloads(t *testing.T) {
	f := newFixture(t)
	now := time.Unix(1700000000, 0)

	f.hook.answerWith(http.StatusOK, `{"errcode":0,"errmsg":"ok"}`)
	d, p := sendTest(t, f, "wecom", "/cgi-bin/webhook/send?key=693a91f6", "", now)
	body := p.json(t)
	if !d.OK || !slices.Equal(keys(body), []string{"msgtype", "text"}) || body["msgtype"] != "text" ||
		!slices.Equal(keys(object(t, body, "text")), []string{"content"}) || p.RawQuery != "key=693a91f6" {
		t.Fatalf("WeCom: %v %s ?%s", d, p.Body, p.RawQuery)
	}

	f.hook.answerWith(http.StatusOK, "ok")
	d, p = sendTest(t, f, "slack", "/services/T000/B000/XXXX", "", now)
	body = p.json(t)
	if !d.OK || !slices.Equal(keys(body), []string{"text"}) || !strings.Contains(body["text"].(string), "Chat IM") {
		t.Fatalf("Slack: %v %s", d, p.Body)
	}

	f.hook.answerWith(http.StatusNoContent, "")
	d, p = sendTest(t, f, "generic", "/hooks/pushcheck", "generic-secret", now)
	body = p.json(t)
	if !d.OK || body["source"] != "pushcheck" || body["event"] != "test" || object(t, body, "app")["name"] != "Chat IM" {
		t.Fatalf("generic: %v %s", d, p.Body)
	}
	ts := p.Header.Get("X-Pushcheck-Timestamp")
	mac := hmac.New(sha256.New, []byte("generic-secret"))
	mac.Write([]byte(ts + "."))
	mac.Write(p.Body)
	if ts != strconv.FormatInt(now.Unix(), 10) || p.Header.Get("X-Pushcheck-Signature") != "sha256="+hex.EncodeToString(mac.Sum(nil)) {
		t.Fatalf("generic signature %q at %q", p.Header.Get("X-Pushcheck-Signature"), ts)
	}
}

func TestGenericPayloadCarriesTheAlerts(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	c := f.certificate("iOS production", models.CertProduction, ptr(now.Add(6*24*time.Hour)))
	svc := f.service(alerts.Options{})
	if _, err := svc.SaveWebhook(ctx, f.app.ID, models.WebhookInput{Kind: "generic", URL: ptr(f.hook.srv.URL + "/in")}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Run(ctx, now); err != nil {
		t.Fatal(err)
	}
	posts := f.hook.taken()
	if len(posts) != 1 {
		t.Fatalf("%d posts", len(posts))
	}
	body := posts[0].json(t)
	list, ok := body["alerts"].([]any)
	if !ok || len(list) != 1 || body["event"] != "certificate_alerts" {
		t.Fatalf("generic alerts: %s", posts[0].Body)
	}
	a := list[0].(map[string]any)
	if a["certificate_id"] != float64(c.ID) || a["kind"] != "expiry" || a["threshold_days"] != float64(7) ||
		a["vendor"] != "apns" || a["expires_at"] != "2025-03-07T09:00:00Z" || !strings.HasSuffix(a["url"].(string), "/certificates/"+strconv.FormatInt(c.ID, 10)) {
		t.Fatalf("generic alert %v", a)
	}
	if _, signed := posts[0].Header["X-Pushcheck-Signature"]; signed {
		t.Fatal("signed without a secret")
	}
}

func TestRefusedAndUnreachableWebhooksAreRecorded(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	now := time.Now()
	svc := f.service(alerts.Options{})

	// Feishu refuses with HTTP 200 and its code.
	f.hook.answerWith(http.StatusOK, `{"code":19021,"data":{},"msg":"sign match fail or timestamp is not within one hour from current time"}`)
	d, _ := sendTest(t, f, "feishu", "/open-apis/bot/v2/hook/abc", "wrong", now)
	if d.OK || !strings.Contains(d.Message, "19021 sign match fail") {
		t.Fatalf("Feishu refusal read as %+v", d)
	}
	w, err := svc.Webhook(ctx, f.app.ID)
	if err != nil || w.LastDeliveryOK == nil || *w.LastDeliveryOK || w.LastDeliveryMessage != d.Message {
		t.Fatalf("last delivery not recorded: %+v, %v", w, err)
	}

	f.hook.answerWith(http.StatusOK, `{"errcode":310000,"errmsg":"keywords not in content"}`)
	if d, _ = sendTest(t, f, "dingtalk", "/robot/send?access_token=t", "", now); d.OK || !strings.Contains(d.Message, "310000 keywords not in content") {
		t.Fatalf("DingTalk refusal read as %+v", d)
	}
	f.hook.answerWith(http.StatusNotFound, "no_service")
	if d, _ = sendTest(t, f, "slack", "/services/T/B/gone", "", now); d.OK || !strings.Contains(d.Message, "HTTP 404: no_service") {
		t.Fatalf("Slack 404 read as %+v", d)
	}
	f.hook.answerWith(http.StatusFound, "")
	if d, _ = sendTest(t, f, "generic", "/moved", "", now); d.OK || !strings.Contains(d.Message, "HTTP 302") {
		t.Fatalf("a redirect was followed or read as %+v", d)
	}

	// Nobody listening: the reason names the failure, never the URL.
	const hookKey = "/services/T0/B0/very-secret-part"
	dead := newReceiver(t)
	dead.srv.Close()
	if _, err := svc.SaveWebhook(ctx, f.app.ID, models.WebhookInput{Kind: "slack", URL: ptr(dead.srv.URL + hookKey)}); err != nil {
		t.Fatal(err)
	}
	d, err = svc.SendTestMessage(ctx, f.app, now)
	if err != nil || d.OK || !strings.Contains(d.Message, "Slack could not be reached") || strings.Contains(d.Message, "very-secret-part") {
		t.Fatalf("unreachable webhook: %+v, %v", d, err)
	}
}
