package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

const password = "correct horse battery"

func TestPagesNeedASession(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	for _, path := range []string{"/", fmt.Sprintf("/apps/%d/users/alice", e.app.ID), "/operators", "/profile"} {
		r := b.get(path)
		if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/login") {
			t.Errorf("%s without a session: %d → %s", path, r.status, r.header.Get("Location"))
		}
	}
	r := b.get("/healthz")
	if r.status != 200 || r.header.Get("X-Request-Id") == "" {
		t.Errorf("healthz: %d, request id %q", r.status, r.header.Get("X-Request-Id"))
	}
	if r := b.get("/readyz"); r.status != 200 || !strings.Contains(r.body, "ready") {
		t.Errorf("readyz: %d %s", r.status, r.body)
	}
	r = b.get("/login")
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"} {
		if r.header.Get(h) == "" {
			t.Errorf("missing security header %s", h)
		}
	}
}

func TestSignInThrottleAndSignOut(t *testing.T) {
	e := newEnv(t)
	e.operator("ops@example.com", models.RoleOperator)
	b := e.browser()

	r := b.post("/login", url.Values{"email": {"ops@example.com"}, "password": {password}})
	if r.status != http.StatusForbidden {
		t.Fatalf("sign-in without the form token: %d", r.status)
	}
	if r = b.signIn("ops@example.com", "wrong password"); r.status != http.StatusUnauthorized || !strings.Contains(r.body, "Wrong email or password") {
		t.Fatalf("wrong password: %d", r.status)
	}
	if r = b.signIn("ops@example.com", password); r.status != http.StatusSeeOther {
		t.Fatalf("sign-in: %d %s", r.status, r.body)
	}
	home := b.get(fmt.Sprintf("/apps/%d", e.app.ID))
	if home.status != 200 || !strings.Contains(home.body, "Who didn&#39;t get their push?") {
		t.Fatalf("home after sign-in: %d", home.status)
	}
	// Sign out needs the CSRF token; afterwards the old cookie is dead.
	if r = b.post("/logout", url.Values{}); r.status != http.StatusForbidden {
		t.Fatalf("logout without CSRF: %d", r.status)
	}
	token := csrfField.FindStringSubmatch(home.body)[1]
	if r = b.post("/logout", url.Values{"_csrf": {token}}); r.status != http.StatusSeeOther {
		t.Fatalf("logout: %d", r.status)
	}
	if r = b.get(fmt.Sprintf("/apps/%d", e.app.ID)); r.status != http.StatusSeeOther {
		t.Fatalf("page after logout: %d", r.status)
	}

	// Five failures lock the account, even for the right password.
	attacker := e.browser()
	for i := 0; i < 5; i++ {
		attacker.signIn("ops@example.com", "guess")
	}
	r = attacker.signIn("ops@example.com", password)
	if r.status != http.StatusTooManyRequests || !strings.Contains(r.body, "Too many failed sign-ins") {
		t.Fatalf("after 5 failures: %d", r.status)
	}
}

func TestRolesAreEnforcedOnTheServer(t *testing.T) {
	e := newEnv(t)
	viewer, _ := e.operator("viewer@example.com", models.RoleViewer)
	e.operator("admin@example.com", models.RoleAdmin)
	vb := e.browser()
	vb.signIn(viewer.Email, password)
	token := vb.csrf("/profile")
	for _, c := range []struct{ method, path string }{
		{"GET", "/operators"}, {"GET", "/apps"}, {"POST", "/apps"}, {"POST", "/operators"},
		{"GET", fmt.Sprintf("/apps/%d/settings", e.app.ID)},
	} {
		var r reply
		if c.method == "GET" {
			r = vb.get(c.path)
		} else {
			r = vb.post(c.path, url.Values{"_csrf": {token}, "name": {"x"}})
		}
		if r.status != http.StatusForbidden {
			t.Errorf("viewer %s %s: %d", c.method, c.path, r.status)
		}
	}
	if r := vb.get(fmt.Sprintf("/apps/%d/users/alice", e.app.ID)); r.status != 200 {
		t.Errorf("viewer reading a user: %d", r.status)
	}
}

func TestAdminManagesOperatorsAndApps(t *testing.T) {
	e := newEnv(t)
	admin, _ := e.operator("admin@example.com", models.RoleAdmin)
	ab := e.browser()
	ab.signIn(admin.Email, password)
	token := ab.csrf("/operators")

	r := ab.post("/operators", url.Values{"_csrf": {token}, "email": {"new@example.com"}, "role": {"operator"}, "password": {"short"}})
	if r.status != http.StatusBadRequest || !strings.Contains(r.body, "at least 10 characters") {
		t.Fatalf("weak password: %d", r.status)
	}
	r = ab.post("/operators", url.Values{"_csrf": {token}, "email": {"new@example.com"}, "role": {"operator"}, "password": {password}})
	if r.status != http.StatusCreated || !strings.Contains(r.body, "Added new@example.com as operator") {
		t.Fatalf("add operator: %d", r.status)
	}
	if r = ab.post("/operators", url.Values{"_csrf": {token}, "email": {"new@example.com"}, "role": {"viewer"}, "password": {password}}); r.status != http.StatusConflict {
		t.Fatalf("duplicate operator: %d", r.status)
	}

	// The new operator signs in; disabling them ends that session at once.
	nb := e.browser()
	if r = nb.signIn("new@example.com", password); r.status != http.StatusSeeOther {
		t.Fatalf("new operator sign-in: %d", r.status)
	}
	op, _ := e.store.OperatorByEmail(context.Background(), "new@example.com")
	r = ab.post(fmt.Sprintf("/operators/%d", op.ID), url.Values{"_csrf": {token}, "role": {"viewer"}, "disabled": {"1"}})
	if r.status != http.StatusOK || !strings.Contains(r.body, "disabled") {
		t.Fatalf("disable: %d", r.status)
	}
	if r = nb.get("/profile"); r.status != http.StatusSeeOther {
		t.Fatalf("disabled operator's session still works: %d", r.status)
	}
	if r = nb.signIn("new@example.com", password); r.status != http.StatusForbidden {
		t.Fatalf("disabled operator signing in: %d", r.status)
	}
	// The last admin cannot demote themself.
	r = ab.post(fmt.Sprintf("/operators/%d", admin.ID), url.Values{"_csrf": {token}, "role": {"viewer"}})
	if r.status != http.StatusConflict || !strings.Contains(r.body, "last enabled admin") {
		t.Fatalf("demoting the last admin: %d", r.status)
	}

	// Apps: create shows the key once; revoke stops it.
	r = ab.post("/apps", url.Values{"_csrf": {token}, "name": {"Second IM"}})
	if r.status != http.StatusCreated {
		t.Fatalf("create app: %d", r.status)
	}
	key := between(r.body, `id="new-key-value">`, "<")
	if !strings.HasPrefix(key, models.PrefixAPIKey) {
		t.Fatalf("new key not shown: %q", key)
	}
	if r := e.api(http.MethodPut, "/api/v1/devices/d1", key, iosBody); r.status != 200 {
		t.Fatalf("new key: %d", r.status)
	}
	apps, _ := e.store.Apps(context.Background())
	second := apps[len(apps)-1]
	keys, _ := e.store.APIKeysOfApp(context.Background(), second.ID)
	if r = ab.post(fmt.Sprintf("/apps/%d/keys/%d/revoke", second.ID, keys[0].ID), url.Values{"_csrf": {token}}); r.status != http.StatusSeeOther {
		t.Fatalf("revoke: %d", r.status)
	}
	if r := e.api(http.MethodPut, "/api/v1/devices/d1", key, iosBody); r.status != http.StatusUnauthorized {
		t.Fatalf("revoked key: %d", r.status)
	}
	if settings := ab.get(fmt.Sprintf("/apps/%d/settings", second.ID)); strings.Contains(settings.body, key) {
		t.Fatal("the settings page shows a key after issuing it")
	}
}

func TestProfileTokens(t *testing.T) {
	e := newEnv(t)
	op, _ := e.operator("ops@example.com", models.RoleOperator)
	b := e.browser()
	b.signIn(op.Email, password)
	r := b.post("/profile/tokens", url.Values{"_csrf": {b.csrf("/profile")}, "name": {"QA CI"}})
	token := between(r.body, `id="new-token-value">`, "<")
	if r.status != http.StatusCreated || !strings.HasPrefix(token, models.PrefixOperatorToken) {
		t.Fatalf("create token: %d %q", r.status, token)
	}
	if r := e.api(http.MethodGet, "/api/v1/apps", token, ""); r.status != 200 {
		t.Fatalf("new token: %d", r.status)
	}
}

func TestSetupLinkCreatesTheFirstAdminOnce(t *testing.T) {
	e := newEnv(t)
	link, err := e.store.CreateSetupToken(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b := e.browser()
	if r := b.get("/setup?token=wrong"); r.status != http.StatusForbidden {
		t.Fatalf("wrong setup token: %d", r.status)
	}
	form := url.Values{"_csrf": {b.csrf("/setup?token=" + link)}, "token": {link}, "email": {"first@example.com"},
		"password": {password}, "password_confirm": {password}}
	if r := b.post("/setup", form); r.status != http.StatusSeeOther {
		t.Fatalf("setup: %d %s", r.status, r.body)
	}
	if r := b.get("/operators"); r.status != 200 {
		t.Fatalf("first admin is signed in as admin: %d", r.status)
	}
	if r := e.browser().get("/setup?token=" + link); r.status != http.StatusForbidden {
		t.Fatalf("setup link reused: %d", r.status)
	}
}

func TestUserAndDevicePages(t *testing.T) {
	e := newEnv(t)
	op, _ := e.operator("viewer@example.com", models.RoleViewer)
	e.api(http.MethodPut, "/api/v1/devices/iphone-1", e.key, iosBody)
	e.api(http.MethodPost, "/api/v1/devices/iphone-1/state", e.key, `{"state":"background","unread":5}`)
	b := e.browser()
	b.signIn(op.Email, password)

	r := b.get(fmt.Sprintf("/apps/%d/lookup?user=alice", e.app.ID))
	if r.status != http.StatusSeeOther || r.header.Get("Location") != fmt.Sprintf("/apps/%d/users/alice", e.app.ID) {
		t.Fatalf("lookup: %d → %s", r.status, r.header.Get("Location"))
	}
	r = b.get(r.header.Get("Location"))
	for _, want := range []string{"iPhone 15", "BACKGROUND", "5 unread", "#15518", "UNKNOWN", "4f2a00…9c1e", "The only device cannot receive offline push", "reports certificate #15518, which does not exist", "does not exist in this app"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("user page lacks %q", want)
		}
	}
	if r = b.get(fmt.Sprintf("/apps/%d/users/nobody", e.app.ID)); r.status != 200 || !strings.Contains(r.body, "No devices registered") {
		t.Errorf("unknown user: %d", r.status)
	}
	if r = b.get(fmt.Sprintf("/apps/%d/users/%s", e.app.ID, url.PathEscape("weird user/ü"))); r.status != 200 || !strings.Contains(r.body, "weird user/ü") {
		t.Errorf("user ID with a slash and a space: %d", r.status)
	}
	home := b.get(fmt.Sprintf("/apps/%d", e.app.ID))
	if recent := between(home.body, `id="recent"`, "</p>"); !strings.Contains(recent, "nobody") || !strings.Contains(recent, "alice") ||
		strings.Index(recent, "nobody") > strings.Index(recent, "alice") {
		t.Errorf("recent lookups, newest first: %q", recent)
	}
	r = b.get(fmt.Sprintf("/apps/%d/devices/iphone-1", e.app.ID))
	if r.status != 200 || !strings.Contains(r.body, `id="timeline"`) || !strings.Contains(r.body, "Registered") || !strings.Contains(r.body, `<span id="device-title">iPhone 15</span>`) {
		t.Errorf("device page: %d", r.status)
	}
	if !strings.Contains(r.body, `id="verdict"`) || !strings.Contains(r.body, "Reports certificate #15518, which does not exist") {
		t.Errorf("device page lacks its verdict")
	}
	r = b.get(fmt.Sprintf("/apps/%d/devices?vendor=apns&state=background", e.app.ID))
	if r.status != 200 || !strings.Contains(r.body, "iphone-1") {
		t.Errorf("filtered list: %d", r.status)
	}
	if r = b.get(fmt.Sprintf("/apps/%d/devices?vendor=nokia", e.app.ID)); r.status != 400 || !strings.Contains(r.body, "unknown vendor") {
		t.Errorf("bad filter: %d", r.status)
	}
	if r = b.get("/apps/999"); r.status != 404 {
		t.Errorf("unknown app: %d", r.status)
	}
	// The user page reads the devices beside the app: an unknown app is
	// still a 404 page, never another app's devices.
	if r = b.get("/apps/999/users/alice"); r.status != 404 || !strings.Contains(r.body, "app 999 does not exist") {
		t.Errorf("user of an unknown app: %d %s", r.status, between(r.body, "<main", "</main>"))
	}
}

func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	s = s[i+len(start):]
	if j := strings.Index(s, end); j >= 0 {
		return s[:j]
	}
	return s
}
