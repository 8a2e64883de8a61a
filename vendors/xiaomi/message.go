package xiaomi

import (
	"net/url"
	"strconv"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Where the composer's fields go in a Mi Push v3 regid request (README
// "Field mapping"), all form fields: title, desc → title/description; ext →
// payload (the app reads MiPushMessage.getContent()); the delivery ID →
// extra.pushcheck_delivery_id (getExtra()); sound →
// extra.sound_uri android.resource://<package>/raw/<sound>; channel ID →
// extra.channel_id; notify type → notify_type; click action →
// extra.notify_effect 1 (launcher) or 2 with extra.intent_uri. Xiaomi has
// no badge field: MIUI counts the notifications. Receipts:
// extra.callback (URL), extra.callback.param (the delivery ID) and
// extra.callback.type (every receipt type). Xiaomi takes no image URL.
//
// A call invitation is a notification on the message's channel (Xiaomi's
// regid API has no call message; its VoIP Service Kit is a separate API
// pushcheck does not build), kept time_to_live vendors.CallTTLSeconds,
// with the call's fields as extra.call_id, extra.caller and extra.video.
func buildForm(msg vendors.Message, c models.Certificate, token string) url.Values {
	pkg := c.Settings.PackageName
	f := url.Values{
		"registration_id":         {token},
		"restricted_package_name": {pkg},
		"pass_through":            {"0"},
		"title":                   {msg.Title},
		"description":             {msg.Desc},
		"notify_type":             {"-1"},
	}
	if msg.Ext != "" {
		f.Set("payload", msg.Ext)
	}
	if msg.DeliveryID != "" {
		f.Set("extra.pushcheck_delivery_id", msg.DeliveryID)
	}
	for k, v := range msg.CallExtras() {
		f.Set("extra."+k, v)
	}
	if msg.Call != nil {
		f.Set("time_to_live", strconv.Itoa(vendors.CallTTLSeconds*1000)) // ms
	}
	if msg.Receipt.URL != "" {
		f.Set("extra.callback", msg.Receipt.URL)
		f.Set("extra.callback.param", msg.Receipt.Param)
		f.Set("extra.callback.type", strconv.Itoa(callbackAll))
	}
	if msg.Xiaomi.NotifyType != nil {
		f.Set("notify_type", strconv.Itoa(*msg.Xiaomi.NotifyType))
	}
	if ch := channel(msg, c); ch != "" {
		f.Set("extra.channel_id", ch)
	}
	if msg.Sound != "" {
		f.Set("extra.sound_uri", "android.resource://"+pkg+"/raw/"+msg.Sound)
	}
	switch a := msg.Click(c); a.Type {
	case "intent":
		f.Set("extra.notify_effect", "2")
		f.Set("extra.intent_uri", a.IntentURI)
	case "activity":
		f.Set("extra.notify_effect", "2")
		f.Set("extra.intent_uri", "intent:#Intent;component="+pkg+"/"+a.Activity+";end")
	default:
		f.Set("extra.notify_effect", "1")
	}
	return f
}
