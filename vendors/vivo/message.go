package vivo

import (
	"strconv"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Where the composer's fields go in a vivo single send (README "Field
// mapping"): title, desc → title/content; ext and the delivery ID →
// clientCustomMap {"ext","pushcheck_delivery_id"}, which the app receives
// on tap; the delivery ID is also the requestId (vivo's deduplication
// key); classification, category, push mode → classification, category,
// pushMode (1 test); click action → skipType 1 (app) or 4 with skipContent
// (an intent URI). vivo has no sound or badge field: notifyType 4 rings and
// vibrates. Receipts: extra.callback and extra.callback.param (the
// delivery ID); vivo sends them for formal messages only, not test pushes.
// vivo's API has no picture field: no image is sent.
//
// A call invitation is a system message (classification 1) in category
// IM (vivo has no call category) unless the composer chose others, with
// notifyType 4 (ring and vibrate) and timeToLive vendors.CallTTLSeconds
// (vivo's minimum), and the call's fields in clientCustomMap.

type sendRequest struct {
	AppID           int               `json:"appId"`
	RegID           string            `json:"regId"`
	NotifyType      int               `json:"notifyType"`
	Title           string            `json:"title"`
	Content         string            `json:"content"`
	SkipType        int               `json:"skipType"`
	SkipContent     string            `json:"skipContent,omitempty"`
	Classification  *int              `json:"classification,omitempty"`
	Category        string            `json:"category,omitempty"`
	ClientCustomMap map[string]string `json:"clientCustomMap,omitempty"`
	RequestID       string            `json:"requestId"`
	TimeToLive      int               `json:"timeToLive,omitempty"` // seconds
	PushMode        int               `json:"pushMode"`
	Extra           map[string]string `json:"extra,omitempty"` // callback, callback.param: receipts
}

func buildRequest(msg vendors.Message, c models.Certificate, token string) sendRequest {
	appID, _ := strconv.Atoi(c.Settings.AppID) //nolint:errcheck // PrepareCertificate only stores numeric app IDs
	req := sendRequest{AppID: appID, RegID: token, NotifyType: 4, Title: msg.Title, Content: msg.Desc, SkipType: 1,
		Classification: msg.Vivo.Classification, Category: category(msg, c), RequestID: msg.DeliveryID}
	if req.Classification == nil && req.Category != "" {
		class := classification(msg, c)
		req.Classification = &class
	}
	if extras := msg.AppExtras(); len(extras) > 0 {
		req.ClientCustomMap = extras
	}
	if msg.Call != nil {
		req.TimeToLive = vendors.CallTTLSeconds
	}
	if req.RequestID == "" {
		req.RequestID = vendors.RandomID("pc-")
	}
	if testPush(msg, c) {
		req.PushMode = 1
	}
	if msg.Receipt.URL != "" {
		req.Extra = map[string]string{"callback": msg.Receipt.URL, "callback.param": msg.Receipt.Param}
	}
	// vivo opens an in-app page by intent URI only; an activity name
	// without the package cannot make one, so it opens the app.
	if a := msg.Click(c); a.Type == "intent" {
		req.SkipType, req.SkipContent = 4, a.IntentURI
	}
	return req
}
