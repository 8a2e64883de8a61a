package fcm

import (
	"context"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/vendors"
)

// msg wraps message fields (JSON without braces) into a send request to a
// token.
func msg(fields string) string {
	if fields != "" {
		fields = "," + fields
	}
	return `{"message":{"token":"tok-1"` + fields + `}}`
}

func TestSendChecksTheMessageLikeGoogle(t *testing.T) {
	f := newRawFCM(t)
	access := f.accessToken(t)
	const ok, parse, rule = 0, 1, 2 // what answers: FCM, Google's parser, an FCM rule
	cases := []struct {
		name, body string
		answer     int
		field      string // the fieldViolations field
		message    string // all of, or the start of, the error message
	}{
		{"minimal", msg(`"notification":{"title":"Bob","body":"hi"}`), ok, "", ""},
		{"everything, in lowerCamelCase", `{"validateOnly":true,"message":{"token":"tok-1","data":{"k":"v"},"fcmOptions":{"analyticsLabel":"l"},` +
			`"android":{"priority":"HIGH","ttl":"3600s","collapseKey":"c","directBootOk":true,"data":{"a":"b"},"notification":{"channelId":"im","color":"#A1b2C3",` +
			`"notificationPriority":"PRIORITY_HIGH","visibility":"PUBLIC","proxy":"DENY","notificationCount":"3","eventTime":"2026-01-01T00:00:00Z",` +
			`"vibrateTimings":["0.5s","1s"],"bodyLocArgs":["x"],"lightSettings":{"color":{"red":1,"green":0.5,"blue":0},"lightOnDuration":"1s","lightOffDuration":"2.5s"}}},` +
			`"apns":{"headers":{"apns-priority":"10"},"payload":{"aps":{"badge":1,"sound":"default"},"ext":{"n":1}}},` +
			`"webpush":{"headers":{"TTL":"15","Urgency":"very-low"},"notification":{"title":"t","silent":true},"fcmOptions":{"link":"https://example.com/c"}}}}`, ok, "", ""},
		{"android_v2", msg(`"android_v2":{"ttl":"60s","remote_notification":{"notification":{"id":7,"color":"#000000"}}}`), ok, "", ""},
		{"enum names in lower case", msg(`"android":{"priority":"normal","notification":{"visibility":"private"}}`), ok, "", ""},
		{"null fields", msg(`"android":null,"notification":{"title":null}`), ok, "", ""},

		// Unknown names, anywhere.
		{"unknown top-level name", `{"message":{"token":"tok-1"},"dry_run":true}`, parse, "", `Invalid JSON payload received. Unknown name "dry_run": Cannot find field.`},
		{"unknown message name", msg(`"priority":"high"`), parse, "message", `Invalid JSON payload received. Unknown name "priority" at 'message': Cannot find field.`},
		{"unknown android name", msg(`"android":{"x":1}`), parse, "message.android", `Invalid JSON payload received. Unknown name "x" at 'message.android': Cannot find field.`},
		{"legacy time_to_live", msg(`"android":{"time_to_live":3600}`), parse, "message.android", `Invalid JSON payload received. Unknown name "time_to_live" at 'message.android': Cannot find field.`},
		{"unknown notification name", msg(`"notification":{"title":"t","color":"#ffffff"}`), parse, "message.notification", `Invalid JSON payload received. Unknown name "color" at 'message.notification': Cannot find field.`},
		{"unknown android.notification name", msg(`"android":{"notification":{"click_actions":"OPEN"}}`), parse, "message.android.notification", `Invalid JSON payload received. Unknown name "click_actions" at 'message.android.notification': Cannot find field.`},
		{"snake and camel mixed wrongly", msg(`"android":{"notification":{"channel_Id":"im"}}`), parse, "message.android.notification", `Invalid JSON payload received. Unknown name "channel_Id"`},
		{"unknown apns name", msg(`"apns":{"aps":{}}`), parse, "message.apns", `Invalid JSON payload received. Unknown name "aps" at 'message.apns': Cannot find field.`},
		{"unknown webpush option", msg(`"webpush":{"fcm_options":{"url":"https://x"}}`), parse, "message.webpush.fcm_options", `Invalid JSON payload received. Unknown name "url" at 'message.webpush.fcm_options': Cannot find field.`},

		// Values of the wrong type.
		{"number in data", msg(`"data":{"a":"1","b":2}`), parse, "message.data[1].value", `Invalid value at 'message.data[1].value' (TYPE_STRING), 2`},
		{"object in data", msg(`"data":{"ext":{"conv":"c1"}}`), parse, "message.data[0].value", `Invalid value at 'message.data[0].value' (TYPE_STRING), {"conv":"c1"}`},
		{"bool in android.data", msg(`"android":{"data":{"n":true}}`), parse, "message.android.data[0].value", `Invalid value at 'message.android.data[0].value' (TYPE_STRING), true`},
		{"null in data", msg(`"data":{"a":null}`), parse, "message.data[0].value", `Invalid value at 'message.data[0].value' (TYPE_STRING), null`},
		{"number in apns headers", msg(`"apns":{"headers":{"apns-priority":10}}`), parse, "message.apns.headers[0].value", `Invalid value at 'message.apns.headers[0].value' (TYPE_STRING), 10`},
		{"ttl without s", msg(`"android":{"ttl":"3600"}`), parse, "message.android.ttl", `Invalid value at 'message.android.ttl' (type.googleapis.com/google.protobuf.Duration), "3600"`},
		{"ttl as a number", msg(`"android":{"ttl":3600}`), parse, "message.android.ttl", `Invalid value at 'message.android.ttl' (type.googleapis.com/google.protobuf.Duration), 3600`},
		{"ttl in hours", msg(`"android":{"ttl":"1h"}`), parse, "message.android.ttl", `Invalid value at 'message.android.ttl' (type.googleapis.com/google.protobuf.Duration), "1h"`},
		{"android priority urgent", msg(`"android":{"priority":"urgent"}`), parse, "message.android.priority", `Invalid value at 'message.android.priority' (type.googleapis.com/google.firebase.fcm.v1.AndroidMessagePriority), "urgent"`},
		{"android priority as a number out of range", msg(`"android":{"priority":5}`), parse, "message.android.priority", `Invalid value at 'message.android.priority'`},
		{"notification_priority HIGH", msg(`"android":{"notification":{"notification_priority":"HIGH"}}`), parse, "message.android.notification.notification_priority",
			`Invalid value at 'message.android.notification.notification_priority' (type.googleapis.com/google.firebase.fcm.v1.AndroidNotification.NotificationPriority), "HIGH"`},
		{"visibility HIDDEN", msg(`"android":{"notification":{"visibility":"HIDDEN"}}`), parse, "message.android.notification.visibility",
			`Invalid value at 'message.android.notification.visibility' (type.googleapis.com/google.firebase.fcm.v1.AndroidNotification.Visibility), "HIDDEN"`},
		{"proxy MAYBE", msg(`"android":{"notification":{"proxy":"MAYBE"}}`), parse, "message.android.notification.proxy", `Invalid value at 'message.android.notification.proxy'`},
		{"notification_count a word", msg(`"android":{"notification":{"notification_count":"three"}}`), parse, "message.android.notification.notification_count",
			`Invalid value at 'message.android.notification.notification_count' (TYPE_INT32), "three"`},
		{"notification_count a fraction", msg(`"android":{"notification":{"notification_count":1.5}}`), parse, "message.android.notification.notification_count", `Invalid value at`},
		{"sticky as a string", msg(`"android":{"notification":{"sticky":"true"}}`), parse, "message.android.notification.sticky", `Invalid value at 'message.android.notification.sticky' (TYPE_BOOL), "true"`},
		{"event_time not RFC 3339", msg(`"android":{"notification":{"event_time":"yesterday"}}`), parse, "message.android.notification.event_time", `Invalid value at`},
		{"vibrate timing in ms", msg(`"android":{"notification":{"vibrate_timings":[500]}}`), parse, "message.android.notification.vibrate_timings[0]", `Invalid value at 'message.android.notification.vibrate_timings[0]'`},
		{"body_loc_args not a list", msg(`"android":{"notification":{"body_loc_args":"x"}}`), parse, "message.android.notification.body_loc_args", `Invalid value at`},
		{"notification as a string", msg(`"notification":"hi"`), parse, "message.notification", `Invalid value at 'message.notification' (type.googleapis.com/google.firebase.fcm.v1.Notification), "hi"`},
		{"apns payload not an object", msg(`"apns":{"payload":"{}"}`), parse, "message.apns.payload", `Invalid value at 'message.apns.payload' (type.googleapis.com/google.protobuf.Struct), "{}"`},
		{"token as a number", `{"message":{"token":42}}`, parse, "message.token", `Invalid value at 'message.token' (TYPE_STRING), 42`},
		{"not JSON", `{"message":`, parse, "", "Invalid JSON payload received."},
		{"a JSON array", `[]`, parse, "", "Invalid JSON payload received."},

		// FCM's rules.
		{"color name", msg(`"android":{"notification":{"color":"red"}}`), rule, "message.android.notification.color", "Invalid color"},
		{"short color", msg(`"android":{"notification":{"color":"#fff"}}`), rule, "message.android.notification.color", "Invalid color"},
		{"color with alpha", msg(`"android":{"notification":{"color":"#ff000000"}}`), rule, "message.android.notification.color", "Invalid color"},
		{"color not hex", msg(`"android":{"notification":{"color":"#12345g"}}`), rule, "message.android.notification.color", "Invalid color"},
		{"color without #", msg(`"android":{"notification":{"color":"ff0000"}}`), rule, "message.android.notification.color", "Invalid color"},
		{"android_v2 color", msg(`"android_v2":{"remote_notification":{"notification":{"color":"blue"}}}`), rule, "message.android_v2.remote_notification.notification.color", "Invalid color"},
		{"ttl over 4 weeks", msg(`"android":{"ttl":"2419201s"}`), rule, "message.android.ttl", "TTL must be between 0 and 2419200 seconds"},
		{"negative ttl", msg(`"android":{"ttl":"-1s"}`), rule, "message.android.ttl", "TTL must be between 0 and 2419200 seconds"},
		{"reserved key from", msg(`"data":{"from":"x"}`), rule, "message.data", "Invalid data payload key: from"},
		{"reserved key message_type", msg(`"data":{"message_type":"x"}`), rule, "message.data", "Invalid data payload key: message_type"},
		{"reserved key gcm", msg(`"data":{"gcm":"x"}`), rule, "message.data", "Invalid data payload key: gcm"},
		{"reserved prefix google.", msg(`"data":{"google.c.a.e":"1"}`), rule, "message.data", "Invalid data payload key: google.c.a.e"},
		{"reserved prefix gcm.notification.", msg(`"data":{"gcm.notification.title":"x"}`), rule, "message.data", "Invalid data payload key: gcm.notification.title"},
		{"reserved key in android.data", msg(`"android":{"data":{"from":"x"}}`), rule, "message.android.data", "Invalid data payload key: from"},
		{"webpush link over http", msg(`"webpush":{"fcm_options":{"link":"http://example.com"}}`), rule, "message.webpush.fcm_options.link", "The link must use HTTPS."},
		{"webpush link without a host", msg(`"webpush":{"fcm_options":{"link":"https:/path"}}`), rule, "message.webpush.fcm_options.link", "The link must use HTTPS."},
		{"webpush TTL in words", msg(`"webpush":{"headers":{"TTL":"one day"}}`), rule, "message.webpush.headers", "Invalid TTL header"},
		{"webpush TTL negative", msg(`"webpush":{"headers":{"ttl":"-5"}}`), rule, "message.webpush.headers", "Invalid TTL header"},
		{"webpush TTL over 4 weeks", msg(`"webpush":{"headers":{"TTL":"2419201"}}`), rule, "message.webpush.headers", "Invalid TTL header"},
		{"webpush Urgency urgent", msg(`"webpush":{"headers":{"Urgency":"urgent"}}`), rule, "message.webpush.headers", "Invalid Urgency header"},
		{"webpush TTL as a number", msg(`"webpush":{"headers":{"TTL":60}}`), parse, "message.webpush.headers[0].value", `Invalid value at 'message.webpush.headers[0].value' (TYPE_STRING), 60`},
		{"webpush notification as a string", msg(`"webpush":{"notification":"hi"}`), parse, "message.webpush.notification", `Invalid value at 'message.webpush.notification' (type.googleapis.com/google.protobuf.Struct), "hi"`},
		{"no target", `{"message":{"notification":{"title":"t"}}}`, rule, "message", "Exactly one of token, topic or condition"},
		{"two targets", msg(`"topic":"news"`), rule, "message", "Exactly one of token, topic or condition"},
		{"android and android_v2", msg(`"android":{},"android_v2":{}`), rule, "message.android_v2", "Only one of android and android_v2"},
		{"too big", msg(`"notification":{"body":"` + strings.Repeat("x", 5000) + `"}`), rule, "message", "Message is too big."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, a := f.sendRaw(t, access, tc.body)
			if tc.answer == ok {
				if status != 200 {
					t.Fatalf("HTTP %d %+v", status, a.Error)
				}
				return
			}
			e := a.Error
			if status != 400 || e.Code != 400 || e.Status != "INVALID_ARGUMENT" || !strings.HasPrefix(e.Message, tc.message) {
				t.Fatalf("HTTP %d %+v, want a message starting %q", status, e, tc.message)
			}
			var fcmError, field string
			var violations int
			for _, d := range e.Details {
				switch d.Type {
				case "type.googleapis.com/google.firebase.fcm.v1.FcmError":
					fcmError = d.ErrorCode
				case "type.googleapis.com/google.rpc.BadRequest":
					violations = len(d.FieldViolations)
					if violations > 0 {
						field = d.FieldViolations[0].Field
					}
				}
			}
			// Google's parser answers without FCM's errorCode; FCM's rules
			// carry it.
			if wantFCM := tc.answer == rule; (fcmError == "INVALID_ARGUMENT") != wantFCM || (wantFCM && fcmError != "INVALID_ARGUMENT") {
				t.Fatalf("FcmError %q for %+v", fcmError, e)
			}
			if violations != 1 || field != tc.field {
				t.Fatalf("field violation %q (%d), want %q: %+v", field, violations, tc.field, e)
			}
		})
	}
}

// pushcheck's own client (firebase-admin-go) must pass the strict
// emulator with every option it sends.
func TestTheClientPassesTheRules(t *testing.T) {
	ch, em := fakeFCM(t)
	c, secrets := productionCertificate(t, em, true)
	badge, ttl, zero := 7, 3600, 0
	for name, m := range map[string]vendors.Message{
		"plain":           {Title: "t", Desc: "d"},
		"every option":    {Title: "t", Desc: "d", Sound: "ring.mp3", Badge: &badge, Ext: `{"conv":"c1","n":1}`, DeliveryID: "d-9", FCM: vendors.FCMOptions{Priority: "normal", TTLSeconds: &ttl, ChannelID: "im"}},
		"zero TTL":        {Title: "t", FCM: vendors.FCMOptions{TTLSeconds: &zero}},
		"ignored badge":   {Title: "t", Badge: &badge, IgnoreBadge: true},
		"dry run":         {Title: "t", DryRun: true},
		"no title at all": {},
	} {
		want := vendors.Accepted
		if m.DryRun {
			want = vendors.Validated
		}
		if r := ch.Send(context.Background(), c, secrets, m, "fcm-token-abc:123"); r.Outcome != want {
			t.Errorf("%s: %+v", name, r)
		}
	}
}
