package main

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// consoleErrors collects what the pages write to the console as errors
// (htmx logs a selector that matches nothing that way), until stop.
func consoleErrors(ctx context.Context) (read func() []string, stop func()) {
	ctx, stop = context.WithCancel(ctx)
	var mu sync.Mutex
	var out []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				out = append(out, m.Text)
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), out...)
	}, stop
}

// darkMode makes the page believe the system prefers a dark scheme.
func darkMode(on bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		value := "light"
		if on {
			value = "dark"
		}
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: value}}})
		return err
	})
}

// The walk's list of issue 17, walked again: a support engineer and QA use
// the user page, the history, groups and a report, on a laptop, a phone
// and in dark mode, and nothing confuses them the way it did.
func TestBrowserWalk(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t)
	base := srv.URL()
	errors, stopConsole := consoleErrors(ctx)
	defer stopConsole()

	var descNote, descWarn, dryRows, dryMarked, dryBadges int
	var summaryBefore, summaryAfter string
	var sameDocument bool
	err := chromedp.Do(ctx,
		signIn(base),
		// A fresh composer: the empty desc is the default to be sent, not
		// a finding.
		chromedp.Navigate(base+"/apps/1/users/qa-eight"),
		chromedp.WaitVisible(`#lint .lint-line`),
		into(&descNote, chromedp.Evaluate[int](`document.querySelectorAll('#lint li.note[data-code=desc_empty]').length`)),
		into(&descWarn, chromedp.Evaluate[int](`document.querySelectorAll('#lint li.warning[data-code=desc_empty]').length`)),
		// A dry run reads as one, row by row.
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#composer input[name=dry_run]').click()`),
		sendComposer(),
		chromedp.WaitVisible(`#results tr.delivery`),
		into(&dryRows, chromedp.Evaluate[int](`document.querySelectorAll('#results tr.delivery').length`)),
		into(&dryMarked, chromedp.Evaluate[int](`document.querySelectorAll('#results tr.delivery.dry-run').length`)),
		into(&dryBadges, chromedp.Evaluate[int](`[...document.querySelectorAll('#results .badge.dry')].filter(b => b.offsetParent !== null).length`)),
		screenshot("walk-dry-run"),
		// The page head follows a send without a reload.
		chromedp.Navigate(base+"/apps/1/users/dana"),
		chromedp.WaitVisible(`#composer`),
		into(&summaryBefore, chromedp.Text(`#summary`)),
		chromedp.Evaluate[chromedp.Void](`window.pushcheckMarker = "kept"`),
		sendComposer(),
		chromedp.WaitVisible(`#results .results`),
		into(&summaryAfter, chromedp.Text(`#summary`)),
		into(&sameDocument, chromedp.Evaluate[bool](`window.pushcheckMarker === "kept"`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if descNote != 1 || descWarn != 0 {
		t.Errorf("the fresh composer's desc: %d notes, %d warnings", descNote, descWarn)
	}
	if dryRows != 9 || dryMarked != dryRows || dryBadges < dryRows {
		t.Errorf("dry run: %d rows, %d marked, %d DRY RUN badges", dryRows, dryMarked, dryBadges)
	}
	if !sameDocument || summaryAfter == summaryBefore || !strings.Contains(summaryAfter, "1 of 2 devices can receive offline push") {
		t.Errorf("summary before the send %q, after %q (same page %v)", summaryBefore, summaryAfter, sameDocument)
	}

	var filterHeight, tableTop float64
	var lookedUp, picked, unknown, matrixFirst, orderBefore, orderAfter string
	var asIMServer bool
	err = chromedp.Do(ctx,
		// The history's filters are one bar; the table stays in view.
		chromedp.Navigate(base+"/apps/1/pushes"),
		chromedp.WaitVisible(`#history`),
		into(&filterHeight, chromedp.Evaluate[float64](`document.querySelector('#history-filters').getBoundingClientRect().height`)),
		into(&tableTop, chromedp.Evaluate[float64](`document.querySelector('#history').getBoundingClientRect().top`)),
		screenshot("walk-history"),
		// The header looks a user up from any page.
		chromedp.SendKeys(`#header-user`, "alice\n"),
		chromedp.WaitVisible(`#devices`),
		into(&lookedUp, chromedp.Location()),
		// A group from picked devices; an unknown ID is the operator's call.
		chromedp.Navigate(base+"/apps/1/groups"),
		chromedp.WaitVisible(`#new-group`),
		chromedp.SendKeys(`#new-group input[name=name]`, "walk-matrix"),
		chromedp.SendKeys(`#new-group input[name=q]`, "qa-eight"),
		chromedp.WaitVisible(`#new-group .picker-list button.pick`),
		chromedp.Click(`#new-group .picker-list li:first-child button.pick`),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#group-device-ids').value += "\nghost-walk"`),
		into(&picked, chromedp.Value(`#group-device-ids`)),
		chromedp.Click(`#new-group > button[type=submit]`),
		chromedp.WaitVisible(`.unknown-devices`),
		into(&unknown, chromedp.Text(`.unknown-devices`)),
		screenshot("walk-group-unknown"),
		chromedp.Click(`.unknown-devices button[name=drop_unknown]`),
		chromedp.WaitVisible(`#group-composer`),
		into(&asIMServer, chromedp.Evaluate[bool](`document.querySelector('#group-composer input[name=mode][value=as_im_server]').checked`)),
		chromedp.Click(`#group-composer button[type=submit]`),
		chromedp.WaitVisible(`table.matrix`),
		into(&matrixFirst, chromedp.Text(`table.matrix tbody tr:first-child td:first-child`)),
		into(&orderBefore, chromedp.Evaluate[string](`[...document.querySelectorAll('table.matrix tbody tr')].map(r => r.dataset.delivery).join(' ')`)),
		chromedp.Sleep(2500*time.Millisecond), // a few polls
		into(&orderAfter, chromedp.Evaluate[string](`[...document.querySelectorAll('table.matrix tbody tr')].map(r => r.dataset.delivery).join(' ')`)),
		screenshot("walk-group-matrix"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if filterHeight > 100 || tableTop > 260 {
		t.Errorf("history filters %.0f px high, table at %.0f px", filterHeight, tableTop)
	}
	if !strings.HasSuffix(lookedUp, "/apps/1/users/alice") {
		t.Errorf("the header lookup opened %s", lookedUp)
	}
	for _, id := range []string{"qa-iphone", "qa-pixel", "qa-mate70", "qa-meizu", "ghost-walk"} {
		if !strings.Contains(picked, id) {
			t.Errorf("the picked list lacks %s:\n%s", id, picked)
		}
	}
	if !strings.Contains(unknown, "ghost-walk") || !strings.Contains(unknown, "nothing was saved") {
		t.Errorf("unknown IDs: %q", unknown)
	}
	if !asIMServer {
		t.Error("the group composer does not default to what the IM server would do")
	}
	// Rows by device name: the OPPO Find X8 first, named by the device.
	if !strings.HasPrefix(strings.TrimSpace(matrixFirst), "Find X8") {
		t.Errorf("the matrix's first row starts %q, want the device's name", matrixFirst)
	}
	if orderBefore == "" || orderBefore != orderAfter {
		t.Errorf("matrix rows moved between polls:\n%s\n%s", orderBefore, orderAfter)
	}

	// A phone's width: two header lines, the navigation scrolls sideways,
	// tables scroll in place and the page never gets wider than the screen.
	var headerHeight, navHeight float64
	var navOverflow, userWidth, historyWidth, devicesOverflow string
	var reportTable string
	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(base+"/apps/1/users/qa-eight"),
		chromedp.WaitVisible(`#devices`),
		into(&headerHeight, chromedp.Evaluate[float64](`document.querySelector('.topbar').getBoundingClientRect().height`)),
		into(&navHeight, chromedp.Evaluate[float64](`document.querySelector('.nav').getBoundingClientRect().height`)),
		into(&navOverflow, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.nav')).overflowX`)),
		into(&devicesOverflow, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('#devices').parentElement).overflowX`)),
		into(&userWidth, chromedp.Evaluate[string](`String(document.documentElement.scrollWidth)`)),
		screenshot("walk-390-user"),
		chromedp.Navigate(base+"/apps/1/pushes"),
		chromedp.WaitVisible(`#history`),
		into(&historyWidth, chromedp.Evaluate[string](`String(document.documentElement.scrollWidth)`)),
		screenshot("walk-390-history"),
		chromedp.EmulateViewport(1366, 900),
		// The permalink keeps the devices table the live page shows.
		chromedp.Navigate(base+"/apps/1/users/qa-eight"),
		chromedp.WaitVisible(`#verdict`),
		chromedp.Click(`#verdict .actions button[type=submit]`),
		chromedp.WaitVisible(`a[href$="/markdown"]`),
		into(&reportTable, chromedp.Text(`#devices`)),
		screenshot("walk-report"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if headerHeight > 100 || navHeight > 45 || navOverflow != "auto" {
		t.Errorf("at 390 px: header %.0f px, nav %.0f px, nav overflow %s", headerHeight, navHeight, navOverflow)
	}
	if userWidth != "390" || historyWidth != "390" || devicesOverflow != "auto" {
		t.Errorf("at 390 px: user page %s px wide, history %s px, devices table overflow %s", userWidth, historyWidth, devicesOverflow)
	}
	for _, want := range []string{"Pixel 9", "Mate 70", "BACKGROUND", "#10001"} {
		if !strings.Contains(reportTable, want) {
			t.Errorf("the report's devices table lacks %q:\n%s", want, reportTable)
		}
	}

	// Dark mode follows the system.
	var lightBackground, darkBackground string
	err = chromedp.Do(ctx,
		into(&lightBackground, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`)),
		darkMode(true),
		into(&darkBackground, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`)),
		screenshot("walk-dark"),
		darkMode(false),
	)
	if err != nil {
		t.Fatal(err)
	}
	if lightBackground != "rgb(255, 255, 255)" || darkBackground != "rgb(18, 21, 27)" {
		t.Errorf("body background: light %s, dark %s", lightBackground, darkBackground)
	}

	// htmx says "… returned no matches" for a selector that finds nothing,
	// as hx-disabled-elt did on every user page. (A refused form's 400 is
	// logged too, and is expected here.)
	for _, e := range errors() {
		if strings.Contains(e, "no matches") || strings.Contains(e, "hx-") {
			t.Errorf("the console logged an htmx error: %s", e)
		}
	}
}
