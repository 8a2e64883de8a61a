package harmony

import (
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

// The emulator must refuse what Huawei refuses, with Huawei's code, and
// take what Huawei takes. Every rule of emulator_rules.go and
// emulator_auth.go has a row here, sent over HTTP.

// startHarmony serves an emulator knowing the test project's key, with
// the IM right and without the call right.
func startHarmony(t *testing.T) (*httptest.Server, *Emulator, *rsa.PrivateKey) {
	t.Helper()
	em := NewEmulator()
	key := newKey(t)
	em.Register(testProject, testKeyID, testSubAccount, &key.PublicKey)
	em.Grant(testProject, []string{"IM"}, false)
	srv := httptest.NewServer(em)
	t.Cleanup(srv.Close)
	return srv, em, key
}

// goodClaims are a JWT's claims as Huawei's guide has them.
func goodClaims() map[string]any {
	now := time.Now().Unix()
	return map[string]any{"iss": testSubAccount, "aud": audience, "iat": now, "exp": now + 3600}
}

func goodHeader() map[string]any {
	return map[string]any{"kid": testKeyID, "typ": "JWT", "alg": "PS256"}
}

// validBody is pushcheck's own request for a plain message, as a map to
// break.
func validBody(t *testing.T, msg vendors.Message, tokens ...string) map[string]any {
	t.Helper()
	raw, err := json.Marshal(buildRequest(msg, testCert(1), "x").body)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if len(tokens) == 0 {
		tokens = []string{sentToken}
	}
	list := make([]any, len(tokens))
	for i, tok := range tokens {
		list[i] = tok
	}
	vendortest.Edit(m, "target.token", list)
	return m
}

func plainMessage() vendors.Message {
	return vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"c":1}`, DeliveryID: "dlv-1"}
}

// post sends a body (a map, or raw bytes) and returns the HTTP status and
// Huawei's answer.
func post(t *testing.T, srv *httptest.Server, project, bearer, pushType string, body any) (int, answer) {
	t.Helper()
	raw, ok := body.([]byte)
	if !ok {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			t.Fatal(err)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/v3/"+project+"/messages:send", strings.NewReader(string(raw)))
	req.Header.Set("Content-Type", "application/json")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	if pushType != "" {
		req.Header.Set("push-type", pushType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a answer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatalf("answer: %v", err)
	}
	return resp.StatusCode, a
}

func TestEmulatorTakesPushchecksOwnRequests(t *testing.T) {
	srv, em, key := startHarmony(t)
	em.Grant(testProject, []string{"IM"}, true)
	jwt := signJWT(t, key, goodHeader(), goodClaims())
	c := testCert(1)
	for _, msg := range []vendors.Message{
		plainMessage(),
		{Title: "t", Desc: "d", Image: "https://example.com/a.png", Sound: "ring.mp3", Badge: ptr(3), Harmony: models.HarmonyPushOptions{BadgeAdd: ptr(1), SoundDuration: ptr(10), Test: true, TTLSeconds: ptr(60),
			Click: &models.HarmonyClick{URI: "im://chat", Data: json.RawMessage(`{"a":{"b":1}}`)}}},
		{Ext: "x", Harmony: models.HarmonyPushOptions{PushType: models.HarmonyBackground}},
		{Title: "Alice", Call: &models.CallInvitation{CallID: "c1"}},
	} {
		req := buildRequest(msg, c, sentToken)
		if status, a := post(t, srv, testProject, jwt, jsonText(req.pushType), req.body); status != 200 || vendors.BusinessCode(a.Code) != "80000000" || a.RequestID == "" {
			t.Fatalf("push-type %d: %d %+v", req.pushType, status, a)
		}
	}
}

func TestEmulatorAuthenticatesAsHuawei(t *testing.T) {
	srv, em, key := startHarmony(t)
	other := newKey(t)
	now := time.Now().Unix()
	// The edits are relative to the same second as the claims they edit:
	// goodClaims reading the clock a second later would turn "a day and a
	// second" into exactly a day.
	with := func(edit map[string]any) map[string]any {
		c := goodClaims()
		c["iat"], c["exp"] = now, now+3600
		for k, v := range edit {
			if v == nil {
				delete(c, k)
				continue
			}
			c[k] = v
		}
		return c
	}
	header := func(edit map[string]any) map[string]any {
		h := goodHeader()
		for k, v := range edit {
			h[k] = v
		}
		return h
	}
	em.Register("999999999999", "other-key", "9999", &other.PublicKey)
	cases := []struct {
		name, project, bearer string
		status                int
		code                  string
	}{
		{"no Authorization", testProject, "", 401, "80200001"},
		{"an OAuth access token", testProject, "DQEBAJ3o8mZ1Nq3u6cX0QeT3xbp2Qx0hAKJiC1gJg0r5kN6c8pKFQxw==", 401, "80200001"},
		{"RS256", testProject, signJWT(t, key, header(map[string]any{"alg": "RS256"}), goodClaims()), 401, "80200001"},
		{"PS256 header over an RS256 signature", testProject, func() string {
			rs := signJWT(t, key, header(map[string]any{"alg": "RS256"}), goodClaims())
			ps := signJWT(t, key, goodHeader(), goodClaims())
			return ps[:strings.LastIndex(ps, ".")] + rs[strings.LastIndex(rs, "."):]
		}(), 401, "80200001"},
		{"typ JWS", testProject, signJWT(t, key, header(map[string]any{"typ": "JWS"}), goodClaims()), 401, "80200001"},
		{"an unknown kid", testProject, signJWT(t, key, header(map[string]any{"kid": "nope"}), goodClaims()), 401, "80200001"},
		{"iss is the key ID", testProject, signJWT(t, key, goodHeader(), with(map[string]any{"iss": testKeyID})), 401, "80200001"},
		{"iss is the project", testProject, signJWT(t, key, goodHeader(), with(map[string]any{"iss": testProject})), 401, "80200001"},
		{"aud of Google", testProject, signJWT(t, key, goodHeader(), with(map[string]any{"aud": "https://oauth2.googleapis.com/token"})), 401, "80200001"},
		{"signed by another key", testProject, signJWT(t, other, goodHeader(), goodClaims()), 401, "80200001"},
		{"another project's URL", "999999999999", signJWT(t, key, goodHeader(), goodClaims()), 401, "80200001"},
		{"no exp", testProject, signJWT(t, key, goodHeader(), with(map[string]any{"exp": nil})), 401, "80200001"},
		{"iat an hour ahead", testProject, signJWT(t, key, goodHeader(), with(map[string]any{"iat": now + 3600, "exp": now + 7200})), 401, "80200001"},
		{"valid for a day and a second", testProject, signJWT(t, key, goodHeader(), with(map[string]any{"exp": now + 86401})), 401, "80300036"},
		{"expired", testProject, signJWT(t, key, goodHeader(), with(map[string]any{"iat": now - 7200, "exp": now - 3600})), 401, "80200005"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if status, a := post(t, srv, tc.project, tc.bearer, "0", validBody(t, plainMessage())); status != tc.status || vendors.BusinessCode(a.Code) != tc.code {
				t.Fatalf("%d %+v, want %d %s", status, a, tc.status, tc.code)
			}
		})
	}
	// What Huawei takes: a day exactly, aud as a list, no typ.
	for name, jwt := range map[string]string{
		"valid for exactly a day": signJWT(t, key, goodHeader(), with(map[string]any{"exp": now + 86400})),
		"aud as a list":           signJWT(t, key, goodHeader(), with(map[string]any{"aud": []string{audience}})),
		"no typ":                  signJWT(t, key, map[string]any{"kid": testKeyID, "alg": "PS256"}, goodClaims()),
	} {
		if status, a := post(t, srv, testProject, jwt, "0", validBody(t, plainMessage())); status != 200 || vendors.BusinessCode(a.Code) != "80000000" {
			t.Errorf("%s: %d %+v", name, status, a)
		}
	}
	// The JWT is reusable until it expires: an hour later it is refused.
	jwt := signJWT(t, key, goodHeader(), goodClaims())
	em.now = func() time.Time { return time.Now().Add(time.Hour + time.Second) }
	if status, a := post(t, srv, testProject, jwt, "0", validBody(t, plainMessage())); status != 401 || vendors.BusinessCode(a.Code) != "80200005" {
		t.Fatalf("an hour later: %d %+v", status, a)
	}
}

func TestEmulatorRefusesWhatHuaweiRefuses(t *testing.T) {
	const n = "payload.notification."
	srv, _, key := startHarmony(t)
	jwt := signJWT(t, key, goodHeader(), goodClaims())
	many := func(count int) []any {
		out := make([]any, count)
		for i := range out {
			out[i] = "MAAALgE4G98-token"
		}
		return out
	}
	cases := []struct {
		name, pushType string
		edit           func(m map[string]any)
		code           string
	}{
		{"no push-type", "", func(map[string]any) {}, "80100001"},
		{"push-type alert", "alert", func(map[string]any) {}, "80100001"},
		{"push-type 3", "3", func(map[string]any) {}, "80100001"},
		{"a v1 body", "0", func(m map[string]any) {
			for k := range m {
				delete(m, k)
			}
			vendortest.Edit(m, "validate_only", false)
			vendortest.Edit(m, "message.token", []any{sentToken})
			vendortest.Edit(m, "message.android.notification.title", "t")
		}, "80100001"},
		{"no payload", "0", func(m map[string]any) { vendortest.Edit(m, "payload", vendortest.Removed{}) }, "80100001"},
		{"no target", "0", func(m map[string]any) { vendortest.Edit(m, "target", vendortest.Removed{}) }, "80100001"},
		{"token is a string", "0", func(m map[string]any) { vendortest.Edit(m, "target.token", sentToken) }, "80100001"},
		{"no tokens", "0", func(m map[string]any) { vendortest.Edit(m, "target.token", []any{}) }, "80300010"},
		{"1001 tokens", "0", func(m map[string]any) { vendortest.Edit(m, "target.token", many(1001)) }, "80300010"},
		{"a test message to 11 tokens", "0", func(m map[string]any) {
			vendortest.Edit(m, "target.token", many(11))
			vendortest.Edit(m, "pushOptions.testMessage", true)
		}, "80300030"},
		{"over 4096 bytes", "0", func(m map[string]any) { vendortest.Edit(m, n+"body", strings.Repeat("x", maxBody)) }, "80300008"},
		{"ttl -1", "0", func(m map[string]any) { vendortest.Edit(m, "pushOptions.ttl", -1) }, "80100004"},
		{"ttl over 15 days", "0", func(m map[string]any) { vendortest.Edit(m, "pushOptions.ttl", maxTTL+1) }, "80100001"},
		{"ttl as Android writes it", "0", func(m map[string]any) { vendortest.Edit(m, "pushOptions.ttl", "86400s") }, "80100001"},
		{"biTag over 64 bytes", "0", func(m map[string]any) { vendortest.Edit(m, "pushOptions.biTag", strings.Repeat("b", 65)) }, "80100001"},
		{"collapseKey 101", "0", func(m map[string]any) { vendortest.Edit(m, "pushOptions.collapseKey", 101) }, "80100001"},
		{"payload is a string", "0", func(m map[string]any) { vendortest.Edit(m, "payload", "x") }, "80100003"},
		{"no notification", "0", func(m map[string]any) { vendortest.Edit(m, n[:len(n)-1], vendortest.Removed{}) }, "80100003"},
		{"no category", "0", func(m map[string]any) { vendortest.Edit(m, n+"category", vendortest.Removed{}) }, "80100003"},
		{"Android's SYSTEM_REMINDER", "0", func(m map[string]any) { vendortest.Edit(m, n+"category", "SYSTEM_REMINDER") }, "80100003"},
		{"lower-case category", "0", func(m map[string]any) { vendortest.Edit(m, n+"category", "im") }, "80100003"},
		{"no title", "0", func(m map[string]any) { vendortest.Edit(m, n+"title", "") }, "80100003"},
		{"no body", "0", func(m map[string]any) { vendortest.Edit(m, n+"body", vendortest.Removed{}) }, "80100003"},
		{"no clickAction", "0", func(m map[string]any) { vendortest.Edit(m, n+"clickAction", vendortest.Removed{}) }, "80100003"},
		{"clickAction without actionType", "0", func(m map[string]any) { vendortest.Edit(m, n+"clickAction", map[string]any{"uri": "im://x"}) }, "80100003"},
		{"actionType 3 outside a Live View", "0", func(m map[string]any) { vendortest.Edit(m, n+"clickAction.actionType", 3) }, "80100003"},
		{"actionType 1 without action or uri", "0", func(m map[string]any) { vendortest.Edit(m, n+"clickAction.actionType", 1) }, "80100003"},
		{"Android's snake_case click_action", "0", func(m map[string]any) {
			vendortest.Edit(m, n+"clickAction", vendortest.Removed{})
			vendortest.Edit(m, n+"click_action", map[string]any{"type": 3})
		}, "80100003"},
		{"data as a string", "0", func(m map[string]any) { vendortest.Edit(m, n+"clickAction.data", `{"a":1}`) }, "80100003"},
		{"http image", "0", func(m map[string]any) { vendortest.Edit(m, n+"image", "http://example.com/a.png") }, "80100003"},
		{"badge addNum 100", "0", func(m map[string]any) { vendortest.Edit(m, n+"badge.addNum", 100) }, "80100003"},
		{"badge addNum -1", "0", func(m map[string]any) { vendortest.Edit(m, n+"badge.addNum", -1) }, "80100003"},
		{"badge setNum 100", "0", func(m map[string]any) { vendortest.Edit(m, n+"badge.setNum", 100) }, "80100003"},
		{"badge setNum -1", "0", func(m map[string]any) { vendortest.Edit(m, n+"badge.setNum", -1) }, "80100003"},
		{"soundDuration 61", "0", func(m map[string]any) { vendortest.Edit(m, n+"soundDuration", 61) }, "80100003"},
		{"style 1 without bigTitle", "0", func(m map[string]any) { vendortest.Edit(m, n+"style", 1) }, "80100003"},
		{"style 3 with 4 lines", "0", func(m map[string]any) {
			vendortest.Edit(m, n+"style", 3)
			vendortest.Edit(m, n+"inboxContent", []any{"1", "2", "3", "4"})
		}, "80100003"},
		{"profileId over 64", "0", func(m map[string]any) { vendortest.Edit(m, n+"profileId", strings.Repeat("p", 65)) }, "80100003"},
		{"background without extraData", "6", func(m map[string]any) {
			vendortest.Edit(m, "payload", map[string]any{"notification": map[string]any{}})
		}, "80100003"},
		{"background proxyData enable", "6", func(m map[string]any) {
			vendortest.Edit(m, "payload", map[string]any{"extraData": "x", "proxyData": "enable"})
		}, "80100003"},
		{"call without extraData", "10", func(m map[string]any) { vendortest.Edit(m, "payload", map[string]any{}) }, "80100003"},
		{"widget update", "1", func(map[string]any) {}, "80100001"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := validBody(t, plainMessage())
			tc.edit(m)
			if status, a := post(t, srv, testProject, jwt, tc.pushType, m); status != 400 || vendors.BusinessCode(a.Code) != tc.code || a.Msg == "" {
				t.Fatalf("got %d %+v, want 400 %s", status, a, tc.code)
			}
		})
	}
	if status, a := post(t, srv, testProject, jwt, "0", []byte(`["not an object"]`)); status != 400 || vendors.BusinessCode(a.Code) != "80100001" {
		t.Fatalf("not an object: %d %+v", status, a)
	}
}

// Huawei takes these, so the emulator must too.
func TestEmulatorTakesWhatHuaweiTakes(t *testing.T) {
	const n = "payload.notification."
	srv, _, key := startHarmony(t)
	jwt := signJWT(t, key, goodHeader(), goodClaims())
	for _, tc := range []struct {
		name string
		edit func(m map[string]any)
	}{
		{"numbers as digit strings", func(m map[string]any) {
			vendortest.Edit(m, n+"clickAction.actionType", "0")
			vendortest.Edit(m, "pushOptions.ttl", "3600")
		}},
		{"badge addNum 0, the documented default", func(m map[string]any) { vendortest.Edit(m, n+"badge.addNum", 0) }},
		{"badge setNum 0 and addNum 99", func(m map[string]any) { vendortest.Edit(m, n+"badge", map[string]any{"setNum": 0, "addNum": 99}) }},
		{"a category without its right (sent as MARKETING)", func(m map[string]any) { vendortest.Edit(m, n+"category", "FINANCE") }},
		{"1000 tokens", func(m map[string]any) {
			list := make([]any, maxTokens)
			for i := range list {
				list[i] = "MAAALgE4G98-" + jsonText(i)
			}
			vendortest.Edit(m, "target.token", list)
		}},
		{"style 3 inbox", func(m map[string]any) {
			vendortest.Edit(m, n+"style", 3)
			vendortest.Edit(m, n+"inboxContent", []any{"a", "b", "c"})
		}},
		{"collapseKey -1", func(m map[string]any) { vendortest.Edit(m, "pushOptions.collapseKey", -1) }},
		{"unknown fields", func(m map[string]any) { vendortest.Edit(m, n+"priorityScene", "AT_ME") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := validBody(t, plainMessage())
			tc.edit(m)
			if status, a := post(t, srv, testProject, jwt, "0", m); status != 200 || vendors.BusinessCode(a.Code) != "80000000" {
				t.Fatalf("got %d %+v", status, a)
			}
		})
	}
}

// Refused tokens come back grouped by reason in msg, a JSON string:
// 80100000 when some were taken, 80300007 when none were.
func TestEmulatorRefusesTokensByReason(t *testing.T) {
	srv, _, key := startHarmony(t)
	jwt := signJWT(t, key, goodHeader(), goodClaims())
	read := func(a answer) illegal {
		t.Helper()
		var p illegal
		if err := json.Unmarshal([]byte(a.Msg), &p); err != nil {
			t.Fatalf("msg is not the documented JSON: %q", a.Msg)
		}
		return p
	}
	status, a := post(t, srv, testProject, jwt, "0", validBody(t, plainMessage(), "MAAA-good", "MAAA-unregistered", "MAAA-noright"))
	p := read(a)
	if status != 200 || vendors.BusinessCode(a.Code) != "80100000" || p.Success != 1 || p.Failure != 2 ||
		p.IllegalTokens["tokenFormatError"][0] != "MAAA-unregistered" || p.IllegalTokens["noRight"][0] != "MAAA-noright" || len(p.IllegalTokens) != 2 {
		t.Fatalf("partial: %d %+v", status, a)
	}
	status, a = post(t, srv, testProject, jwt, "0", validBody(t, plainMessage(), "MAAA-unregistered", "MAAA-unregistered-2"))
	if p := read(a); status != 400 || vendors.BusinessCode(a.Code) != "80300007" || p.Failure != 2 || len(p.IllegalTokens["tokenFormatError"]) != 2 {
		t.Fatalf("all refused: %d %+v", status, a)
	}
	// No call right: every token refused for the push type.
	call := buildRequest(vendors.Message{Title: "Alice", Call: &models.CallInvitation{}}, testCert(1), "MAAA-good")
	status, a = post(t, srv, testProject, jwt, "10", call.body)
	if p := read(a); status != 400 || vendors.BusinessCode(a.Code) != "80300007" || p.IllegalTokens["noPushTypeRight"][0] != "MAAA-good" {
		t.Fatalf("call without the right: %d %+v", status, a)
	}
	// PLAY_VOICE belongs to push-type 2.
	m := validBody(t, plainMessage())
	vendortest.Edit(m, "payload.notification.category", "PLAY_VOICE")
	if status, a = post(t, srv, testProject, jwt, "0", m); read(a).IllegalTokens["notSupportPlayVoice"] == nil {
		t.Fatalf("PLAY_VOICE on push-type 0: %d %+v", status, a)
	}
}

func TestEmulatorServesOnlyTheV3URL(t *testing.T) {
	srv, _, _ := startHarmony(t)
	for _, path := range []string{"/v1/" + testProject + "/messages:send", "/v2/" + testProject + "/messages:send", "/v3/messages:send", "/oauth2/v3/token"} {
		resp, err := http.Post(srv.URL+path, "application/json", strings.NewReader("{}"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 404 {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
	}
}
