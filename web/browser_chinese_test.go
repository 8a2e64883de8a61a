package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/pushcheck/pushcheck/models"
)

// acceptChinese makes the browser ask for Simplified Chinese, as a
// browser set to 中文 does.
func acceptChinese() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
			Headers: network.Headers{"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}})
		return err
	})
}

// pageWords reads what the language test judges on a page: its lang, the
// navigation's words and the headings (h1 and h2, user IDs and names
// aside, which are data).
// The profile's heading is the operator's name, data too.
const pageWords = `JSON.stringify({
	lang: document.documentElement.lang,
	nav: [...document.querySelectorAll('.nav a, .who button, .footer a')].map(a => a.textContent.trim()),
	headings: [...document.querySelectorAll('main h1:not(.mono), main h2')].map(h => h.textContent.trim()),
})`

// tofu tells whether two different Han characters draw the same pixels in
// the page's body and monospace fonts: then both are the empty box a
// missing font leaves.
const tofu = `(() => {
	const draw = (font, ch) => {
		const c = document.createElement('canvas'); c.width = 64; c.height = 64;
		const g = c.getContext('2d'); g.font = '40px ' + font; g.fillText(ch, 4, 48);
		return g.getImageData(0, 0, 64, 64).data.join(',');
	};
	const fonts = [getComputedStyle(document.body).fontFamily, getComputedStyle(document.querySelector('.mono') || document.body).fontFamily];
	return fonts.some(f => draw(f, '公') === draw(f, '私') || draw(f, '信') === draw(f, '口'));
})()`

// ownWords reads the texts a page's forms show, for the elements a
// selector names: a label's own words (not its input's, select's or help's),
// and the whole text of anything else.
func ownWords(selector string) chromedp.Action[string] {
	q, _ := json.Marshal(selector)
	return chromedp.Evaluate[string](`JSON.stringify([...document.querySelectorAll(` + string(q) + `)].map(e =>
		(e.tagName === 'LABEL' ? [...e.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join(' ') : e.textContent)
			.replace(/\s+/g, ' ').trim()).filter(s => s !== ''))`)
}

// untranslated is a form text without a single Chinese character: left in
// English. Names that are the same in Chinese (vendors, Token) pass.
func untranslated(s string) bool {
	// Vendor field names stay as the vendors' consoles spell them.
	switch s {
	case "Token", "App ID", "Client ID", "Client secret", "AppID", "AppKey", "AppSecret", "MasterSecret", "Key ID", "Team ID", "Activity", "Intent URI":
		return false
	}
	for _, v := range models.AllVendors() {
		if s == v.Label() {
			return false
		}
	}
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

type chineseWords struct {
	Lang     string   `json:"lang"`
	Nav      []string `json:"nav"`
	Headings []string `json:"headings"`
}

// latinLeft is English left in Chinese text: a word of two or more Latin
// letters other than the product's and the vendors' names and codes.
func latinLeft(s string) string {
	for _, keep := range []string{"pushcheck", "API", "Token", "APNs", "FCM", "OPPO", "vivo", "Markdown", "English"} {
		s = strings.ReplaceAll(s, keep, "")
	}
	var word strings.Builder
	for _, r := range s + " " {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			word.WriteRune(r)
			continue
		}
		if word.Len() >= 2 {
			return word.String()
		}
		word.Reset()
	}
	return ""
}

// A support engineer whose browser is set to Chinese walks the main pages:
// every one is in 简体中文, with <html lang="zh-CN">, and Chinese text is
// drawn, not boxes.
func TestBrowserChinese(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t)
	base := srv.URL()
	if err := chromedp.Do(ctx, acceptChinese(), signIn(base)); err != nil {
		t.Fatal(err)
	}
	pages := []struct{ path, ready, heading, data string }{
		{"/apps/1", "input#user", "谁没收到推送？", ""},
		{"/apps/1/users/alice", "#composer", "发送测试推送", ""},
		{"/apps/1/devices", "#device-list", "设备", ""},
		{"/apps/1/pushes", "#history-filters", "推送记录", ""},
		{"/apps/1/certificates", "#certificates", "证书", ""},
		{"/profile", "#language-form", "语言", "Demo Admin"},
	}
	// Beyond the headings, these pages' labels, legends and help are
	// judged: the composer with its options, a device, groups and limits.
	forms := map[string]string{
		"/apps/1/users/alice":                    "#composer legend, #composer summary, #composer label, #composer .help, #composer th, #composer button[type=submit]",
		"/apps/1/devices/alice-oppo":             "main dt, main h2",
		"/apps/1/groups":                         "main h1, main h2, main p.muted, main label, main .help, main button",
		"/apps/1/limits":                         "main h1, #quotas h2, main p.muted, main th",
		"/apps/1/certificates/new?vendor=huawei": "#certificate-form label, #certificate-form .help, #certificate-form button",
	}
	pages = append(pages, []struct{ path, ready, heading, data string }{
		{"/apps/1/devices/alice-oppo", "#facts", "为什么收不到推送？诊断结论", "PHB110"},
		{"/apps/1/groups", "#new-group", "测试设备组", ""},
		{"/apps/1/limits", "#quotas", "厂商限制与配额", ""},
		{"/apps/1/certificates/new?vendor=huawei", "#certificate-form", "", ""},
		{"/sandbox/settings", "#sandbox-trust", "沙箱", ""},
	}...)
	for _, p := range pages {
		var raw, summary, formRaw string
		formRaw = "[]"
		var boxes bool
		steps := []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(base + p.path),
			chromedp.WaitVisible(p.ready),
			into(&raw, chromedp.Evaluate[string](pageWords)),
			into(&boxes, chromedp.Evaluate[bool](tofu)),
			screenshot("chinese" + strings.NewReplacer("/", "-", "?", "-", "=", "-").Replace(p.path)),
		}
		if strings.Contains(p.path, "/users/") {
			steps = append(steps, into(&summary, chromedp.Text(`#summary`)))
		}
		if sel := forms[p.path]; sel != "" {
			steps = append(steps, into(&formRaw, ownWords(sel)))
		}
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", p.path, err)
		}
		var words chineseWords
		if err := json.Unmarshal([]byte(raw), &words); err != nil {
			t.Fatalf("%s: %v", p.path, err)
		}
		if words.Lang != "zh-CN" {
			t.Errorf("%s: <html lang=%q>, want zh-CN", p.path, words.Lang)
		}
		if boxes {
			t.Errorf("%s: Chinese characters render as empty boxes: no CJK font in the stack is installed", p.path)
		}
		// Pages outside an app (the profile) have only the admin links.
		if len(words.Nav) < 5 {
			t.Errorf("%s: navigation has %d links: %q", p.path, len(words.Nav), words.Nav)
		}
		for _, w := range append(words.Nav, words.Headings...) {
			if left := latinLeft(withoutVendors(w)); left != "" && (p.data == "" || !strings.Contains(w, p.data)) {
				t.Errorf("%s: English %q left in %q", p.path, left, w)
			}
		}
		var form []string
		if err := json.Unmarshal([]byte(formRaw), &form); err != nil {
			t.Fatalf("%s: %v", p.path, err)
		}
		if forms[p.path] != "" && len(form) < 3 {
			t.Errorf("%s: only %d form texts found: %q", p.path, len(form), form)
		}
		for _, w := range form {
			if untranslated(w) {
				t.Errorf("%s: %q is not in Chinese", p.path, w)
			}
		}
		if p.heading == "" {
			continue
		}
		found := false
		for _, h := range words.Headings {
			found = found || h == p.heading
		}
		if !found {
			t.Errorf("%s: no heading %q among %q", p.path, p.heading, words.Headings)
		}
		if summary != "" && !strings.Contains(summary, "台设备中") {
			t.Errorf("%s: the verdict's summary is not in Chinese: %q", p.path, summary)
		}
	}

	// A bad form is refused in Chinese too: the webhook form says why a
	// URL without TLS is refused in the operator's language.
	var refusal string
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/apps/1/settings"),
		chromedp.WaitVisible(`#webhook input[name=url]`),
		chromedp.SetValue(`#webhook input[name=url]`, "http://open.feishu.cn/open-apis/bot/v2/hook/x"),
		chromedp.Submit(`#webhook input[name=url]`),
		chromedp.WaitVisible(`#webhook .flash.error`),
		into(&refusal, chromedp.Text(`#webhook .flash.error`)),
		screenshot("chinese-bad-webhook-form"),
	); err != nil {
		t.Fatalf("bad webhook form: %v", err)
	}
	if !strings.Contains(refusal, "必须以 https:// 开头") || latinLeft(strings.NewReplacer("Webhook URL", "", "https://", "").Replace(refusal)) != "" {
		t.Errorf("the webhook form's error is not in Chinese: %q", refusal)
	}
}

// withoutVendors drops the vendors' names, the same in every language:
// the limits page heads each vendor's table with its badge.
func withoutVendors(heading string) string {
	for _, v := range models.AllVendors() {
		heading = strings.ReplaceAll(heading, v.Label(), "")
	}
	return heading
}
