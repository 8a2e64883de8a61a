package meizu

import (
	"encoding/json"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Where the composer's fields go in a Flyme pushByPushId (README "Field
// mapping"): messageJson.noticeBarInfo.title/content take title and desc,
// noticeMsgType public (0) or private (1); ext and the delivery ID →
// clickTypeInfo.parameters {"ext","pushcheck_delivery_id"}; click action →
// clickType 0 (app), 1 (activity) or 2 (URI); sound on/off →
// advanceInfo.notificationType.sound (Meizu has no custom sound, and no
// badge). Receipts: extra.callback, extra.callback.param (the delivery
// ID) and extra.callback.type 3 (arrived and clicked). Meizu's published
// API has no picture field for ordinary apps: no image is sent.
//
// A call invitation is a private message (noticeMsgType 1; Meizu has no
// call message) unless the composer chose public, kept one hour
// (validTime counts hours, and 1 is its least), with the call's fields in
// clickTypeInfo.parameters.

type messageJSON struct {
	NoticeBarInfo noticeBarInfo `json:"noticeBarInfo"`
	ClickTypeInfo clickTypeInfo `json:"clickTypeInfo"`
	PushTimeInfo  pushTimeInfo  `json:"pushTimeInfo"`
	AdvanceInfo   advanceInfo   `json:"advanceInfo"`
	// Extra asks for receipts: callback, callback.param, callback.type.
	Extra map[string]string `json:"extra,omitempty"`
}

type noticeBarInfo struct {
	NoticeMsgType int    `json:"noticeMsgType"`
	NoticeBarType int    `json:"noticeBarType"`
	Title         string `json:"title"`
	Content       string `json:"content"`
}

type clickTypeInfo struct {
	ClickType  int               `json:"clickType"`
	URL        string            `json:"url,omitempty"`
	Parameters map[string]string `json:"parameters,omitempty"`
	Activity   string            `json:"activity,omitempty"`
}

type pushTimeInfo struct {
	OffLine   int `json:"offLine"`
	ValidTime int `json:"validTime"` // hours
}

type advanceInfo struct {
	NotificationType notificationType `json:"notificationType"`
}

type notificationType struct {
	Vibrate int `json:"vibrate"`
	Lights  int `json:"lights"`
	Sound   int `json:"sound"`
}

func buildMessage(msg vendors.Message, c models.Certificate) messageJSON {
	m := messageJSON{
		NoticeBarInfo: noticeBarInfo{Title: msg.Title, Content: msg.Desc},
		ClickTypeInfo: clickTypeInfo{Parameters: msg.AppExtras()},
		PushTimeInfo:  pushTimeInfo{OffLine: 1, ValidTime: 24},
		AdvanceInfo:   advanceInfo{NotificationType: notificationType{Vibrate: 1, Lights: 1, Sound: 1}},
	}
	if len(m.ClickTypeInfo.Parameters) == 0 {
		m.ClickTypeInfo.Parameters = nil
	}
	m.NoticeBarInfo.NoticeMsgType = noticeMsgType(msg, c)
	if msg.Receipt.URL != "" {
		m.Extra = map[string]string{"callback": msg.Receipt.URL, "callback.param": msg.Receipt.Param, "callback.type": callbackArrivedAndClicked}
	}
	if msg.Call != nil {
		m.PushTimeInfo.ValidTime = callValidHours
	}
	if s := msg.Meizu.Sound; s != nil && !*s {
		m.AdvanceInfo.NotificationType.Sound = 0
	}
	switch a := msg.Click(c); a.Type {
	case "activity":
		m.ClickTypeInfo.ClickType, m.ClickTypeInfo.Activity = 1, a.Activity
	case "intent":
		m.ClickTypeInfo.ClickType, m.ClickTypeInfo.URL = 2, a.IntentURI
	}
	return m
}

// params are the request's form fields before signing.
func params(c models.Certificate, m messageJSON, token string) (map[string]string, error) {
	raw, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	return map[string]string{"appId": c.Settings.AppID, "pushIds": token, "messageJson": string(raw)}, nil
}
