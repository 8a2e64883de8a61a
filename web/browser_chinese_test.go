package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
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
	for _, p := range pages {
		var raw, summary string
		var boxes bool
		steps := []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(base + p.path),
			chromedp.WaitVisible(p.ready),
			into(&raw, chromedp.Evaluate[string](pageWords)),
			into(&boxes, chromedp.Evaluate[bool](tofu)),
			screenshot("chinese" + strings.ReplaceAll(p.path, "/", "-")),
		}
		if strings.Contains(p.path, "/users/") {
			steps = append(steps, into(&summary, chromedp.Text(`#summary`)))
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
			if left := latinLeft(w); left != "" && w != p.data {
				t.Errorf("%s: English %q left in %q", p.path, left, w)
			}
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
}
