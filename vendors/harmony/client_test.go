package harmony

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

const sentToken = "MAAALgE4G98BAAAAst-harmony-test-token-abcdef"

func TestSendMapsTheComposerFields(t *testing.T) {
	ch, _, _, c, secrets := fakeHarmony(t)
	badge, add, duration, ttl, show := 7, 2, 20, 600, false
	msg := vendors.Message{Title: "Bob", Desc: "hi", Ext: `{"conv":"c2c_bob"}`, Sound: "ring.mp3", Badge: &badge, DeliveryID: "dlv-1",
		Image: "https://example.com/a.png",
		Harmony: models.HarmonyPushOptions{Category: "IM", BadgeAdd: &add, SoundDuration: &duration, ForegroundShow: &show, Test: true, TTLSeconds: &ttl, ReceiptID: "RCP1",
			Click: &models.HarmonyClick{Action: "com.example.im.chat", URI: "im://chat", Data: json.RawMessage(`{"chat":"bob","ext":"mine"}`)}}}
	r := ch.Send(context.Background(), c, secrets, msg, sentToken)
	if r.Outcome != vendors.Accepted || r.Code != "80000000" || r.MessageID == "" || r.HTTPStatus != 200 {
		t.Fatalf("result: %+v", r)
	}
	for _, want := range []string{"POST https://push-api.cloud.huawei.com/v3/" + testProject + "/messages:send", "Bearer [redacted]", "push-type: 0", `"category": "IM"`, `"biTag": "dlv-1"`} {
		if !strings.Contains(r.Request, want) {
			t.Errorf("request lacks %q:\n%s", want, r.Request)
		}
	}
	if strings.Contains(r.Request, "test-token-abcdef") || strings.Contains(r.Request, "PRIVATE KEY") || strings.Contains(r.Request, "eyJ") {
		t.Fatalf("the stored request holds a secret or the whole token:\n%s", r.Request)
	}
	req := buildRequest(msg, c, "tok")
	n := req.body.Payload.Notification
	o := req.body.PushOptions
	if req.pushType != 0 || n.Category != "IM" || n.Title != "Bob" || n.Body != "hi" || n.Image != msg.Image || n.Sound != "ring.mp3" || *n.SoundDuration != 20 ||
		*n.ForegroundShow || *n.Badge.SetNum != 7 || *n.Badge.AddNum != 2 || n.ClickAction.ActionType != 1 || n.ClickAction.Action != "com.example.im.chat" || n.ClickAction.URI != "im://chat" ||
		!o.TestMessage || *o.TTL != 600 || o.BiTag != "dlv-1" || o.ReceiptID != "RCP1" || req.body.Target.Token[0] != "tok" {
		t.Fatalf("mapping: %+v %+v", n, o)
	}
	var data map[string]string
	if err := json.Unmarshal(n.ClickAction.Data, &data); err != nil || data["chat"] != "bob" || data["ext"] != "mine" || data["pushcheck_delivery_id"] != "dlv-1" {
		t.Fatalf("click data (the click's own keys win): %s", n.ClickAction.Data)
	}
	// Defaults: the certificate's category and receipt ID, the home page
	// with ext and the delivery ID, no badge, the system sound.
	c.Settings.ReceiptID = "RCP-CERT"
	plain := buildRequest(vendors.Message{Title: "t", Desc: "d", Ext: "x", DeliveryID: "dlv-2", Sound: "default"}, c, "tok")
	p := plain.body.Payload.Notification
	if p.Category != "IM" || p.ClickAction.ActionType != 0 || p.Badge != nil || p.Sound != "" || plain.body.PushOptions.ReceiptID != "RCP-CERT" || plain.body.PushOptions.TTL != nil ||
		string(p.ClickAction.Data) != `{"ext":"x","pushcheck_delivery_id":"dlv-2"}` {
		t.Fatalf("defaults: %+v %+v", p, plain.body.PushOptions)
	}
	// Without any category: MARKETING, the one that needs no right.
	c.Settings.Category = ""
	if cat := buildRequest(vendors.Message{Title: "t", Desc: "d"}, c, "tok").body.Payload.Notification.Category; cat != "MARKETING" {
		t.Fatalf("no category: %s", cat)
	}
}

func TestPushTypesAndTheirPayloads(t *testing.T) {
	ch, _, _, c, secrets := fakeHarmony(t)
	bg := vendors.Message{Title: "t", Desc: "d", Ext: `{"k":1}`, DeliveryID: "dlv-bg", Harmony: models.HarmonyPushOptions{PushType: models.HarmonyBackground}}
	call := vendors.Message{Title: "Alice", DeliveryID: "dlv-call", Call: &models.CallInvitation{Video: true}}
	callOption := vendors.Message{Title: "Carol", DeliveryID: "dlv-c2", Harmony: models.HarmonyPushOptions{PushType: models.HarmonyCall}}
	for _, tc := range []struct {
		name     string
		msg      vendors.Message
		pushType int
		want     map[string]any
		ttl      *int
	}{
		{"background", bg, 6, map[string]any{"ext": `{"k":1}`, "pushcheck_delivery_id": "dlv-bg"}, nil},
		{"call invitation", call, 10, map[string]any{"call_id": "dlv-call", "caller": "Alice", "video": true, "pushcheck_delivery_id": "dlv-call"}, ptr(30)},
		{"call push type", callOption, 10, map[string]any{"call_id": "dlv-c2", "caller": "Carol", "video": false, "pushcheck_delivery_id": "dlv-c2"}, ptr(30)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := buildRequest(tc.msg, c, "tok")
			var extra map[string]any
			if err := json.Unmarshal([]byte(req.body.Payload.ExtraData), &extra); err != nil || req.pushType != tc.pushType || req.body.Payload.Notification != nil {
				t.Fatalf("%d %+v", req.pushType, req.body.Payload)
			}
			for k, v := range tc.want {
				if extra[k] != v {
					t.Errorf("extraData %s = %v, want %v", k, extra[k], v)
				}
			}
			if (tc.ttl == nil) != (req.body.PushOptions.TTL == nil) || (tc.ttl != nil && *tc.ttl != *req.body.PushOptions.TTL) {
				t.Errorf("ttl %v", req.body.PushOptions.TTL)
			}
			if r := ch.Send(context.Background(), c, secrets, tc.msg, sentToken); r.Outcome != vendors.Accepted || !strings.Contains(r.Request, "push-type: "+jsonText(tc.pushType)) {
				t.Fatalf("send: %+v", r)
			}
		})
	}
	// A background message without ext still carries extraData, which is required.
	if e := buildRequest(vendors.Message{Harmony: models.HarmonyPushOptions{PushType: models.HarmonyBackground}}, c, "t").body.Payload.ExtraData; e != "{}" {
		t.Fatalf("empty background: %q", e)
	}
}

func ptr(n int) *int { return &n }

func jsonText(v any) string {
	raw, _ := json.Marshal(v)
	return string(raw)
}

func TestSendReadsHuaweiAnswers(t *testing.T) {
	ch, em, _, c, secrets := fakeHarmony(t)
	big, noRight := 100, c
	noRight.ID, noRight.Settings.CallRight = 10013, false
	plain := vendors.Message{Title: "t", Desc: "d"}
	vendortest.CheckAnswers(t, func(msg vendors.Message, token string) vendors.Result {
		return ch.Send(context.Background(), c, secrets, msg, token)
	}, []vendortest.Answer{
		vendortest.A("malformed token", "tok-unregistered", plain, "80300007/tokenFormatError", vendors.Rejected, models.AnswerDeadToken),
		vendortest.A("token of another project", "tok-noright", plain, "80300007/noRight", vendors.Rejected, models.AnswerBadRequest),
		vendortest.A("flow control", "tok-quota", plain, "HTTP 503", vendors.Failed, models.AnswerTransient),
		vendortest.A("internal", "tok-down", plain, "81000001", vendors.Failed, models.AnswerTransient),
		vendortest.A("badge addNum 100", "tok-1", vendors.Message{Title: "t", Desc: "d", Harmony: models.HarmonyPushOptions{BadgeAdd: &big}}, "80100003", vendors.Rejected, models.AnswerBadRequest),
		vendortest.A("category of Android only", "tok-1", vendors.Message{Title: "t", Desc: "d", Harmony: models.HarmonyPushOptions{Category: "SYSTEM_REMINDER"}}, "80100003", vendors.Rejected, models.AnswerBadRequest),
		vendortest.A("too big", "tok-1", vendors.Message{Title: "t", Desc: strings.Repeat("x", maxBody)}, "80300008", vendors.Rejected, models.AnswerBadRequest),
	})
	// A call without the call right: Huawei refuses the token, not the key.
	em.Grant(testProject, []string{"IM"}, false)
	if r := ch.Send(context.Background(), noRight, secrets, vendors.Message{Title: "Alice", Call: &models.CallInvitation{}}, sentToken); r.Code != "80300007/noPushTypeRight" || r.Kind != models.AnswerAuth || r.TokenDead() {
		t.Fatalf("call without the right: %+v", r)
	}
	// Slow: the call times out with an explanation.
	slow := New(vendortest.FakeTimeout(t, em, 200*time.Millisecond, hosts()...), nil)
	vendortest.CheckTimesOut(t, func(msg vendors.Message, token string) vendors.Result {
		return slow.Send(context.Background(), c, secrets, msg, token)
	}, "tok-slow")
}

// The JWT follows Huawei's guide, and one JWT serves every send until
// shortly before it expires.
func TestJWTIsBuiltAsHuaweiSaysAndReusedUntilNearExpiry(t *testing.T) {
	ch, _, log, c, secrets := fakeHarmony(t)
	msg := vendors.Message{Title: "t", Desc: "d"}
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r := ch.Send(context.Background(), c, secrets, msg, sentToken); r.Outcome != vendors.Accepted {
				t.Errorf("send: %+v", r)
			}
		}()
	}
	wg.Wait()
	calls := log.calls()
	if len(calls) != 10 || distinct(calls) != 1 {
		t.Fatalf("%d calls with %d JWTs, want 10 with one", len(calls), distinct(calls))
	}
	jwt, ok := strings.CutPrefix(calls[0], "Bearer ")
	header, claims := decodeJWT(t, jwt)
	iat, exp := claims["iat"].(float64), claims["exp"].(float64)
	if !ok || header["alg"] != "PS256" || header["kid"] != testKeyID || header["typ"] != "JWT" ||
		claims["iss"] != testSubAccount || claims["aud"] != audience || exp-iat != 3600 || time.Since(time.Unix(int64(iat), 0)) > time.Minute {
		t.Fatalf("JWT header %v claims %v", header, claims)
	}
	// A JWT minted 56 minutes ago has 4 left, within the renewal margin:
	// the next send signs a new one.
	old := New(nil, nil)
	old.connector, old.now = ch.connector, func() time.Time { return time.Now().Add(-56 * time.Minute) }
	for i := 0; i < 2; i++ {
		if r := old.Send(context.Background(), c, secrets, msg, sentToken); r.Outcome != vendors.Accepted {
			t.Fatalf("send %d with an old JWT: %+v", i, r)
		}
	}
	if calls := log.calls()[10:]; distinct(calls) != 2 {
		t.Fatalf("a JWT near its expiry was reused: %d distinct of %d", distinct(calls), len(calls))
	}
}

func distinct(ss []string) int {
	seen := map[string]bool{}
	for _, s := range ss {
		seen[s] = true
	}
	return len(seen)
}

// A JWT Huawei calls expired is minted again and the send tried once;
// a second refusal is told (here the server's clock is a day ahead).
func TestExpiredJWTIsMintedAgainOnce(t *testing.T) {
	ch, em, log, c, secrets := fakeHarmony(t)
	em.now = func() time.Time { return time.Now().Add(24 * time.Hour) }
	r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t", Desc: "d"}, sentToken)
	if r.Code != "80200005" || r.Kind != models.AnswerAuth || !strings.Contains(r.Fix, "clock") {
		t.Fatalf("result: %+v", r)
	}
	if calls := log.calls(); len(calls) != 2 || distinct(calls) != 2 {
		t.Fatalf("%d calls with %d JWTs, want a retry with a new JWT", len(calls), distinct(calls))
	}
}

// A partial failure names the refused tokens by reason: only a reason
// that proves the token dead marks it; a token not listed was accepted.
func TestReadAnswerMarksOnlyDeadTokens(t *testing.T) {
	partial := func(reason, token string) string {
		return `{"code":"80100000","msg":"{\"illegalTokens\":{\"` + reason + `\":[\"` + token + `\"]},\"success\":1,\"failure\":1}","requestId":"r1"}`
	}
	cases := []struct {
		name, body string
		status     int
		code       string
		outcome    vendors.Outcome
		kind       models.AnswerKind
	}{
		{"success", `{"code":"80000000","msg":"Success","requestId":"r1"}`, 200, "80000000", vendors.Accepted, models.AnswerAccepted},
		{"this token malformed", partial("tokenFormatError", "tok"), 200, "80100000/tokenFormatError", vendors.Rejected, models.AnswerDeadToken},
		{"this token a proxy's", partial("tokenPlatformNotSupport", "tok"), 200, "80100000/tokenPlatformNotSupport", vendors.Rejected, models.AnswerDeadToken},
		{"this token of another project or stale", partial("noRight", "tok"), 200, "80100000/noRight", vendors.Rejected, models.AnswerBadRequest},
		{"this token for an undocumented reason", partial("brandNew", "tok"), 200, "80100000/brandNew", vendors.Rejected, models.AnswerUnknown},
		{"another token refused", partial("tokenFormatError", "other"), 200, "80100000", vendors.Accepted, models.AnswerAccepted},
		{"all refused", `{"code":"80300007","msg":"{\"failure\":1,\"illegalTokens\":{\"noRight\":[\"tok\"]}}","requestId":"r1"}`, 400, "80300007/noRight", vendors.Rejected, models.AnswerBadRequest},
		{"all refused, msg not JSON", `{"code":"80300007","msg":"All the tokens are invalid.","requestId":"r1"}`, 400, "80300007", vendors.Rejected, models.AnswerBadRequest},
		{"code as a number", `{"code":80200001,"msg":"Authentication Error."}`, 401, "80200001", vendors.Rejected, models.AnswerAuth},
		{"gateway page", `<html>bad gateway</html>`, 502, "HTTP 502", vendors.Failed, models.AnswerTransient},
		{"unknown code", `{"code":"80999999","msg":"brand new"}`, 400, "80999999", vendors.Rejected, models.AnswerUnknown},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := readAnswer(vendors.Result{}, vendors.Exchange{Status: tc.status, Body: []byte(tc.body)}, "tok")
			if r.Code != tc.code || r.Outcome != tc.outcome || r.Kind != tc.kind || r.Explanation == "" || r.TokenDead() != (tc.kind == models.AnswerDeadToken) {
				t.Fatalf("result %+v", r)
			}
		})
	}
}

func TestDryRunIsBuiltNotSent(t *testing.T) {
	ch, _, log, c, secrets := fakeHarmony(t)
	r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t", Desc: "d", DryRun: true}, sentToken)
	if r.Outcome != vendors.NotSent || r.Kind != models.AnswerNotSent || !strings.Contains(r.Request, "push-type: 0") || len(log.calls()) != 0 {
		t.Fatalf("dry run: %+v, %d calls", r, len(log.calls()))
	}
}

// Test connection proves the key by a send to a token no phone has: a
// verdict on the token means Huawei took the JWT.
func TestCheckProvesTheKeyWithoutNotifyingAnyone(t *testing.T) {
	ch, em, _, c, secrets := fakeHarmony(t)
	if r := ch.Check(context.Background(), c, secrets); !r.OK || !strings.Contains(r.Message, "tokenFormatError") || !strings.Contains(r.Message, testKeyID) {
		t.Fatalf("check: %+v", r)
	}
	// A key the project does not have (deleted in the API Console).
	other := c
	other.ID = 10099
	if r := ch.Check(context.Background(), other, models.CertificateSecrets{ServiceAccountJSON: keyFile(t, newKey(t))}); r.OK || !strings.Contains(r.Message, "80200001") {
		t.Fatalf("check with an unknown key: %+v", r)
	}
	// A server clock a day late: every JWT is expired on arrival.
	em.now = func() time.Time { return time.Now().Add(25 * time.Hour) }
	c.ID = 10098
	if r := ch.Check(context.Background(), c, secrets); r.OK || !strings.Contains(r.Message, "80200005") {
		t.Fatalf("check with an expired JWT: %+v", r)
	}
}

// A key file that cannot sign is the certificate's fault, said before
// any call.
func TestUnusableKeyIsExplained(t *testing.T) {
	ch, _, log, c, _ := fakeHarmony(t)
	r := ch.Send(context.Background(), c, models.CertificateSecrets{ServiceAccountJSON: []byte(`{"project_id":"1"}`)}, vendors.Message{Title: "t"}, sentToken)
	if r.Outcome != vendors.Failed || r.Kind != models.AnswerAuth || r.Code != "credentials" || len(log.calls()) != 0 {
		t.Fatalf("result: %+v", r)
	}
}
