package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// The walk's list (issue 17): what confused or slowed a person down on the
// user page, the push pages, groups and reports, each kept fixed here.

// registerNamedIPhone registers a background iPhone with a model name, so
// that name order and device-ID order differ.
func registerNamedIPhone(t *testing.T, e *env, deviceID, user, model, token string, cert int64) {
	t.Helper()
	r := e.api(http.MethodPut, "/api/v1/devices/"+deviceID, e.key, fmt.Sprintf(`{"user_id":%q,"platform":"ios","vendor":"apns","token":%q,"certificate_id":%d,"environment":"production","model":%q}`, user, token, cert, model))
	if r.status != http.StatusOK {
		t.Fatalf("register %s: %d %s", deviceID, r.status, r.body)
	}
	e.api(http.MethodPost, "/api/v1/devices/"+deviceID+"/state", e.key, `{"state":"background","unread":1}`)
}

// inOrder fails unless each needle appears in s after the one before.
func inOrder(t *testing.T, what, s string, needles ...string) {
	t.Helper()
	last := -1
	for _, n := range needles {
		i := strings.Index(s, n)
		if i < 0 {
			t.Fatalf("%s lacks %q", what, n)
		}
		if i < last {
			t.Fatalf("%s: %q comes before %q", what, n, needles[0])
		}
		last = i
	}
}

var pushIDInFragment = regexp.MustCompile(`id="push-(\d+)"`)

func TestUserPageAfterASend(t *testing.T) {
	e := newEnv(t)
	admin, token := e.operator("admin@example.com", models.RoleAdmin)
	cert := sandboxAPNs(t, e, token)
	// Device IDs sort a-phone first; names sort Alpha (z-phone) first.
	registerNamedIPhone(t, e, "a-phone", "alice", "Zulu", strings.Repeat("ab", 28)+"deaddead", cert)
	registerNamedIPhone(t, e, "z-phone", "alice", "Alpha", strings.Repeat("4f2a", 16), cert)
	b := e.browser()
	b.signIn(admin.Email, password)
	page := fmt.Sprintf("/apps/%d/users/alice", e.app.ID)
	before := b.get(page)

	// The composer's disabled-elt stays on the form: the lint inside it
	// must not inherit a selector that finds nothing there.
	for _, want := range []string{`hx-disabled-elt="find button[type=submit]"`, `hx-disinherit="hx-disabled-elt"`, "all 2 devices",
		`name="mode" value="as_im_server" checked`, "class=\"help mode-help\"", `id="header-user"`} {
		if !strings.Contains(before.body, want) {
			t.Errorf("user page lacks %s", want)
		}
	}
	// A fresh composer is not flagged: the empty desc is a note of the
	// default that will be sent.
	form := url.Values{"_csrf": {b.csrf(page)}, "target": {"all"}, "mode": {"as_im_server"}, "apns.push_type": {"alert"}}
	lint := b.htmxPost(t, page+"/pushes/lint", form)
	if !strings.Contains(lint.body, `class="lint-line note" data-code="desc_empty"`) || !strings.Contains(lint.body, "Lint: nothing to flag for 1 certificate.") ||
		strings.Contains(lint.body, "desc is empty") || strings.Contains(lint.body, "(s)") {
		t.Fatalf("fresh composer's lint:\n%s", lint.body)
	}

	sent := b.htmxPost(t, page+"/pushes", form)
	if sent.status != http.StatusOK {
		t.Fatalf("send: %d %s", sent.status, sent.body)
	}
	// The page head's summary and the devices table ride along out of
	// band: the dead token is counted without a reload.
	oobSummary := regexp.MustCompile(`(?s)<p class="summary" id="summary" hx-swap-oob="true">(.*?)</p>`).FindStringSubmatch(sent.body)
	if oobSummary == nil || !strings.Contains(oobSummary[1], "1 of 2 devices can receive") || strings.Contains(before.body, oobSummary[1]) {
		t.Fatalf("summary after the send: %v\n(before: %s)", oobSummary, regexp.MustCompile(`id="summary">[^<]*`).FindString(before.body))
	}
	if !strings.Contains(sent.body, `id="devices-wrap" hx-swap-oob="true"`) || !strings.Contains(sent.body, "DEAD TOKEN") {
		t.Error("the devices table is not refreshed with the send")
	}
	// Rows by device name, then vendor: Alpha before Zulu, here and at
	// every poll, in the list and in the matrix.
	inOrder(t, "results", sent.body, fmt.Sprintf(`href="/apps/%d/devices/z-phone"`, e.app.ID), fmt.Sprintf(`href="/apps/%d/devices/a-phone"`, e.app.ID))
	m := pushIDInFragment.FindStringSubmatch(sent.body)
	if m == nil {
		t.Fatalf("no push in the results:\n%s", sent.body)
	}
	live := b.get(fmt.Sprintf("/apps/%d/pushes/%s/live?matrix=1", e.app.ID, m[1]))
	matrix := live.body[strings.Index(live.body, `class="matrix small"`):]
	inOrder(t, "matrix", matrix, "Alpha", "Zulu")
	inOrder(t, "live rows", live.body[strings.Index(live.body, `class="deliveries"`):], "z-phone", "a-phone")
	// The rejection shows under "accepted", the column it did not reach.
	row := matrix[strings.Index(matrix, "Zulu"):]
	row = row[:strings.Index(row, "</tr>")]
	if strings.Count(row, `class="cell ok"`) != 2 || !strings.Contains(row, `class="cell end" data-stage="rejected"`) || strings.Index(row, "cell end") > strings.Index(row, `class="cell muted"`) {
		t.Errorf("the rejected row of the matrix:\n%s", row)
	}
	if strings.Contains(matrix, "<th>ended</th>") {
		t.Error("the matrix still has the far-right end column")
	}
	// The sandbox's APNs request says where it went.
	if !strings.Contains(sent.body, "# sandbox emulator of api.push.apple.com, in pushcheck: nothing reaches Apple") {
		t.Error("the sandbox request shows Apple's production host bare")
	}

	// A dry run cannot be mistaken for a send.
	form.Set("dry_run", "1")
	dry := b.htmxPost(t, page+"/pushes", form)
	if n := strings.Count(dry.body, `class="delivery st-`); n != 2 || strings.Count(dry.body, " dry-run\" data-delivery=") != 2 ||
		!strings.Contains(dry.body, `<span class="badge dry">DRY RUN</span>`) || !strings.Contains(dry.body, "Nothing was delivered to any phone") {
		t.Fatalf("dry-run results (%d rows):\n%s", n, dry.body)
	}
}

func TestBlockersAskBeforeASend(t *testing.T) {
	d := newDiagnosisEnv(t)
	id := d.certificate(t, "oppo", `"oppo":{"app_key":"k-walk","master_secret":"s","channel_id":"im","category":"IM","region":"cn"}`)
	registerAndroid(t, d.env, "oppo-quota", "q-walk", "oppo", "CN_quota_walk", id)
	registerAndroid(t, d.env, "oppo-fine", "fine-walk", "oppo", "CN_fine_walk", id)
	d.push(t, `{"target":{"user_id":"q-walk"},"title":"t","desc":"d"}`) // OPPO answers over quota
	admin, _ := d.operator("walker@example.com", models.RoleAdmin)
	b := d.browser()
	b.signIn(admin.Email, password)
	page := fmt.Sprintf("/apps/%d/users/fine-walk", d.app.ID)
	form := url.Values{"_csrf": {b.csrf(page)}, "target": {"all"}, "mode": {"as_im_server"}, "title": {"hi"}, "desc": {"there"}}
	pushes := func() int {
		return strings.Count(d.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/pushes", d.app.ID), d.admin, "").body, `"target":"user:fine-walk"`)
	}

	// The over-quota time says its zone, next to UTC.
	lint := b.htmxPost(t, page+"/pushes/lint", form)
	if !regexp.MustCompile(`answered over quota \(33\) for .* at \d\d:\d\d Beijing time \(\d\d:\d\d UTC\) today`).MatchString(lint.body) ||
		!strings.Contains(lint.body, `name="confirm_blockers" value="1"`) || !strings.Contains(lint.body, "Lint: 1 blocker") {
		t.Fatalf("lint with a blocker:\n%s", lint.body)
	}
	// Sent without confirming: refused, nothing written.
	r := b.htmxPost(t, page+"/pushes", form)
	if r.status != http.StatusBadRequest || !strings.Contains(r.body, "Not sent: the lint found 1 blocker: OPPO #") || pushes() != 0 {
		t.Fatalf("unconfirmed send: %d (%d pushes) %s", r.status, pushes(), r.body)
	}
	// The box stays ticked while the lint refreshes, and the send goes.
	form.Set("confirm_blockers", "1")
	if lint := b.htmxPost(t, page+"/pushes/lint", form); !strings.Contains(lint.body, `name="confirm_blockers" value="1" checked`) {
		t.Fatalf("the confirmation is lost on a lint refresh:\n%s", lint.body)
	}
	if r := b.htmxPost(t, page+"/pushes", form); r.status != http.StatusOK || pushes() != 1 {
		t.Fatalf("confirmed send: %d (%d pushes) %s", r.status, pushes(), r.body)
	}
	// A dry run needs no confirmation: nothing reaches a phone.
	form.Del("confirm_blockers")
	form.Set("dry_run", "1")
	if r := b.htmxPost(t, page+"/pushes", form); r.status != http.StatusOK || pushes() != 2 {
		t.Fatalf("dry run with a blocker: %d %s", r.status, r.body)
	}

	// A group send asks the same, keeping what was typed.
	gr := d.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/groups", d.app.ID), d.admin, `{"name":"oppo-walk","device_ids":["oppo-fine"]}`)
	if gr.status != http.StatusCreated {
		t.Fatalf("group: %d %s", gr.status, gr.body)
	}
	groupPage := fmt.Sprintf("/apps/%d/groups/%d", d.app.ID, int64(gr.json(t)["id"].(float64)))
	gform := url.Values{"_csrf": {b.csrf(groupPage)}, "title": {"group hi"}, "desc": {"there"}, "mode": {"force"}}
	r = b.post(groupPage+"/pushes", gform)
	if r.status != http.StatusBadRequest || !strings.Contains(r.body, "Not sent: the lint found 1 blocker") || !strings.Contains(r.body, `value="group hi"`) ||
		!strings.Contains(r.body, `name="confirm_blockers"`) || !strings.Contains(r.body, `value="force" checked`) {
		t.Fatalf("unconfirmed group send: %d %s", r.status, r.body)
	}
	gform.Set("confirm_blockers", "1")
	if r := b.post(groupPage+"/pushes", gform); r.status != http.StatusSeeOther {
		t.Fatalf("confirmed group send: %d %s", r.status, r.body)
	}
}

func TestGroupsPickDevicesAndListUnknownIDs(t *testing.T) {
	e := newEnv(t)
	admin, token := e.operator("admin@example.com", models.RoleAdmin)
	cert := sandboxAPNs(t, e, token)
	registerNamedIPhone(t, e, "bob-1", "bob", "iPhone 16", strings.Repeat("4f2a", 16), cert)
	registerNamedIPhone(t, e, "bob-2", "bob", "iPhone SE", strings.Repeat("4f2b", 16), cert)
	registerNamedIPhone(t, e, "carol-1", "carol", "iPhone 15", strings.Repeat("4f2c", 16), cert)
	b := e.browser()
	b.signIn(admin.Email, password)
	groups := fmt.Sprintf("/apps/%d/groups", e.app.ID)
	if page := b.get(groups); !strings.Contains(page.body, `hx-get="`+groups+`/device-search"`) || !strings.Contains(page.body, `id="group-device-ids"`) {
		t.Fatal("the new-group form has no device picker")
	}
	// A user's devices, or one device by its ID.
	if r := b.get(groups + "/device-search?q=bob"); !strings.Contains(r.body, "data-add-device=\"bob-1\nbob-2\"") && !strings.Contains(r.body, "data-add-device=\"bob-2\nbob-1\"") ||
		!strings.Contains(r.body, "add all 2") || strings.Contains(r.body, "carol-1") {
		t.Fatalf("search for bob:\n%s", r.body)
	}
	if r := b.get(groups + "/device-search?q=carol-1"); !strings.Contains(r.body, `data-add-device="carol-1"`) {
		t.Fatalf("search for a device ID:\n%s", r.body)
	}

	// Unknown IDs are listed, and nothing is written until the operator
	// decides.
	form := url.Values{"_csrf": {b.csrf(groups)}, "name": {"ios-walk"}, "device_ids": {"bob-1\nghost-1, carol-1 ghost-2"}}
	r := b.post(groups, form)
	if r.status != http.StatusBadRequest || !strings.Contains(r.body, "2 device IDs are not registered in this app, so nothing was saved") ||
		!strings.Contains(r.body, "<li>ghost-1</li>") || !strings.Contains(r.body, "<li>ghost-2</li>") || !strings.Contains(r.body, `name="drop_unknown" value="1"`) {
		t.Fatalf("unknown IDs: %d %s", r.status, r.body)
	}
	if list := e.api(http.MethodGet, "/api/v1"+groups, token, ""); strings.Contains(list.body, "ios-walk") {
		t.Fatal("a group was saved with unknown IDs")
	}
	form.Set("drop_unknown", "1")
	r = b.post(groups, form)
	if r.status != http.StatusSeeOther {
		t.Fatalf("create without the unknown IDs: %d %s", r.status, r.body)
	}
	groupPage := r.header.Get("Location")
	if g := e.api(http.MethodGet, "/api/v1"+groupPage, token, ""); !strings.Contains(g.body, `"device_ids":["bob-1","carol-1"]`) {
		t.Fatalf("group: %s", g.body)
	}
	// Changing the devices follows the same rule.
	change := url.Values{"_csrf": {b.csrf(groupPage)}, "device_ids": {"bob-2\nghost-3"}}
	if r := b.post(groupPage+"/devices", change); r.status != http.StatusBadRequest || !strings.Contains(r.body, "1 device ID is not registered") {
		t.Fatalf("unknown ID on change: %d %s", r.status, r.body)
	}
	change.Set("drop_unknown", "1")
	if r := b.post(groupPage+"/devices", change); r.status != http.StatusSeeOther {
		t.Fatalf("change without the unknown ID: %d %s", r.status, r.body)
	}
	// The API names every unknown ID at once.
	api := e.api(http.MethodPut, "/api/v1"+groupPage, token, `{"device_ids":["bob-1","ghost-1","ghost-2"]}`)
	if api.status != http.StatusBadRequest || !strings.Contains(api.body, "2 devices are not registered in this app: ghost-1, ghost-2") {
		t.Fatalf("API with unknown IDs: %d %s", api.status, api.body)
	}

	// The group's sends default to what the user page does, with the reason.
	page := b.get(groupPage)
	if !strings.Contains(page.body, `name="mode" value="as_im_server" checked`) || strings.Contains(page.body, `value="force" checked`) ||
		!strings.Contains(page.body, "class=\"help mode-help\"") || !strings.Contains(page.body, "Send to its only device") {
		t.Fatalf("group composer:\n%s", page.body)
	}
}

func TestReportKeepsTheDevicesTable(t *testing.T) {
	e := newEnv(t)
	admin, token := e.operator("admin@example.com", models.RoleAdmin)
	cert := sandboxAPNs(t, e, token)
	registerNamedIPhone(t, e, "dana-phone", "dana", "iPhone 16 Pro", strings.Repeat("4f2a", 16), cert)
	b := e.browser()
	b.signIn(admin.Email, password)
	page := fmt.Sprintf("/apps/%d/users/dana", e.app.ID)
	r := b.post(page+"/reports", url.Values{"_csrf": {b.csrf(page)}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("report: %d %s", r.status, r.body)
	}
	// The device changes after the report; the report keeps it as it was.
	e.api(http.MethodPost, "/api/v1/devices/dana-phone/state", e.key, `{"state":"foreground"}`)
	report := b.get(r.header.Get("Location"))
	table := report.body[strings.Index(report.body, "Devices when checked"):]
	for _, want := range []string{`id="devices"`, "iPhone 16 Pro", "BACKGROUND", "#" + fmt.Sprint(cert), "SANDBOX", "4f2a4f…4f2a"} {
		if !strings.Contains(table, want) {
			t.Errorf("the report's devices table lacks %q", want)
		}
	}
}
