package handlers_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

const iosBody = `{"user_id":"alice","platform":"ios","vendor":"apns","token":"4F2A000000000000000000000000000000000000000000000000000000009C1E","certificate_id":15518,"environment":"production","model":"iPhone 15","notifications_enabled":true}`

func TestDeviceAPIRegisterStateLogoutDelete(t *testing.T) {
	e := newEnv(t)
	r := e.api(http.MethodPut, "/api/v1/devices/iphone-1", e.key, iosBody)
	if r.status != http.StatusOK {
		t.Fatalf("register: %d %s", r.status, r.body)
	}
	body := r.json(t)
	if body["token"] != strings.ToLower("4F2A000000000000000000000000000000000000000000000000000000009C1E") || body["state"] != "foreground" || body["certificate_known"] != false {
		t.Fatalf("register reply: %s", r.body)
	}
	if !strings.Contains(r.body, `"certificate_unknown"`) {
		t.Errorf("an unknown certificate is accepted but warned about: %s", r.body)
	}

	r = e.api(http.MethodPost, "/api/v1/devices/iphone-1/state", e.key, `{"state":"background","unread":3}`)
	if r.status != http.StatusOK || r.json(t)["state"] != "background" {
		t.Fatalf("state: %d %s", r.status, r.body)
	}
	r = e.api(http.MethodPost, "/api/v1/devices/iphone-1/logout", e.key, "")
	if r.status != http.StatusOK || r.json(t)["state"] != "logged_out" {
		t.Fatalf("logout: %d %s", r.status, r.body)
	}
	r = e.api(http.MethodPost, "/api/v1/devices/iphone-1/logout", e.key, `{"reason":"kicked"}`)
	if r.status != http.StatusOK || r.json(t)["state"] != "kicked" {
		t.Fatalf("kick: %d %s", r.status, r.body)
	}
	d, err := e.store.DeviceByDeviceID(context.Background(), e.app.ID, "iphone-1")
	if err != nil {
		t.Fatal(err)
	}
	events, _ := e.store.DeviceTimeline(context.Background(), d.ID, 0, 10)
	if len(events) != 4 { // registered, background, logout, kicked
		t.Fatalf("timeline has %d events, want 4", len(events))
	}

	if r = e.api(http.MethodDelete, "/api/v1/devices/iphone-1", e.key, ""); r.status != http.StatusNoContent {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	r = e.api(http.MethodPost, "/api/v1/devices/iphone-1/state", e.key, `{"state":"foreground"}`)
	if code, field := r.apiError(t); r.status != http.StatusNotFound || code != "not_found" || field != "device_id" {
		t.Fatalf("state after delete: %d %s", r.status, r.body)
	}
}

func TestDeviceAPIRejectsBadInputAndWritesNothing(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name, method, path, body string
		status                   int
		code, field              string
	}{
		{"unknown vendor", "PUT", "/d1", strings.Replace(iosBody, `"apns"`, `"nokia"`, 1), 400, "invalid_argument", "vendor"},
		{"apns on android", "PUT", "/d1", strings.Replace(iosBody, `"ios"`, `"android"`, 1), 400, "invalid_argument", "vendor"},
		{"apns token not hex", "PUT", "/d1", strings.Replace(iosBody, "4F2A0000", "<4F2A 00", 1), 400, "invalid_argument", "token"},
		{"empty token", "PUT", "/d1", `{"user_id":"a","platform":"android","vendor":"oppo","token":""}`, 400, "invalid_argument", "token"},
		{"missing user", "PUT", "/d1", `{"platform":"android","vendor":"oppo","token":"t"}`, 400, "invalid_argument", "user_id"},
		{"negative certificate", "PUT", "/d1", `{"user_id":"a","platform":"android","vendor":"oppo","token":"t","certificate_id":-1}`, 400, "invalid_argument", "certificate_id"},
		{"certificate as string", "PUT", "/d1", `{"user_id":"a","platform":"android","vendor":"oppo","token":"t","certificate_id":"15518"}`, 400, "invalid_argument", "certificate_id"},
		{"unknown field", "PUT", "/d1", `{"user_id":"a","platform":"android","vendor":"oppo","token":"t","certificateId":1}`, 400, "invalid_argument", "certificateId"},
		{"malformed JSON", "PUT", "/d1", `{"user_id":`, 400, "invalid_argument", ""},
		{"two objects", "PUT", "/d1", `{"user_id":"a","platform":"android","vendor":"oppo","token":"t"}{}`, 400, "invalid_argument", ""},
		{"empty body", "PUT", "/d1", ``, 400, "invalid_argument", ""},
		{"oversized body", "PUT", "/d1", `{"user_id":"` + strings.Repeat("a", 20<<10) + `"}`, 413, "payload_too_large", ""},
		{"bad device id", "PUT", "/bad%20id", `{"user_id":"a","platform":"android","vendor":"oppo","token":"t"}`, 400, "invalid_argument", "device_id"},
		{"negative unread", "POST", "/d1/state", `{"state":"background","unread":-1}`, 400, "invalid_argument", "unread"},
		{"bad state", "POST", "/d1/state", `{"state":"asleep"}`, 400, "invalid_argument", "state"},
		{"bad logout reason", "POST", "/d1/logout", `{"reason":"bored"}`, 400, "invalid_argument", "reason"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.api(c.method, "/api/v1/devices"+c.path, e.key, c.body)
			code, field := r.apiError(t)
			if r.status != c.status || code != c.code || field != c.field {
				t.Fatalf("got %d %s field %q, want %d %s field %q: %s", r.status, code, field, c.status, c.code, c.field, r.body)
			}
		})
	}
	page, err := e.store.ListDevices(context.Background(), e.app.ID, models.DeviceFilter{})
	if err != nil || len(page.Devices) != 0 {
		t.Fatalf("rejected requests wrote %d devices (%v)", len(page.Devices), err)
	}
}

func TestDeviceAPIAuthentication(t *testing.T) {
	e := newEnv(t)
	_, opToken := e.operator("ops@example.com", models.RoleAdmin)
	for _, c := range []struct{ name, bearer, want string }{
		{"no key", "", "Authorization"},
		{"unknown key", "pck_nope", "unknown or revoked"},
		{"operator token", opToken, "operator token"},
	} {
		r := e.api(http.MethodPut, "/api/v1/devices/d1", c.bearer, iosBody)
		if code, _ := r.apiError(t); r.status != http.StatusUnauthorized || code != "unauthenticated" || !strings.Contains(r.body, c.want) {
			t.Errorf("%s: %d %s", c.name, r.status, r.body)
		}
	}
	keys, _ := e.store.APIKeysOfApp(context.Background(), e.app.ID)
	if err := e.store.RevokeAPIKey(context.Background(), e.app.ID, keys[0].ID); err != nil {
		t.Fatal(err)
	}
	if r := e.api(http.MethodPut, "/api/v1/devices/d1", e.key, iosBody); r.status != http.StatusUnauthorized {
		t.Errorf("revoked key still works: %d", r.status)
	}
}
