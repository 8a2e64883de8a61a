package vendors

import (
	"context"
	"encoding/json"
	"maps"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// Message is a composed test push, vendor-neutral; each vendor's
// message.go maps it onto its own fields.
type Message struct {
	Title       string
	Desc        string
	Ext         string // JSON handed to the app when the notification is tapped
	Sound       string
	Badge       *int
	IgnoreBadge bool
	// DeliveryID travels in the payload so the app can acknowledge it.
	DeliveryID string
	// Receipt asks the vendor for a receipt callback, where the vendor
	// takes the URL per message.
	Receipt ReceiptRequest
	DryRun  bool
	// ClickAction overrides the certificate's click action when set.
	ClickAction *models.ClickAction
	// Platform is the device's, as it reported it: FCM sends a browser
	// (web) the webpush block instead of the android one.
	Platform models.Platform
	// Image is a rich notification's picture (an https URL), sent only in
	// a vendor's own image field.
	Image string
	// Call makes the push an incoming-call invitation; for APNs the token
	// is then the device's VoIP token.
	Call *models.CallInvitation
	APNs APNsOptions
	FCM  FCMOptions
	// The Android and HarmonyOS vendors' own fields, as the request gave them.
	Huawei  models.HuaweiPushOptions
	Harmony models.HarmonyPushOptions
	Honor   models.HonorPushOptions
	Xiaomi  models.XiaomiPushOptions
	OPPO    models.OPPOPushOptions
	Vivo    models.VivoPushOptions
	Meizu   models.MeizuPushOptions
}

// Click is what tapping the notification does: the message's click
// action, else the certificate's.
func (m Message) Click(c models.Certificate) models.ClickAction {
	if m.ClickAction != nil && m.ClickAction.Type != "" {
		return *m.ClickAction
	}
	if c.ClickAction.Type == "" {
		return models.ClickAction{Type: "open_app"}
	}
	return c.ClickAction
}

// BadgeNumber is the badge to set, if any.
func (m Message) BadgeNumber() (int, bool) {
	if m.IgnoreBadge || m.Badge == nil {
		return 0, false
	}
	return *m.Badge, true
}

// AppExtras are the key/values the app receives on tap on the Android
// vendors: "ext" as composed and the delivery ID, so the app can
// acknowledge the push. Every vendor carries these same two keys, and a
// call invitation's call_id, caller and video beside them.
func (m Message) AppExtras() map[string]string {
	extras := map[string]string{}
	if m.Ext != "" {
		extras["ext"] = m.Ext
	}
	if m.DeliveryID != "" {
		extras["pushcheck_delivery_id"] = m.DeliveryID
	}
	maps.Copy(extras, m.CallExtras())
	return extras
}

// APNsOptions are APNs request headers the composer exposes.
type APNsOptions struct {
	PushType          string // alert (default), background, voip, …
	Priority          int    // 10 (default for alerts), 5, 1
	CollapseID        string
	Expiration        *time.Time
	InterruptionLevel string // aps.interruption-level
	ThreadID          string // aps.thread-id
}

// FCMOptions are FCM Android options the composer exposes.
type FCMOptions struct {
	Priority   string // high (default) | normal
	TTLSeconds *int
	ChannelID  string
	Web        models.FCMWebOptions // the webpush block, for platform web
}

// Result is what one send to one device came to.
type Result struct {
	Outcome     Outcome
	Kind        models.AnswerKind
	HTTPStatus  int
	Code        string // the vendor's reason or code, verbatim
	Explanation string
	Fix         string
	MessageID   string // the vendor's ID for the message
	UniqueID    string // APNs development: apns-unique-id, for Apple's delivery log
	Request     string // redacted
	Response    string // redacted
	Latency     time.Duration
}

// WithCode fills a result's outcome, kind and words from a code table entry.
func (r Result) WithCode(c Code) Result {
	r.Outcome, r.Kind, r.Explanation, r.Fix = c.Outcome, c.Kind, c.Explanation, c.Fix
	return r
}

// TokenDead reports whether the answer says the token will never work again.
func (r Result) TokenDead() bool { return r.Kind == models.AnswerDeadToken }

// Sender sends a test push to one device through a vendor.
type Sender interface {
	Send(ctx context.Context, cert models.Certificate, secrets models.CertificateSecrets, msg Message, token string) Result
}

// AppExtrasJSON is AppExtras as one JSON string, for vendors whose
// payload field is a string (Huawei and Honor data); "" when empty.
func (m Message) AppExtrasJSON() string {
	extras := m.AppExtras()
	if len(extras) == 0 {
		return ""
	}
	raw, _ := json.Marshal(extras) //nolint:errcheck // a map of strings always encodes
	return string(raw)
}

// IntentClick is Huawei's click action, which Honor kept: type 1 opens an
// app page by intent URI, or by an intent-filter action (which pushcheck
// does not send, but the emulators accept); 3 opens the app. Huawei writes
// it click_action, Honor clickAction.
type IntentClick struct {
	Type   int    `json:"type"`
	Intent string `json:"intent,omitempty"`
	Action string `json:"action,omitempty"`
}

// IntentClickOf maps a click action. Huawei's "action" field is an
// intent-filter action, not a class name, so an activity travels as an
// intent URI naming its component (as Tencent's Huawei guide shows:
// intent:#Intent;component=<package>/<class>;end), which needs the app's
// package name. Without one the tap opens the app, and the lint says why.
func IntentClickOf(a models.ClickAction, packageName string) *IntentClick {
	switch {
	case a.Type == "intent":
		return &IntentClick{Type: 1, Intent: a.IntentURI}
	case a.Type == "activity" && packageName != "":
		return &IntentClick{Type: 1, Intent: ActivityIntentURI(packageName, a.Activity)}
	}
	return &IntentClick{Type: 3}
}

// ActivityIntentURI is Android's intent URI (Intent.toUri with
// URI_INTENT_SCHEME) that starts one activity of the app, as a new task
// on top of the app's own (FLAG_ACTIVITY_NEW_TASK 0x10000000 is set by the
// vendor; 0x4000000 is FLAG_ACTIVITY_CLEAR_TOP, which Huawei's samples use).
func ActivityIntentURI(packageName, activity string) string {
	if strings.HasPrefix(activity, ".") {
		activity = packageName + activity
	}
	return "intent:#Intent;launchFlags=0x4000000;component=" + packageName + "/" + activity + ";end"
}

// ActivityClickWithoutPackage is the lint finding of an activity click on
// a certificate that has no package name (Huawei, Honor).
func ActivityClickWithoutPackage(v models.Vendor, msg Message, c models.Certificate) []models.Warning {
	if a := msg.Click(c); a.Type != "activity" || c.Settings.PackageName != "" {
		return nil
	}
	return []models.Warning{Warning("click_no_package", "%s opens an activity only by an intent URI naming the app's package: certificate #%d has no package name, so the tap opens the app instead of %s; set the package name on the certificate", v.Label(), c.ID, msg.Click(c).Activity).
		Says(models.Tf("lint.click_no_package", "Vendor", v.Text(), "ID", c.ID, "Activity", msg.Click(c).Activity))}
}
