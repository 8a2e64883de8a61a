package handlers_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// sandboxAPNs adds a sandbox APNs certificate through the API and returns
// its ID.
func sandboxAPNs(t *testing.T, e *env, admin string) int64 {
	t.Helper()
	body := `{"vendor":"apns","name":"Sandbox APNs","environment":"sandbox","apns":{"bundle_id":"com.example.im","auth":"token","key_id":"ABC123DEFG","team_id":"TEAM123456","p8":"` +
		base64.StdEncoding.EncodeToString(p8PEM(t)) + `"}}`
	r := e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/certificates", e.app.ID), admin, body)
	if r.status != http.StatusCreated {
		t.Fatalf("certificate: %d %s", r.status, r.body)
	}
	return int64(r.json(t)["id"].(float64))
}

func registerIPhone(t *testing.T, e *env, deviceID, user, token string, cert int64, background bool) {
	t.Helper()
	r := e.api(http.MethodPut, "/api/v1/devices/"+deviceID, e.key, fmt.Sprintf(`{"user_id":%q,"platform":"ios","vendor":"apns","token":%q,"certificate_id":%d,"environment":"production","model":"iPhone"}`, user, token, cert))
	if r.status != 200 {
		t.Fatalf("register: %d %s", r.status, r.body)
	}
	if background {
		e.api(http.MethodPost, "/api/v1/devices/"+deviceID+"/state", e.key, `{"state":"background","unread":1}`)
	}
}

func deliveriesByDevice(t *testing.T, r reply) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, d := range r.json(t)["deliveries"].([]any) {
		m := d.(map[string]any)
		out[m["device_id"].(string)] = m
	}
	return out
}

func TestPushAPIThroughTheSandbox(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	_, viewer := e.operator("viewer@example.com", models.RoleViewer)
	cert := sandboxAPNs(t, e, admin)
	good := strings.Repeat("4f2a", 16)
	dead := strings.Repeat("ab", 28) + "deaddead"
	registerIPhone(t, e, "bg-phone", "alice", good, cert, true)
	registerIPhone(t, e, "dead-phone", "alice", dead, cert, true)
	registerIPhone(t, e, "fg-phone", "alice", good, cert, false)
	registerIPhone(t, e, "nocert-phone", "alice", good, 99999, true)
	path := fmt.Sprintf("/api/v1/apps/%d/pushes", e.app.ID)

	if r := e.api(http.MethodPost, path, viewer, `{"target":{"user_id":"alice"}}`); r.status != http.StatusForbidden {
		t.Fatalf("viewer sent a push: %d", r.status)
	}
	r := e.api(http.MethodPost, path, admin, `{"target":{"user_id":"alice"},"title":"Bob","desc":"hello","ext":"{\"c\":1}","badge":3}`)
	if r.status != http.StatusCreated {
		t.Fatalf("push: %d %s", r.status, r.body)
	}
	ds := deliveriesByDevice(t, r)
	if d := ds["bg-phone"]; d["status"] != "accepted" || d["vendor_message_id"] == "" || d["latency_ms"] == nil {
		t.Errorf("background phone: %v", d)
	}
	if d := ds["dead-phone"]; d["status"] != "rejected" || d["code"] != "Unregistered" || !strings.Contains(d["fix"].(string), "new token") {
		t.Errorf("dead token: %v", d)
	}
	if d := ds["fg-phone"]; d["status"] != "skipped" || !strings.Contains(d["explanation"].(string), "foreground") {
		t.Errorf("foreground phone: %v", d)
	}
	if d := ds["nocert-phone"]; d["status"] != "skipped" || !strings.Contains(d["explanation"].(string), "99999") {
		t.Errorf("unknown certificate: %v", d)
	}
	dev, _ := e.store.DeviceByDeviceID(context.Background(), e.app.ID, "dead-phone")
	if dev.TokenDeadAt == nil || !strings.Contains(dev.TokenDeadReason, "Unregistered") {
		t.Errorf("the dead token was not marked: %+v", dev)
	}

	// force sends to the foreground phone too; the stored push reads back.
	r = e.api(http.MethodPost, path, admin, `{"target":{"device_ids":["fg-phone"]},"mode":"force"}`)
	if d := deliveriesByDevice(t, r)["fg-phone"]; r.status != 201 || d["status"] != "accepted" {
		t.Fatalf("force: %d %s", r.status, r.body)
	}
	id := int64(r.json(t)["id"].(float64))
	// The request ID of the push reaches the log line of its vendor call,
	// through the context alone.
	rid := r.header.Get("X-Request-ID")
	if !strings.Contains(e.logs.String(), `msg="vendor call" method=POST host=api.push.apple.com status=200`) ||
		!regexp.MustCompile(`msg="vendor call".*request_id=`+rid).MatchString(e.logs.String()) {
		t.Errorf("no vendor call logged with request ID %q:\n%s", rid, e.logs.String())
	}
	got := e.api(http.MethodGet, fmt.Sprintf("%s/%d", path, id), viewer, "")
	if got.status != 200 || !strings.Contains(got.body, `"title":"admin@example.com"`) || !strings.Contains(got.body, models.DefaultDesc) {
		t.Fatalf("stored push with the default title and desc: %d %s", got.status, got.body)
	}
	if strings.Contains(got.body, "bearer ey") {
		t.Fatal("the stored request holds the JWT")
	}

	for _, c := range []struct{ body, field string }{
		{`{"target":{}}`, "target"},
		{`{"target":{"user_id":"nobody"}}`, "target.user_id"},
		{`{"target":{"device_ids":["ghost"]}}`, "target.device_ids"},
		{`{"target":{"user_id":"alice"},"mode":"loud"}`, "mode"},
		{`{"target":{"user_id":"alice"},"badge":-1}`, "badge"},
		{`{"target":{"user_id":"alice"},"apns":{"priority":7}}`, "apns.priority"},
	} {
		r := e.api(http.MethodPost, path, admin, c.body)
		if code, field := r.apiError(t); r.status != 400 || code != "invalid_argument" || field != c.field {
			t.Errorf("%s → %d %s", c.body, r.status, r.body)
		}
	}
}

func TestComposerSendsFromTheUserPage(t *testing.T) {
	e := newEnv(t)
	admin, token := e.operator("admin@example.com", models.RoleAdmin)
	cert := sandboxAPNs(t, e, token)
	registerIPhone(t, e, "bg-phone", "alice", strings.Repeat("4f2a", 16), cert, true)
	b := e.browser()
	b.signIn(admin.Email, password)
	csrf := b.csrf(fmt.Sprintf("/apps/%d/users/alice", e.app.ID))
	form := url.Values{"_csrf": {csrf}, "target": {"all"}, "mode": {"as_im_server"}, "title": {"Hi"}, "desc": {"there"}, "apns.push_type": {"alert"}, "fcm.priority": {"high"}}
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+fmt.Sprintf("/apps/%d/users/alice/pushes", e.app.ID), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	resp, err := b.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || !strings.Contains(string(body), "accepted") || strings.Contains(string(body), "<html") {
		t.Fatalf("composer fragment: %d %s", resp.StatusCode, body)
	}
	// A viewer sees no composer and may not post to it.
	viewer, _ := e.operator("viewer@example.com", models.RoleViewer)
	vb := e.browser()
	vb.signIn(viewer.Email, password)
	if page := vb.get(fmt.Sprintf("/apps/%d/users/alice", e.app.ID)); strings.Contains(page.body, `id="composer"`) {
		t.Fatal("a viewer sees the composer")
	}
	if r := vb.post(fmt.Sprintf("/apps/%d/users/alice/pushes", e.app.ID), url.Values{"_csrf": {vb.csrf("/profile")}}); r.status != http.StatusForbidden {
		t.Fatalf("viewer posted a push: %d", r.status)
	}
}

func TestTestConnection(t *testing.T) {
	e := newEnv(t)
	admin, token := e.operator("admin@example.com", models.RoleAdmin)
	cert := sandboxAPNs(t, e, token)
	r := e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/certificates/%d/check", e.app.ID, cert), token, "")
	if r.status != 200 || r.json(t)["ok"] != true || !strings.Contains(r.body, "authenticated") {
		t.Fatalf("check: %d %s", r.status, r.body)
	}
	b := e.browser()
	b.signIn(admin.Email, password)
	page := b.get(fmt.Sprintf("/apps/%d/certificates/%d", e.app.ID, cert))
	if !strings.Contains(between(page.body, `id="last-check"`, "</dd>"), "✓") {
		t.Fatalf("the stored check is not shown")
	}
	// The Android vendors check too: vivo through its auth call, here to
	// the sandbox's emulator.
	r = e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/certificates", e.app.ID), token, `{"vendor":"vivo","name":"v","environment":"sandbox","vivo":{"app_id":"1","app_key":"k","app_secret":"s"}}`)
	vivo := int64(r.json(t)["id"].(float64))
	if r := e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/certificates/%d/check", e.app.ID, vivo), token, ""); r.status != 200 || r.json(t)["ok"] != true || !strings.Contains(r.body, "authToken") {
		t.Fatalf("vivo check: %d %s", r.status, r.body)
	}
}
