package huawei

import (
	"strconv"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Where the composer's fields go in a Push Kit v1 message (README "Field
// mapping"): title, desc → android.notification.title/body; ext and the
// delivery ID → message.data as a JSON string {"ext","pushcheck_delivery_id"},
// which the app reads from the tapped notification's intent extras; sound →
// android.notification.sound "/raw/<name>" (Huawei applies it only when the
// channel is first created); badge → android.notification.badge.set_num
// with the certificate's badge class; click action →
// android.notification.click_action (required by Huawei); category,
// importance and test → android.category, notification.importance and
// android.target_user_type; the delivery ID → android.bi_tag, which
// Huawei echoes in the receipt, and the certificate's receipt ID →
// android.receipt_id. The image → android.notification.image (a small
// picture on the right), the group → android.notification.group.
//
// A call invitation is a notification in category VOIP (audio and video
// calls, a service & communication category granted with
// self-classification) at importance NORMAL, unless the composer chose
// others, with a TTL of vendors.CallTTLSeconds and the call's fields in
// data.

type sendRequest struct {
	ValidateOnly bool    `json:"validate_only"`
	Message      message `json:"message"`
}

type message struct {
	Data    string        `json:"data,omitempty"`
	Android androidConfig `json:"android"`
	Token   []string      `json:"token"`
}

type androidConfig struct {
	Category       string              `json:"category,omitempty"`
	BiTag          string              `json:"bi_tag,omitempty"`     // echoed in the receipt: the delivery ID
	ReceiptID      string              `json:"receipt_id,omitempty"` // the console's receipt configuration
	TargetUserType int                 `json:"target_user_type,omitempty"`
	TTL            string              `json:"ttl,omitempty"`
	Notification   androidNotification `json:"notification"`
}

type androidNotification struct {
	Title        string               `json:"title"`
	Body         string               `json:"body"`
	ClickAction  *vendors.IntentClick `json:"click_action,omitempty"`
	Sound        string               `json:"sound,omitempty"`
	DefaultSound bool                 `json:"default_sound"`
	Badge        *badge               `json:"badge,omitempty"`
	Importance   string               `json:"importance,omitempty"`
	Image        string               `json:"image,omitempty"`
	Group        string               `json:"group,omitempty"`
}

type badge struct {
	SetNum *int   `json:"set_num,omitempty"`
	Class  string `json:"class"`
}

func buildRequest(msg vendors.Message, c models.Certificate, token string) sendRequest {
	n := androidNotification{Title: msg.Title, Body: msg.Desc, ClickAction: vendors.IntentClickOf(msg.Click(c), c.Settings.PackageName), Importance: msg.Huawei.Importance,
		Image: msg.Image, Group: msg.Huawei.Group}
	if msg.Sound != "" {
		n.Sound = "/raw/" + msg.Sound
	} else {
		n.DefaultSound = true
	}
	if num, ok := msg.BadgeNumber(); ok && c.Settings.BadgeClass != "" {
		n.Badge = &badge{SetNum: &num, Class: c.Settings.BadgeClass}
	}
	android := androidConfig{Category: category(msg, c), Notification: n, BiTag: msg.DeliveryID, ReceiptID: c.Settings.ReceiptID}
	if msg.Huawei.Test {
		android.TargetUserType = 1
	}
	if msg.Call != nil {
		android.TTL = strconv.Itoa(vendors.CallTTLSeconds) + "s"
		if android.Notification.Importance == "" {
			android.Notification.Importance = "NORMAL"
		}
	}
	return sendRequest{ValidateOnly: msg.DryRun, Message: message{Data: msg.AppExtrasJSON(), Android: android, Token: []string{token}}}
}
