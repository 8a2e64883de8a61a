package fcm

// The FCM v1 send request, field by field, as the API's discovery document
// describes it (https://fcm.googleapis.com/$discovery/rest?version=v1,
// revision 20261023) and the REST reference lists it
// (https://firebase.google.com/docs/reference/fcm/rest/v1/projects.messages).
// Names are the proto names (snake_case); Google's JSON parser also takes
// their lowerCamelCase form ("channelId"), and refuses any other name.

// protoKind is a field's protobuf JSON type.
type protoKind int

const (
	kString    protoKind = iota
	kBool                // true or false
	kInt32               // a number, or a string holding one
	kFloat               // a number, or a string holding one
	kDuration            // google.protobuf.Duration: "3.5s"
	kTimestamp           // google.protobuf.Timestamp: RFC 3339
	kEnum                // one of enum.values
	kMessage             // a nested object checked against msg
	kStringMap           // map<string, string>: every value a string
	kStruct              // google.protobuf.Struct: any JSON object
)

// protoField is one field of a message; rule, when set, is FCM's check of its
// value once it parses, and keyRule FCM's check of each key of a map.
type protoField struct {
	kind     protoKind
	repeated bool
	msg      *protoMessage
	enum     *protoEnum
	rule     func(*node) string
	keyRule  func(string) string
}

type protoMessage struct {
	name   string // full proto name, as Google's errors print it
	fields map[string]*protoField
}

type protoEnum struct {
	name   string
	values []string
}

func scalar(k protoKind) *protoField                           { return &protoField{kind: k} }
func list(f *protoField) *protoField                           { c := *f; c.repeated = true; return &c }
func object(m *protoMessage) *protoField                       { return &protoField{kind: kMessage, msg: m} }
func oneOf(e *protoEnum) *protoField                           { return &protoField{kind: kEnum, enum: e} }
func ruled(f *protoField, rule func(*node) string) *protoField { c := *f; c.rule = rule; return &c }
func dataMap() *protoField                                     { return &protoField{kind: kStringMap, keyRule: reservedDataKeyRule} }

// fcmSchema builds the v1 schema the emulator checks bodies against: the
// SendMessageRequest, and the Message inside it.
func fcmSchema() (sendRequestSchema, messageSchema *protoMessage) {
	androidMessagePriority := &protoEnum{"google.firebase.fcm.v1.AndroidMessagePriority", []string{"NORMAL", "HIGH"}}
	notificationPriority := &protoEnum{"google.firebase.fcm.v1.AndroidNotification.NotificationPriority",
		[]string{"PRIORITY_UNSPECIFIED", "PRIORITY_MIN", "PRIORITY_LOW", "PRIORITY_DEFAULT", "PRIORITY_HIGH", "PRIORITY_MAX"}}
	visibility := &protoEnum{"google.firebase.fcm.v1.AndroidNotification.Visibility", []string{"VISIBILITY_UNSPECIFIED", "PRIVATE", "PUBLIC", "SECRET"}}
	proxy := &protoEnum{"google.firebase.fcm.v1.AndroidNotification.Proxy", []string{"PROXY_UNSPECIFIED", "ALLOW", "DENY", "IF_PRIORITY_LOWERED"}}

	colorMsg := &protoMessage{"google.type.Color", map[string]*protoField{
		"red": scalar(kFloat), "green": scalar(kFloat), "blue": scalar(kFloat), "alpha": scalar(kFloat),
	}}
	lightSettings := &protoMessage{"google.firebase.fcm.v1.LightSettings", map[string]*protoField{
		"color": object(colorMsg), "light_on_duration": scalar(kDuration), "light_off_duration": scalar(kDuration),
	}}
	analyticsOnly := func(name string) *protoMessage {
		return &protoMessage{name, map[string]*protoField{"analytics_label": scalar(kString)}}
	}

	// androidNotificationFields are shared by AndroidNotification and
	// AndroidNotificationV2.
	androidNotificationFields := map[string]*protoField{
		"title": scalar(kString), "body": scalar(kString), "icon": scalar(kString),
		"color": ruled(scalar(kString), colorRule), "sound": scalar(kString), "tag": scalar(kString),
		"click_action": scalar(kString), "body_loc_key": scalar(kString), "body_loc_args": list(scalar(kString)),
		"title_loc_key": scalar(kString), "title_loc_args": list(scalar(kString)), "channel_id": scalar(kString),
		"ticker": scalar(kString), "sticky": scalar(kBool), "event_time": scalar(kTimestamp), "local_only": scalar(kBool),
		"notification_priority": oneOf(notificationPriority), "default_sound": scalar(kBool),
		"default_vibrate_timings": scalar(kBool), "default_light_settings": scalar(kBool),
		"vibrate_timings": list(scalar(kDuration)), "visibility": oneOf(visibility), "notification_count": scalar(kInt32),
		"light_settings": object(lightSettings), "image": scalar(kString),
	}
	androidNotification := &protoMessage{"google.firebase.fcm.v1.AndroidNotification", with(androidNotificationFields, map[string]*protoField{"bypass_proxy_notification": scalar(kBool), "proxy": oneOf(proxy)})}
	androidNotificationV2 := &protoMessage{"google.firebase.fcm.v1.AndroidNotificationV2", with(androidNotificationFields, map[string]*protoField{"id": scalar(kInt32)})}

	// androidConfigFields are shared by AndroidConfig and AndroidConfigV2.
	androidConfigFields := map[string]*protoField{
		"collapse_key": scalar(kString), "ttl": ruled(scalar(kDuration), ttlRule), "restricted_package_name": scalar(kString),
		"data": dataMap(), "fcm_options": object(analyticsOnly("google.firebase.fcm.v1.AndroidFcmOptions")),
		"direct_boot_ok": scalar(kBool), "bandwidth_constrained_ok": scalar(kBool), "restricted_satellite_ok": scalar(kBool),
	}
	androidConfig := &protoMessage{"google.firebase.fcm.v1.AndroidConfig", with(androidConfigFields, map[string]*protoField{
		"priority": oneOf(androidMessagePriority), "notification": object(androidNotification),
	})}
	androidConfigV2 := &protoMessage{"google.firebase.fcm.v1.AndroidConfigV2", with(androidConfigFields, map[string]*protoField{
		"background_sync": object(&protoMessage{"google.firebase.fcm.v1.AndroidBackgroundSyncMessage", map[string]*protoField{}}),
		"remote_notification": object(&protoMessage{"google.firebase.fcm.v1.AndroidRemoteNotification", map[string]*protoField{
			"mutable_content": scalar(kBool), "notification": object(androidNotificationV2), "use_as_v1_data_message": scalar(kBool),
		}}),
	})}

	webpushConfig := &protoMessage{"google.firebase.fcm.v1.WebpushConfig", map[string]*protoField{
		"headers": ruled(&protoField{kind: kStringMap}, webpushHeadersRule), "data": {kind: kStringMap}, "notification": scalar(kStruct),
		"fcm_options": object(&protoMessage{"google.firebase.fcm.v1.WebpushFcmOptions", map[string]*protoField{
			"link": ruled(scalar(kString), httpsRule), "analytics_label": scalar(kString),
		}}),
	}}
	apnsConfig := &protoMessage{"google.firebase.fcm.v1.ApnsConfig", map[string]*protoField{
		"headers": {kind: kStringMap}, "payload": scalar(kStruct), "live_activity_token": scalar(kString),
		"fcm_options": object(&protoMessage{"google.firebase.fcm.v1.ApnsFcmOptions", map[string]*protoField{
			"analytics_label": scalar(kString), "image": scalar(kString),
		}}),
	}}

	messageSchema = &protoMessage{"google.firebase.fcm.v1.Message", map[string]*protoField{
		"name": scalar(kString), "data": dataMap(),
		"notification": object(&protoMessage{"google.firebase.fcm.v1.Notification", map[string]*protoField{
			"title": scalar(kString), "body": scalar(kString), "image": scalar(kString),
		}}),
		"android": object(androidConfig), "android_v2": object(androidConfigV2),
		"webpush": object(webpushConfig), "apns": object(apnsConfig),
		"fcm_options": object(analyticsOnly("google.firebase.fcm.v1.FcmOptions")),
		"token":       scalar(kString), "topic": scalar(kString), "condition": scalar(kString), "fid": scalar(kString),
	}}

	sendRequestSchema = &protoMessage{"google.firebase.fcm.v1.SendMessageRequest", map[string]*protoField{
		"validate_only": scalar(kBool), "message": object(messageSchema),
	}}
	return sendRequestSchema, messageSchema
}

// with is a copy of base with more fields.
func with(base, more map[string]*protoField) map[string]*protoField {
	out := make(map[string]*protoField, len(base)+len(more))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// lookup finds a field by its proto name or its lowerCamelCase JSON name.
func (m *protoMessage) lookup(key string) (string, *protoField) {
	if f, ok := m.fields[key]; ok {
		return key, f
	}
	for name, f := range m.fields {
		if lowerCamel(name) == key {
			return name, f
		}
	}
	return "", nil
}

// lowerCamel is protobuf's JSON name for a field: "channel_id" → "channelId".
func lowerCamel(name string) string {
	var b []byte
	upper := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '_':
			upper = true
		case upper && 'a' <= c && c <= 'z':
			b = append(b, c-'a'+'A')
			upper = false
		default:
			b = append(b, c)
			upper = false
		}
	}
	return string(b)
}
