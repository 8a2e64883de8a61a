package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// QA's loop: a group across users and vendors, one push to it, the matrix,
// a replay, the history's filters, and the audit log of all of it.
func TestGroupsReplayHistoryAndAudit(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	certs := androidCertificates(t, e, admin)
	registerAndroid(t, e, "hw-1", "alice", "huawei", "IQAAAA-1", certs["huawei"])
	registerAndroid(t, e, "mi-1", "bob", "xiaomi", "mi-1", certs["xiaomi"])

	r := e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/groups", e.app.ID), admin, `{"name":"android-matrix","device_ids":["hw-1","nobody"]}`)
	if code, field := r.apiError(t); r.status != 400 || code != models.CodeInvalid || field != "device_ids" {
		t.Fatalf("unknown device: %d %s", r.status, r.body)
	}
	r = e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/groups", e.app.ID), admin, `{"name":"android-matrix","device_ids":["hw-1","mi-1"]}`)
	if r.status != http.StatusCreated || !strings.Contains(r.body, `"size":2`) {
		t.Fatalf("group: %d %s", r.status, r.body)
	}
	if r = e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/groups", e.app.ID), admin, `{"name":"android-matrix"}`); r.status != http.StatusConflict {
		t.Fatalf("duplicate group: %d", r.status)
	}

	p := e.sendPush(t, admin, `{"target":{"group":"android-matrix"},"mode":"force","title":"matrix"}`)
	if p.Target != "group:android-matrix" || len(p.Deliveries) != 2 {
		t.Fatalf("group push: %+v", p)
	}
	e.waitFor(t, admin, p.ID, func(st string) bool { return st == "delivered" })

	b := e.browser()
	b.signIn("admin@example.com", "correct horse battery")
	page := b.get(fmt.Sprintf("/apps/%d/pushes/%d", e.app.ID, p.ID))
	if page.status != 200 || !strings.Contains(page.body, `class="matrix small"`) || strings.Count(page.body, `class="cell ok" data-stage="delivered"`) != 2 {
		t.Fatalf("push page matrix: %d", page.status)
	}
	if page := b.get(fmt.Sprintf("/apps/%d/groups", e.app.ID)); page.status != 200 || !strings.Contains(page.body, "android-matrix") {
		t.Fatalf("groups page: %d", page.status)
	}

	// Replay: the same message to the same target, as a new push.
	r = e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/pushes/%d/replay", e.app.ID, p.ID), admin, "")
	var replay pushView
	r.decode(t, &replay)
	if r.status != http.StatusCreated || replay.ID == p.ID || replay.Target != p.Target || replay.Message.Title != "matrix" || len(replay.Deliveries) != 2 {
		t.Fatalf("replay: %d %s", r.status, r.body)
	}
	// And from the page.
	form := url.Values{"_csrf": {b.csrf(fmt.Sprintf("/apps/%d/pushes/%d", e.app.ID, p.ID))}}
	if r := b.post(fmt.Sprintf("/apps/%d/pushes/%d/replay", e.app.ID, p.ID), form); r.status != http.StatusSeeOther || !strings.Contains(r.header.Get("Location"), "/pushes/") {
		t.Fatalf("replay from the page: %d %s", r.status, r.header.Get("Location"))
	}

	// History filters.
	list := func(query string) int {
		r := e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/pushes?%s", e.app.ID, query), admin, "")
		if r.status != 200 {
			t.Fatalf("history %s: %d %s", query, r.status, r.body)
		}
		var out struct{ Pushes []pushView }
		r.decode(t, &out)
		return len(out.Pushes)
	}
	if n := list("group=android-matrix"); n != 3 {
		t.Errorf("group filter: %d", n)
	}
	if n := list("user=bob&vendor=xiaomi&operator=admin@example.com"); n != 3 {
		t.Errorf("user+vendor filter: %d", n)
	}
	if n := list("user=carol"); n != 0 {
		t.Errorf("no such user: %d", n)
	}
	if n := list(fmt.Sprintf("certificate=%d&stage=delivered", certs["huawei"])); n < 1 {
		t.Errorf("certificate+stage filter: %d", n)
	}
	if r := e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/pushes?stage=teleported", e.app.ID), admin, ""); r.status != 400 {
		t.Errorf("bad stage: %d", r.status)
	}
	if page := b.get(fmt.Sprintf("/apps/%d/pushes?vendor=huawei&from=2000-01-01", e.app.ID)); page.status != 200 || strings.Count(page.body, "data-push=") != 3 {
		t.Errorf("history page: %d", page.status)
	}
	if page := b.get(fmt.Sprintf("/apps/%d/pushes?from=someday", e.app.ID)); page.status != 400 || !strings.Contains(page.body, "from must be a date") {
		t.Errorf("history page with a bad date: %d", page.status)
	}

	// The audit log has all of it, for admins only.
	audit := e.api(http.MethodGet, "/api/v1/audit", admin, "")
	for _, want := range []string{`"action":"sign_in"`, `"action":"certificate.create"`, `"action":"group.create"`, `"action":"push.send"`, `"action":"push.replay"`,
		`"target":"group:android-matrix"`, `"outcome":"refused: device nobody is not registered in this app"`} {
		if !strings.Contains(audit.body, want) {
			t.Errorf("audit lacks %s", want)
		}
	}
	_, opToken := e.operator("qa@example.com", models.RoleOperator)
	if r := e.api(http.MethodGet, "/api/v1/audit", opToken, ""); r.status != http.StatusForbidden {
		t.Errorf("operator reads the audit log: %d", r.status)
	}
	e.browser().signIn("nobody@example.com", "wrong password")
	if page := b.get("/audit?action=sign_in_failed"); page.status != 200 || !strings.Contains(page.body, "nobody@example.com") {
		t.Errorf("audit page: %d", page.status)
	}
}
