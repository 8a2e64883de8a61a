package honor

import (
	"strconv"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Where the composer's fields go in an Honor sendMessage body (README
// "Field mapping"), camelCase where Huawei is snake_case: title, desc →
// android.notification.title/body; ext and the delivery ID → data as a
// JSON string {"ext","pushcheck_delivery_id"}; badge →
// android.notification.badge.setNum with the certificate's badgeClass;
// click action → android.notification.clickAction (required); importance
// (LOW marketing, NORMAL service) and test (targetUserType 1). Honor has
// no per-message sound. The delivery ID also goes to android.biTag, which
// the receipt echoes (Honor's names follow Huawei's, camelCased: the
// receipt fields are unverified, docs/vendors/honor.md §6). The image →
// android.notification.image (a small picture on the right) and the group
// → android.notification.group, as Huawei names them. A call invitation
// travels at importance NORMAL (Honor has no call category) with a TTL of
// vendors.CallTTLSeconds and the call's fields in data.

type sendRequest struct {
	Data    string        `json:"data,omitempty"`
	Android androidConfig `json:"android"`
	Token   []string      `json:"token"`
}

type androidConfig struct {
	TargetUserType int                 `json:"targetUserType,omitempty"`
	BiTag          string              `json:"biTag,omitempty"`     // echoed in the receipt: the delivery ID
	ReceiptID      string              `json:"receiptId,omitempty"` // the console's receipt configuration
	TTL            string              `json:"ttl,omitempty"`
	Notification   androidNotification `json:"notification"`
}

type androidNotification struct {
	Title       string               `json:"title"`
	Body        string               `json:"body"`
	ClickAction *vendors.IntentClick `json:"clickAction,omitempty"`
	Badge       *badge               `json:"badge,omitempty"`
	Importance  string               `json:"importance,omitempty"`
	Image       string               `json:"image,omitempty"`
	Group       string               `json:"group,omitempty"`
}

type badge struct {
	SetNum     *int   `json:"setNum,omitempty"`
	BadgeClass string `json:"badgeClass"`
}

func buildRequest(msg vendors.Message, c models.Certificate, token string) sendRequest {
	n := androidNotification{Title: msg.Title, Body: msg.Desc, ClickAction: vendors.IntentClickOf(msg.Click(c), c.Settings.PackageName), Importance: importance(msg, c),
		Image: msg.Image, Group: msg.Honor.Group}
	if num, ok := msg.BadgeNumber(); ok && c.Settings.BadgeClass != "" {
		n.Badge = &badge{SetNum: &num, BadgeClass: c.Settings.BadgeClass}
	}
	android := androidConfig{Notification: n, BiTag: msg.DeliveryID, ReceiptID: c.Settings.ReceiptID}
	if msg.Honor.Test {
		android.TargetUserType = 1
	}
	if msg.Call != nil {
		android.TTL = strconv.Itoa(vendors.CallTTLSeconds) + "s"
	}
	return sendRequest{Data: msg.AppExtrasJSON(), Android: android, Token: []string{token}}
}
