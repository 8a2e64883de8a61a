package handlers_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

func TestOperatorAPIUserDevicesAndTimeline(t *testing.T) {
	e := newEnv(t)
	_, viewer := e.operator("viewer@example.com", models.RoleViewer)
	e.api(http.MethodPut, "/api/v1/devices/iphone-1", e.key, iosBody)
	e.api(http.MethodPost, "/api/v1/devices/iphone-1/state", e.key, `{"state":"background","unread":5}`)
	e.api(http.MethodPut, "/api/v1/devices/oppo-1", e.key, `{"user_id":"alice","platform":"android","vendor":"oppo","token":"CN_8d02","model":"PHB110"}`)

	r := e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/users/alice/devices", e.app.ID), viewer, "")
	if r.status != http.StatusOK {
		t.Fatalf("user devices: %d %s", r.status, r.body)
	}
	body := r.json(t)
	devices := body["devices"].([]any)
	if len(devices) != 2 || body["summary"].(map[string]any)["devices"].(float64) != 2 {
		t.Fatalf("user devices: %s", r.body)
	}
	first := devices[0].(map[string]any)
	if first["device_id"] != "oppo-1" || first["reachability"].(map[string]any)["ok"] != false {
		t.Fatalf("newest report first, with its reachability: %s", r.body)
	}

	r = e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/devices/iphone-1", e.app.ID), viewer, "")
	if r.status != http.StatusOK || !strings.Contains(r.body, `"kind":"background"`) || !strings.Contains(r.body, `"detail":"5 unread"`) {
		t.Fatalf("device with timeline: %d %s", r.status, r.body)
	}

	r = e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/devices?vendor=oppo", e.app.ID), viewer, "")
	if r.status != http.StatusOK || len(r.json(t)["devices"].([]any)) != 1 || !strings.Contains(r.body, `"by_vendor":{"apns":1,"oppo":1}`) {
		t.Fatalf("device list: %d %s", r.status, r.body)
	}
	r = e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/devices?state=sleeping", e.app.ID), viewer, "")
	if code, field := r.apiError(t); r.status != 400 || code != "invalid_argument" || field != "state" {
		t.Fatalf("bad filter: %d %s", r.status, r.body)
	}

	for _, path := range []string{"/api/v1/apps/999/users/alice/devices", fmt.Sprintf("/api/v1/apps/%d/devices/nope", e.app.ID), "/api/v1/nothing-here"} {
		if r := e.api(http.MethodGet, path, viewer, ""); r.status != http.StatusNotFound {
			t.Errorf("%s: %d %s", path, r.status, r.body)
		} else if code, _ := r.apiError(t); code != "not_found" {
			t.Errorf("%s: code %s", path, code)
		}
	}
}

func TestOperatorAPIRolesAndApps(t *testing.T) {
	e := newEnv(t)
	_, viewer := e.operator("viewer@example.com", models.RoleViewer)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)

	if r := e.api(http.MethodGet, "/api/v1/apps", "", ""); r.status != http.StatusUnauthorized {
		t.Fatalf("no token: %d", r.status)
	}
	if r := e.api(http.MethodGet, "/api/v1/apps", e.key, ""); r.status != http.StatusUnauthorized || !strings.Contains(r.body, "app API key") {
		t.Fatalf("device key on operator API: %d %s", r.status, r.body)
	}
	r := e.api(http.MethodPost, "/api/v1/apps", viewer, `{"name":"Other"}`)
	if code, _ := r.apiError(t); r.status != http.StatusForbidden || code != "permission_denied" {
		t.Fatalf("viewer creating an app: %d %s", r.status, r.body)
	}
	r = e.api(http.MethodPost, "/api/v1/apps", admin, `{"name":"  "}`)
	if code, field := r.apiError(t); r.status != 400 || code != "invalid_argument" || field != "name" {
		t.Fatalf("empty name: %d %s", r.status, r.body)
	}
	r = e.api(http.MethodPost, "/api/v1/apps", admin, `{"name":"Other IM"}`)
	if r.status != http.StatusCreated {
		t.Fatalf("create app: %d %s", r.status, r.body)
	}
	created := r.json(t)
	key, _ := created["api_key"].(string)
	if !strings.HasPrefix(key, models.PrefixAPIKey) {
		t.Fatalf("new app's key: %s", r.body)
	}
	// The key works at once for the new app only.
	if r := e.api(http.MethodPut, "/api/v1/devices/d1", key, iosBody); r.status != http.StatusOK {
		t.Fatalf("new key: %d %s", r.status, r.body)
	}
	r = e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/users/alice/devices", e.app.ID), viewer, "")
	if n := len(r.json(t)["devices"].([]any)); n != 0 {
		t.Fatalf("a device of the new app shows in the first app: %d", n)
	}
	r = e.api(http.MethodGet, "/api/v1/apps", viewer, "")
	if r.status != 200 || strings.Contains(r.body, "api_key") || !strings.Contains(r.body, "Other IM") {
		t.Fatalf("listing apps must not show keys: %s", r.body)
	}
}
