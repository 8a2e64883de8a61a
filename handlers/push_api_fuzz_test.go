package handlers

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
)

// FuzzPushRequest sends a body to POST /api/v1/apps/{app}/pushes down the
// handler's path to the dispatcher's first step: decodeJSON, then
// PushRequest.Normalize. A refusal is invalid_argument; an accepted
// request has valid UTF-8 everywhere, one target, a known mode and fields
// within their limits; it is already normal, its JSON reads back to the
// same request, and a replay of the push it becomes names the same target.
func FuzzPushRequest(f *testing.F) {
	for _, body := range []string{
		// handlers' tests (pushes_test.go, trace_test.go, push lint).
		`{"target":{"user_id":"alice"},"title":"Bob","desc":"hello","ext":"{\"c\":1}","badge":3}`,
		`{"target":{"user_id":"qa"},"mode":"force","title":"trace","desc":"hello"}`,
		`{"target":{"device_ids":["fg-phone"]},"mode":"force"}`,
		`{"target":{"group":"android-matrix"},"mode":"force","title":"matrix"}`,
		`{"target":{"user_id":"alice"},"apns":{"priority":7}}`,
		`{"target":{"user_id":"alice"},"badge":-1}`,
		`{"target":{"user_id":"alice"},"mode":"loud"}`,
		`{"target":{"user_id":"qa"},"click_action":{"type":"activity"}}`,
		`{"target":{"user_id":"qa"},"huawei":{"importance":"HIGH"}}`,
		`{"target":{"user_id":"qa"},"meizu":{"notice_msg_type":3}}`,
		`{"target":{"user_id":"qa"},"oppo":{"notify_level":16}}`,
		`{"target":{"user_id":"qa"},"vivo":{"push_mode":"debug"}}`,
		`{"target":{"user_id":"qa"},"xiaomi":{"notify_type":9}}`,
		`{"target":{}}`,
		// Every option the composer has, on one request.
		`{"target":{"user_id":"回执 user:1"},"mode":"as_im_server","dry_run":true,"title":"新消息","desc":"你好 👋","ext":"{\"conv\":\"c2c_alice\"}","sound":"default","badge":12,"oppo_channel_id":"im",` +
			`"click_action":{"type":"intent","intent_uri":"intent://chat#Intent;scheme=im;end"},"apns":{"push_type":"alert","priority":10,"collapse_id":"c1","expiration":"2025-11-22T10:00:00+08:00"},` +
			`"fcm":{"priority":"high","ttl_seconds":3600,"channel_id":"im"},"huawei":{"category":"IM","importance":"NORMAL","test":true},"honor":{"importance":"LOW"},"xiaomi":{"channel_id":"im_private","notify_type":-1},` +
			`"oppo":{"category":"IM","notify_level":2},"vivo":{"classification":1,"category":"IM","push_mode":"test"},"meizu":{"notice_msg_type":1,"sound":false}}`,
		`{"target":{"device_ids":["alice-iphone","bob-mate","carol-mi"]},"title":" ","desc":""}`,
		`{"target":{"group":" android-matrix "},"click_action":{"type":"open_app"}}`,
	} {
		f.Add([]byte(body))
	}
	e := echo.New()
	const fallback = "Ann Operator"
	f.Fuzz(func(t *testing.T, body []byte) {
		var raw models.PushRequest
		err := decodeJSON(fuzzContext(e, http.MethodPost, "/api/v1/apps/1/pushes", body), &raw)
		var req models.PushRequest
		if err == nil {
			req, err = raw.Normalize(fallback)
		}
		if err != nil {
			requireInvalid(t, err)
			return
		}
		if bad := invalidUTF8(req); bad != "" {
			t.Fatalf("accepted push with invalid UTF-8: %s", bad)
		}
		targets := 0
		for _, named := range []bool{req.Target.UserID != "", len(req.Target.DeviceIDs) > 0, req.Target.Group != ""} {
			if named {
				targets++
			}
		}
		if targets != 1 || (req.Mode != models.ModeAsIMServer && req.Mode != models.ModeForce) ||
			utf8.RuneCountInString(req.Title) > 256 || utf8.RuneCountInString(req.Desc) > 2048 || utf8.RuneCountInString(req.Ext) > 4096 {
			t.Fatalf("accepted: %d targets, mode %q, title %d, desc %d, ext %d characters", targets, req.Mode,
				utf8.RuneCountInString(req.Title), utf8.RuneCountInString(req.Desc), utf8.RuneCountInString(req.Ext))
		}
		canonical := func(r models.PushRequest) []byte {
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatalf("an accepted push does not encode: %v", err)
			}
			return b
		}
		b := canonical(req)
		if again, err := req.Normalize(fallback); err != nil || !bytes.Equal(canonical(again), b) {
			t.Fatalf("normalising again: %v\n%s\n%s", err, b, canonical(again))
		}
		var back models.PushRequest
		if err := decodeJSON(fuzzContext(e, http.MethodPost, "/", b), &back); err != nil {
			t.Fatalf("the push's own JSON %s: %v", b, err)
		}
		if back, err = back.Normalize(fallback); err != nil || !bytes.Equal(canonical(back), b) {
			t.Fatalf("round trip: %v\n%s\n%s", err, b, canonical(back))
		}
		label := req.TargetLabel()
		replay, err := models.ReplayOf(models.Push{Target: label, Mode: req.Mode, Message: req.Message(), CreatedAt: fuzzNow}, req.Target.DeviceIDs)
		if err == nil {
			replay, err = replay.Normalize(fallback)
		}
		if err != nil || replay.TargetLabel() != label || !utf8.ValidString(label) {
			t.Fatalf("replay of %q: %v, target %q", label, err, replay.TargetLabel())
		}
	})
}
