package handlers_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// acceptLanguage sends a browser's language preference on every request.
type acceptLanguage string

func (a acceptLanguage) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Accept-Language", string(a))
	return http.DefaultTransport.RoundTrip(r)
}

func TestAPIErrorMessagesFollowAcceptLanguageWithStableCodes(t *testing.T) {
	e := newEnv(t)
	_, token := e.operator("lang-api@example.com", models.RoleViewer)
	for _, c := range []struct {
		name, method, path, bearer, language string
		status                               int
		code, message                        string
	}{
		{"no bearer, Chinese", http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/pushes", e.app.ID), "", "zh-CN,zh;q=0.9", 401, models.CodeUnauthenticated, "请携带 Authorization: Bearer <token>"},
		{"no bearer, English", http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/pushes", e.app.ID), "", "en-US", 401, models.CodeUnauthenticated, "send Authorization: Bearer <token>"},
		{"no bearer, no header", http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/pushes", e.app.ID), "", "", 401, models.CodeUnauthenticated, "send Authorization: Bearer <token>"},
		{"operator token on the device side", http.MethodPut, "/api/v1/devices/d-1", token, "zh-CN", 401, models.CodeUnauthenticated, "这是成员 Token"},
		{"no route", http.MethodGet, "/api/v1/nothing-here", "", "zh-CN", 404, models.CodeNotFound, "/api/v1/nothing-here 不存在"},
		{"no route, English", http.MethodGet, "/api/v1/nothing-here", "", "en", 404, models.CodeNotFound, "there is nothing at /api/v1/nothing-here"},
		{"role", http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/pushes", e.app.ID), token, "zh-CN", 403, models.CodePermissionDenied, "此操作需要 operator 角色"},
	} {
		t.Run(c.name, func(t *testing.T) {
			req, err := http.NewRequest(c.method, e.srv.URL+c.path, strings.NewReader(`{}`))
			if err != nil {
				t.Fatal(err)
			}
			if c.bearer != "" {
				req.Header.Set("Authorization", "Bearer "+c.bearer)
			}
			client := &http.Client{Transport: acceptLanguage(c.language)}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body struct {
				Error struct{ Code, Message string }
			}
			r := reply{status: resp.StatusCode}
			if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
				t.Fatalf("%d: %v", r.status, err)
			}
			if r.status != c.status || body.Error.Code != c.code || !strings.Contains(body.Error.Message, c.message) {
				t.Fatalf("%d %q %q; want %d %q containing %q", r.status, body.Error.Code, body.Error.Message, c.status, c.code, c.message)
			}
		})
	}
}

func TestPagesFollowTheBrowserThenTheOperatorsChoice(t *testing.T) {
	e := newEnv(t)
	e.operator("lang-page@example.com", models.RoleViewer)
	b := e.browser()
	b.client.Transport = acceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")
	if r := b.signIn("lang-page@example.com", "correct horse battery"); r.status != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", r.status)
	}
	home := fmt.Sprintf("/apps/%d", e.app.ID)
	if r := b.get(home); !strings.Contains(r.body, `<html lang="zh-CN">`) || !strings.Contains(r.body, "谁没收到推送？") || !strings.Contains(r.body, ">设备</a>") {
		t.Fatalf("a Chinese browser's home is not in Chinese: %d %.400s", r.status, r.body)
	}
	profile := b.get("/profile")
	if !strings.Contains(profile.body, `<option value="" selected>跟随浏览器</option>`) {
		t.Fatalf("the profile does not offer the language: %.2000s", profile.body)
	}
	csrf := b.csrf("/profile")
	if r := b.post("/profile/language", url.Values{"_csrf": {csrf}, "language": {"klingon"}}); r.status != http.StatusBadRequest {
		t.Fatalf("an unknown language: %d", r.status)
	}
	if r := b.post("/profile/language", url.Values{"_csrf": {csrf}, "language": {"en"}}); r.status != http.StatusSeeOther || r.header.Get("Location") != "/profile" {
		t.Fatalf("choose English: %d %s", r.status, r.header.Get("Location"))
	}
	if r := b.get(home); !strings.Contains(r.body, `<html lang="en">`) || !strings.Contains(r.body, "Who didn&#39;t get their push?") {
		t.Fatalf("the operator's English does not win over the browser's Chinese: %.400s", r.body)
	}
	if r := b.post("/profile/language", url.Values{"_csrf": {csrf}, "language": {""}}); r.status != http.StatusSeeOther {
		t.Fatalf("follow the browser again: %d", r.status)
	}
	if r := b.get(home); !strings.Contains(r.body, `<html lang="zh-CN">`) {
		t.Fatalf("following the browser again is not Chinese: %.300s", r.body)
	}
}

// A body the API cannot decode is explained in the client's language; the
// code and the field it names stay as they are.
func TestJSONDecodingErrorsFollowAcceptLanguage(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct {
		name, body, language, field, message string
	}{
		{"unknown field, Chinese", `{"nope":1}`, "zh-CN", "nope", `未知字段 "nope"`},
		{"unknown field, English", `{"nope":1}`, "en", "nope", `unknown field "nope"`},
		{"empty, Chinese", ``, "zh-CN,zh;q=0.9", "", "请求体为空：请发送一个 JSON 对象"},
		{"syntax, Chinese", `{"user_id":`, "zh-CN", "", "JSON 请求体不完整"},
		{"array, English", `[1]`, "en-US", "", "the body must be a JSON object"},
	} {
		t.Run(c.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPut, e.srv.URL+"/api/v1/devices/d-lang", strings.NewReader(c.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer "+e.key)
			req.Header.Set("Content-Type", "application/json")
			resp, err := (&http.Client{Transport: acceptLanguage(c.language)}).Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body struct {
				Error struct{ Code, Message, Field string }
			}
			if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
				t.Fatalf("%d: %v", resp.StatusCode, err)
			}
			if resp.StatusCode != http.StatusBadRequest || body.Error.Code != models.CodeInvalid || body.Error.Field != c.field || !strings.Contains(body.Error.Message, c.message) {
				t.Fatalf("%d %+v; want 400 %s field %q containing %q", resp.StatusCode, body.Error, models.CodeInvalid, c.field, c.message)
			}
		})
	}
}
