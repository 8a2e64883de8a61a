package harmony

import (
	"encoding/json"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Where the composer's fields go in a Push Kit v3 request (README "Field
// mapping"): the push type → the push-type header (alert 0, background 6,
// call 10); title, desc → payload.notification.title/body; category → its
// category (the message's, else the certificate's, else MARKETING); ext
// and the delivery ID → clickAction.data, a JSON object the tapped page
// receives (background and call messages: payload.extraData, a JSON
// string); click action → clickAction actionType 0 (home page) or 1 (a
// page by skills action / URI); image → notification.image; badge →
// badge.setNum, badge_add → badge.addNum; sound, sound_duration,
// foreground_show → sound, soundDuration, foregroundShow; test, ttl,
// receipt ID → pushOptions.testMessage, ttl, receiptId; the delivery ID
// → pushOptions.biTag, which Huawei echoes in the receipt.

// request is a v3 send: the push-type header and the body.
type request struct {
	pushType int
	body     sendRequest
}

type sendRequest struct {
	Payload     payload     `json:"payload"`
	Target      target      `json:"target"`
	PushOptions pushOptions `json:"pushOptions"`
}

type target struct {
	Token []string `json:"token"`
}

type pushOptions struct {
	TestMessage bool   `json:"testMessage,omitempty"`
	TTL         *int   `json:"ttl,omitempty"`
	BiTag       string `json:"biTag,omitempty"`
	ReceiptID   string `json:"receiptId,omitempty"`
}

// payload is AlertPayload (notification) or the background and call
// payloads (extraData).
type payload struct {
	Notification *notification `json:"notification,omitempty"`
	ExtraData    string        `json:"extraData,omitempty"`
}

type notification struct {
	Category       string      `json:"category"`
	Title          string      `json:"title"`
	Body           string      `json:"body"`
	Image          string      `json:"image,omitempty"`
	ClickAction    clickAction `json:"clickAction"`
	Badge          *badge      `json:"badge,omitempty"`
	Sound          string      `json:"sound,omitempty"`
	SoundDuration  *int        `json:"soundDuration,omitempty"`
	ForegroundShow *bool       `json:"foregroundShow,omitempty"`
}

type clickAction struct {
	ActionType int             `json:"actionType"` // 0 home page, 1 a custom page
	Action     string          `json:"action,omitempty"`
	URI        string          `json:"uri,omitempty"`
	Data       json.RawMessage `json:"data,omitempty"`
}

type badge struct {
	AddNum *int `json:"addNum,omitempty"`
	SetNum *int `json:"setNum,omitempty"`
}

// pushType is the push-type header a message travels with. A call
// invitation is an in-app call message (10) whatever else was asked.
func pushType(msg vendors.Message) int {
	switch {
	case msg.Call != nil || msg.Harmony.PushType == models.HarmonyCall:
		return pushTypeCall
	case msg.Harmony.PushType == models.HarmonyBackground:
		return pushTypeBackground
	}
	return pushTypeAlert
}

func buildRequest(msg vendors.Message, c models.Certificate, token string) request {
	h := msg.Harmony
	opts := pushOptions{TestMessage: h.Test, TTL: h.TTLSeconds, BiTag: msg.DeliveryID, ReceiptID: h.ReceiptID}
	if opts.ReceiptID == "" {
		opts.ReceiptID = c.Settings.ReceiptID
	}
	r := request{pushType: pushType(msg), body: sendRequest{Target: target{Token: []string{token}}}}
	switch r.pushType {
	case pushTypeCall:
		r.body.Payload.ExtraData = callData(msg)
		if opts.TTL == nil {
			ttl := callTTL // Huawei advises 30–60 s: a late call must not ring
			opts.TTL = &ttl
		}
	case pushTypeBackground:
		r.body.Payload.ExtraData = msg.AppExtrasJSON()
		if r.body.Payload.ExtraData == "" {
			r.body.Payload.ExtraData = "{}" // extraData is required
		}
	default:
		r.body.Payload.Notification = alert(msg, c)
	}
	r.body.PushOptions = opts
	return r
}

func alert(msg vendors.Message, c models.Certificate) *notification {
	h := msg.Harmony
	n := &notification{Category: category(msg, c), Title: msg.Title, Body: msg.Desc, Image: msg.Image, ForegroundShow: h.ForegroundShow,
		ClickAction: clickAction{Data: clickData(msg)}}
	// A custom page by skills action or URI; anything else opens the home
	// page (actionType 0): an Android activity or intent click of the
	// certificate has no HarmonyOS form, and lint says so.
	if k := h.Click; k != nil {
		n.ClickAction.ActionType, n.ClickAction.Action, n.ClickAction.URI = 1, k.Action, k.URI
	}
	if msg.Sound != "" && msg.Sound != "default" {
		n.Sound, n.SoundDuration = msg.Sound, h.SoundDuration
	}
	set, hasSet := msg.BadgeNumber()
	if hasSet || h.BadgeAdd != nil {
		n.Badge = &badge{AddNum: h.BadgeAdd}
		if hasSet {
			n.Badge.SetNum = &set
		}
	}
	return n
}

// clickData is the page's data: the custom click's JSON object with ext
// and the delivery ID added (the click's own keys win), as an object.
func clickData(msg vendors.Message) json.RawMessage {
	fields := map[string]json.RawMessage{}
	if k := msg.Harmony.Click; k != nil && len(k.Data) > 0 {
		if err := json.Unmarshal(k.Data, &fields); err != nil {
			// Not an object (the request's validation refuses that):
			// sent as given, for Huawei to answer.
			return k.Data
		}
	}
	for key, value := range msg.AppExtras() {
		if _, taken := fields[key]; !taken {
			quoted, _ := json.Marshal(value) //nolint:errcheck // a string always encodes
			fields[key] = quoted
		}
	}
	if len(fields) == 0 {
		return nil
	}
	raw, _ := json.Marshal(fields) //nolint:errcheck // values are decoded JSON or encoded strings
	return raw
}

// callData is an in-app call's extraData, which the app reads in
// pushService.receiveMessage('VoIP') and reports to Call Service Kit:
// the call ID (default the delivery ID), the caller (default the title),
// whether it is a video call, and ext and the delivery ID.
func callData(msg vendors.Message) string {
	if msg.Call == nil { // push_type call without a call invitation: its defaults
		msg.Call = &models.CallInvitation{}
	}
	call, _ := msg.Invitation()
	data := map[string]any{"call_id": call.ID, "caller": call.Caller, "video": call.Video}
	for k, v := range msg.AppExtras() {
		if _, set := data[k]; !set { // the call's own keys keep their JSON types (video is a boolean)
			data[k] = v
		}
	}
	raw, _ := json.Marshal(data) //nolint:errcheck // strings and a bool always encode
	return string(raw)
}
