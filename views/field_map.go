package views

import "github.com/pushcheck/pushcheck/models"

// FieldRoute says where one composer field lands in each vendor's request:
// the "where does my field go" table beside the composer (and in the
// README). An empty entry means the vendor has no such field.
type FieldRoute struct {
	Field string
	Where map[models.Vendor]string
}

// FieldMap is every composer field's destination, vendor by vendor; it
// mirrors vendors/<vendor>/message.go.
func FieldMap() []FieldRoute {
	type w = map[models.Vendor]string
	return []FieldRoute{
		{"title", w{models.VendorAPNs: "aps.alert.title", models.VendorFCM: "notification.title", models.VendorHuawei: "android.notification.title", models.VendorHarmony: "payload.notification.title", models.VendorHonor: "android.notification.title",
			models.VendorXiaomi: "title", models.VendorOPPO: "notification.title", models.VendorVivo: "title", models.VendorMeizu: "noticeBarInfo.title"}},
		{"desc", w{models.VendorAPNs: "aps.alert.body", models.VendorFCM: "notification.body", models.VendorHuawei: "android.notification.body", models.VendorHarmony: "payload.notification.body", models.VendorHonor: "android.notification.body",
			models.VendorXiaomi: "description", models.VendorOPPO: "notification.content", models.VendorVivo: "content", models.VendorMeizu: "noticeBarInfo.content"}},
		{"ext", w{models.VendorAPNs: "ext (top level)", models.VendorFCM: "data.ext", models.VendorHuawei: "data {\"ext\"}", models.VendorHarmony: "clickAction.data.ext (background, call: extraData)", models.VendorHonor: "data {\"ext\"}",
			models.VendorXiaomi: "payload", models.VendorOPPO: "action_parameters {\"ext\"}", models.VendorVivo: "clientCustomMap.ext", models.VendorMeizu: "clickTypeInfo.parameters.ext"}},
		{"delivery ID", w{models.VendorAPNs: "pushcheck_delivery_id", models.VendorFCM: "data.pushcheck_delivery_id", models.VendorHuawei: "data {\"pushcheck_delivery_id\"}", models.VendorHarmony: "clickAction.data + pushOptions.biTag", models.VendorHonor: "data {\"pushcheck_delivery_id\"}",
			models.VendorXiaomi: "extra.pushcheck_delivery_id", models.VendorOPPO: "action_parameters {\"pushcheck_delivery_id\"}", models.VendorVivo: "clientCustomMap + requestId", models.VendorMeizu: "clickTypeInfo.parameters"}},
		{"sound", w{models.VendorAPNs: "aps.sound", models.VendorFCM: "android.notification.sound", models.VendorHuawei: "android.notification.sound /raw/…", models.VendorHarmony: "notification.sound (resources/rawfile), soundDuration", models.VendorXiaomi: "extra.sound_uri",
			models.VendorMeizu: "on/off only: advanceInfo.notificationType.sound"}},
		{"badge", w{models.VendorAPNs: "aps.badge", models.VendorFCM: "android.notification.notification_count", models.VendorHuawei: "badge.set_num + certificate badge class", models.VendorHarmony: "badge.setNum (badge_add: addNum)",
			models.VendorHonor: "badge.setNum + certificate badgeClass"}},
		{"channel ID", w{models.VendorFCM: "android.notification.channel_id", models.VendorXiaomi: "extra.channel_id", models.VendorOPPO: "channel_id (else the certificate's)"}},
		{"click action", w{models.VendorHuawei: "click_action type 1/3", models.VendorHarmony: "clickAction actionType 0/1 (action, uri, data)", models.VendorHonor: "clickAction type 1/3", models.VendorXiaomi: "extra.notify_effect + intent_uri",
			models.VendorOPPO: "click_action_type 0/4/5", models.VendorVivo: "skipType 1/4 (intent only)", models.VendorMeizu: "clickType 0/1/2"}},
		{"image", w{models.VendorAPNs: "\"image\" (top level) + aps.mutable-content 1, for the app's notification service extension",
			models.VendorFCM: "notification.image; iOS: apns.fcm_options.image; web: webpush.notification.image", models.VendorHuawei: "android.notification.image",
			models.VendorHarmony: "payload.notification.image (large icon on the right)",
			models.VendorHonor:   "android.notification.image", models.VendorXiaomi: notSent + "no image field since 2023-08)", models.VendorOPPO: notSent + "uploaded picture IDs only)",
			models.VendorVivo: notSent + "no image field)", models.VendorMeizu: notSent + "big picture for VIP apps only)"}},
		{"call invitation", w{models.VendorAPNs: "apns-push-type voip, topic <bundle>.voip, priority 10, to the VoIP token; call_id, caller, video (top level)",
			models.VendorFCM: "data only: android.priority HIGH, ttl 60s; data.call_id, caller, video", models.VendorHuawei: "android.category VOIP, importance NORMAL, ttl 60s; data {call_id, caller, video}",
			models.VendorHarmony: "push-type 10 (in-app call), pushOptions.ttl 30; payload.extraData {call_id, caller, video}",
			models.VendorHonor:   "importance NORMAL, ttl 60s; data {call_id, caller, video}", models.VendorXiaomi: "time_to_live 60000; extra.call_id, caller, video",
			models.VendorOPPO:  "category IM, notify_level 16, off_line_ttl 60; action_parameters {call_id, caller, video}",
			models.VendorVivo:  "classification 1, category IM, timeToLive 60; clientCustomMap {call_id, caller, video}",
			models.VendorMeizu: "noticeMsgType 1, validTime 1; clickTypeInfo.parameters {call_id, caller, video}"}},
		{"interruption level", appleOnly("aps.interruption-level", "apns.payload.aps.interruption-level")},
		{"thread ID", appleOnly("aps.thread-id", "apns.payload.aps.thread-id")},
		{"notification group", w{models.VendorAPNs: "see thread ID", models.VendorFCM: notSent + "no group field)", models.VendorHuawei: "android.notification.group (huawei.group)",
			models.VendorHarmony: notSent + "no group field in v3)", models.VendorHonor: "android.notification.group (honor.group)", models.VendorXiaomi: notSent + "no group field)", models.VendorOPPO: notSent + "no group field)",
			models.VendorVivo: notSent + "no group field)", models.VendorMeizu: notSent + "no group field)"}},
		{"web push link, icon", webOnly("webpush.fcm_options.link, webpush.notification.icon")},
		{"web push TTL, urgency", webOnly("webpush.headers TTL, Urgency")},
		{"vendor options", w{models.VendorAPNs: "apns-push-type, apns-priority, apns-collapse-id, apns-expiration", models.VendorFCM: "android.priority, ttl",
			models.VendorHuawei:  "android.category, importance, target_user_type",
			models.VendorHarmony: "push-type header, notification.category, pushOptions.testMessage, ttl, receiptId", models.VendorHonor: "importance, targetUserType", models.VendorXiaomi: "notify_type",
			models.VendorOPPO: "category, notify_level", models.VendorVivo: "classification, category, pushMode", models.VendorMeizu: "noticeMsgType"}},
	}
}

// notSent starts the entry of a field a vendor has no place for.
const notSent = "not sent ("

// appleOnly is a row of an iOS field: APNs, and FCM's apns block.
func appleOnly(apns, fcm string) map[models.Vendor]string {
	out := map[models.Vendor]string{models.VendorAPNs: apns, models.VendorFCM: fcm}
	for _, v := range []models.Vendor{models.VendorHuawei, models.VendorHonor, models.VendorXiaomi, models.VendorOPPO, models.VendorVivo, models.VendorMeizu} {
		out[v] = notSent + "iOS only)"
	}
	return out
}

// webOnly is a row of a browser field: FCM's webpush block only.
func webOnly(fcm string) map[models.Vendor]string {
	out := map[models.Vendor]string{models.VendorFCM: fcm + " (devices with platform web)"}
	for _, v := range []models.Vendor{models.VendorAPNs, models.VendorHuawei, models.VendorHonor, models.VendorXiaomi, models.VendorOPPO, models.VendorVivo, models.VendorMeizu} {
		out[v] = notSent + "browsers are reached through FCM)"
	}
	return out
}
