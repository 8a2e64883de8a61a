package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pushcheck/pushcheck/models/demo"
)

func signIn(base string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(`input[name=email]`),
		chromedp.SendKeys(`input[name=email]`, demo.AdminEmail),
		chromedp.SendKeys(`input[name=password]`, demo.AdminPassword),
		chromedp.Click(`form button[type=submit]`),
		chromedp.WaitVisible(`input#user`),
	)
}

// A support engineer reads heidi's verdict, re-checks it against the
// message she missed without a reload, watches the lint react to typing,
// and freezes the verdict behind a permalink for the ticket.
func TestBrowserVerdictLintAndReport(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t)
	base := srv.URL()

	var summary, verdict, recheck, lint, report, reportURL, copyText, limits string
	var sameDocument bool
	err := chromedp.Do(ctx,
		signIn(base),
		chromedp.Navigate(base+"/apps/1/users/heidi"),
		chromedp.WaitVisible(`#verdict`),
		into(&summary, chromedp.Text(`#summary`)),
		into(&verdict, chromedp.Text(`#verdict .verdict-devices`)),
		into(&copyText, attr(`#verdict button.copy-report`, "data-copy")),
		screenshot("verdict-heidi"),
		// Re-check against a custom message without desc, in place.
		chromedp.Evaluate[chromedp.Void](`window.pushcheckMarker = "kept"`),
		chromedp.Click(`#verdict details.missed summary`),
		chromedp.SetValue(`#verdict select[name=message_type]`, "custom"),
		chromedp.Click(`#verdict details.missed button[type=submit]`),
		chromedp.WaitVisible(`#verdict tr[data-check=message].st-fail`),
		into(&recheck, chromedp.TextContent(`#verdict .verdict-devices`)),
		into(&sameDocument, chromedp.Evaluate[bool](`window.pushcheckMarker === "kept"`)),
		// The composer's lint reacts to a long title.
		chromedp.SendKeys(`#composer input[name=title]`, strings.Repeat("title ", 11)),
		chromedp.WaitVisible(`#lint li[data-code=title_too_long]`),
		into(&lint, chromedp.Text(`#lint`)),
		screenshot("composer-lint"),
		// Freeze the verdict.
		chromedp.Click(`#verdict .actions button[type=submit]`),
		chromedp.WaitVisible(`a[href$="/markdown"]`),
		into(&reportURL, chromedp.Location()),
		into(&report, chromedp.Text(`main`)),
		screenshot("report"),
		chromedp.Navigate(base+"/apps/1/limits"),
		chromedp.WaitVisible(`#limits-vivo`),
		into(&limits, chromedp.Text(`main`)),
		screenshot("limits"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(summary, "has no OPPO channel ID") {
		t.Errorf("summary = %q", summary)
	}
	for _, want := range []string{"OPPO Find X7 Ultra", "OPPO channel ID:", "neither the message nor certificate #10009", "fix: create the channel"} {
		if !strings.Contains(verdict, want) {
			t.Errorf("verdict lacks %q:\n%s", want, verdict)
		}
	}
	if !strings.HasPrefix(copyText, "## Push check: heidi (Demo IM)") || !strings.Contains(copyText, "Fix: create the channel") {
		t.Errorf("copy text:\n%s", copyText)
	}
	if !sameDocument || !strings.Contains(recheck, "without offlinePushInfo.desc") {
		t.Errorf("re-check (same page %v):\n%s", sameDocument, recheck)
	}
	if !strings.Contains(lint, "OPPO title is 65 characters; OPPO allows 50") {
		t.Errorf("lint:\n%s", lint)
	}
	if !strings.Contains(reportURL, "/apps/1/reports/rpt_") || !strings.Contains(report, "admin@demo.local") || !strings.Contains(report, "custom message") ||
		!strings.Contains(report, "has no OPPO channel ID") {
		t.Errorf("report at %s:\n%s", reportURL, report)
	}
	for _, want := range []string{"Today's quotas per certificate", "07:00–23:00 Beijing time", "MEIZUPUSH/PushAPI README", "#10011"} {
		if !strings.Contains(limits, want) {
			t.Errorf("limits page lacks %q", want)
		}
	}
}
