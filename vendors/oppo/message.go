package oppo

import (
	"encoding/json"
	"net/url"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Where the composer's fields go in an OPPO unicast (README "Field
// mapping"): the message form field is JSON; title, desc →
// notification.title/content; ext and the delivery ID →
// action_parameters, a JSON string of {"ext","pushcheck_delivery_id"} the
// app gets as intent extras; channel ID → channel_id (the message's, else
// the certificate's default); category and notify level → category and
// notify_level; click action → click_action_type 0 (app), 4 (activity by
// class name) or 5 (intent URI). OPPO takes no sound or badge per message. Receipts: call_back_url and
// call_back_parameter (the delivery ID). OPPO takes pictures only by the
// ID of one uploaded to it first, never by URL: no image is sent.
//
// A call invitation is an IM-category notification (OPPO has no call
// category) at notify_level 16 (shade, lock screen, banner, vibration and
// ring) unless the composer chose others, kept off_line_ttl
// vendors.CallTTLSeconds, with the call's fields in action_parameters.

type unicast struct {
	TargetType   int          `json:"target_type"` // 2: registration_id
	TargetValue  string       `json:"target_value"`
	Notification notification `json:"notification"`
}

type notification struct {
	Title               string `json:"title"`
	Content             string `json:"content"`
	ClickActionType     int    `json:"click_action_type"`
	ClickActionActivity string `json:"click_action_activity,omitempty"`
	ClickActionURL      string `json:"click_action_url,omitempty"`
	ActionParameters    string `json:"action_parameters,omitempty"`
	ChannelID           string `json:"channel_id,omitempty"`
	Category            string `json:"category,omitempty"`
	NotifyLevel         int    `json:"notify_level,omitempty"`
	OffLine             bool   `json:"off_line"`
	OffLineTTL          int    `json:"off_line_ttl,omitempty"`        // seconds
	CallBackURL         string `json:"call_back_url,omitempty"`       // receipts, ≤ 200 characters
	CallBackParameter   string `json:"call_back_parameter,omitempty"` // echoed as param: the delivery ID
}

func buildMessage(msg vendors.Message, c models.Certificate, token string) unicast {
	n := notification{Title: msg.Title, Content: msg.Desc, ActionParameters: msg.AppExtrasJSON(), Category: category(msg, c), OffLine: true,
		ChannelID: channel(msg, c), CallBackURL: msg.Receipt.URL}
	if n.CallBackURL != "" {
		n.CallBackParameter = msg.Receipt.Param
	}
	if msg.OPPO.NotifyLevel != nil {
		n.NotifyLevel = *msg.OPPO.NotifyLevel
	}
	if msg.Call != nil {
		n.OffLineTTL = vendors.CallTTLSeconds
		if n.NotifyLevel == 0 {
			n.NotifyLevel = callNotifyLevel
		}
	}
	switch a := msg.Click(c); a.Type {
	case "activity":
		n.ClickActionType, n.ClickActionActivity = 4, a.Activity
	case "intent":
		n.ClickActionType, n.ClickActionURL = 5, a.IntentURI
	}
	return unicast{TargetType: 2, TargetValue: token, Notification: n}
}

// buildForm is the unicast request: the auth_token and the message JSON.
func buildForm(m unicast, authToken string) (url.Values, error) {
	raw, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	return url.Values{"auth_token": {authToken}, "message": {string(raw)}}, nil
}
