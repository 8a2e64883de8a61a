package apns

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sideshow/apns2"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Lint checks a message against APNs' rules before sending.
func (ch *Channel) Lint(msg vendors.Message, c models.Certificate, _ time.Time) []models.Warning {
	n := notification(c, msg, "")
	raw, err := json.Marshal(n.Payload)
	if err != nil {
		return []models.Warning{vendors.Blocker("payload_unencodable", "the APNs payload cannot be encoded: %v", err)}
	}
	out := vendors.TooManyBytes(models.VendorAPNs, "payload", len(raw), payloadLimit(n.PushType), vendors.Answers(models.VendorAPNs, "413 PayloadTooLarge"))
	if len(msg.APNs.CollapseID) > maxCollapseID {
		out = append(out, vendors.Blocker("collapse_id_too_long", "APNs collapse ID is %d bytes; APNs accepts %d (BadCollapseId)", len(msg.APNs.CollapseID), maxCollapseID).
			Says(models.Tf("lint.apns.collapse_id_too_long", "Length", len(msg.APNs.CollapseID), "Max", maxCollapseID)))
	}
	switch n.PushType {
	case apns2.PushTypeBackground:
		out = append(out, vendors.Warning("background_push", "APNs background push: iOS shows nothing and throttles delivery; title, desc, sound and badge are not sent").
			Says(models.T("lint.apns.background_push")))
	case apns2.PushTypeVOIP:
		out = append(out, callLint(msg, c)...)
	}
	if n.PushType == apns2.PushTypeAlert {
		out = append(out, alertLint(msg)...)
	} else if msg.Image != "" || msg.APNs.InterruptionLevel != "" || msg.APNs.ThreadID != "" {
		out = append(out, vendors.Warning("alert_fields_unsent", "APNs %s push shows no alert: the image, interruption level and thread ID are not sent", n.PushType).
			Says(models.Tf("lint.apns.alert_fields_unsent", "Type", n.PushType)))
	}
	return out
}

// alertLint checks the rich fields of an alert: the image only an app with
// a notification service extension shows, and the interruption levels
// that need an entitlement (Apple: UNNotificationInterruptionLevel).
func alertLint(msg vendors.Message) []models.Warning {
	var out []models.Warning
	if msg.Image != "" {
		if p := vendors.ImageProblem(msg.Image); p.English != "" {
			out = append(out, vendors.ImageURLBlocker(models.VendorAPNs, p))
		} else {
			out = append(out, vendors.Warning("image_needs_extension", "APNs has no image field: the URL goes in the payload's top-level %q key with mutable-content 1, and only an app with a notification service extension that downloads it and attaches it (images up to %d MB) shows it; without one the alert arrives without the picture", imageKey, maxAttachmentMB).
				Says(models.Tf("lint.apns.image_needs_extension", "Key", fmt.Sprintf("%q", imageKey), "MB", maxAttachmentMB)))
		}
	}
	switch msg.APNs.InterruptionLevel {
	case "time-sensitive":
		out = append(out, vendors.Warning("time_sensitive_entitlement", "APNs interruption-level time-sensitive breaks through Focus only when the app has the Time Sensitive Notifications capability (com.apple.developer.usernotifications.time-sensitive) and the user allows it; otherwise iOS shows it as active").
			Says(models.T("lint.apns.time_sensitive_entitlement")))
	case "critical":
		out = append(out, vendors.Warning("critical_entitlement", "APNs interruption-level critical needs the Critical Alerts entitlement (com.apple.developer.usernotifications.critical-alerts), which Apple grants only on request for health, safety and security apps; without it iOS shows an ordinary alert, and the sound ignores silent mode only as a critical sound (aps.sound {\"critical\":1}), which pushcheck does not send").
			Says(models.T("lint.apns.critical_entitlement")))
	}
	return out
}

// callLint checks what breaks a call invitation: a .p12 certificate that
// may not push to the app's VoIP topic (a .p8 key may push to every topic
// of the team), and iOS's PushKit rule.
func callLint(msg vendors.Message, c models.Certificate) []models.Warning {
	var out []models.Warning
	if c.Settings.Auth == "certificate" {
		voip := c.Settings.BundleID + ".voip"
		switch {
		case len(c.Settings.Topics) == 0:
			out = append(out, vendors.Warning("voip_topic_unknown", "APNs certificate #%d's topics were not read when it was saved: save it again, so pushcheck can tell whether it may push to %s", c.ID, voip).
				Says(models.Tf("lint.apns.voip_topic_unknown", "ID", c.ID, "Topic", voip)))
		case !slices.Contains(c.Settings.Topics, voip):
			out = append(out, vendors.Blocker("voip_topic_missing", "certificate #%d may push to %s, not to %s: APNs answers TopicDisallowed; create an Apple Push certificate with the VoIP service (or a VoIP Services certificate), or use a .p8 signing key, which may push to every topic", c.ID, strings.Join(c.Settings.Topics, ", "), voip).
				Says(models.Tf("lint.apns.voip_topic_missing", "ID", c.ID, "Topics", strings.Join(c.Settings.Topics, ", "), "Topic", voip)))
		}
	}
	if msg.Call != nil && msg.APNs.PushType != "" && msg.APNs.PushType != string(apns2.PushTypeVOIP) {
		out = append(out, vendors.Warning("call_push_type", "APNs: a call invitation is sent as push type voip, not %s", msg.APNs.PushType).
			Says(models.Tf("lint.apns.call_push_type", "Type", msg.APNs.PushType)))
	}
	return append(out, vendors.Warning("voip_callkit", "APNs VoIP push: it goes to the device's PushKit token (not its alert token) and shows nothing by itself; on iOS 13 and later the app must report every VoIP push to CallKit at once, or iOS ends the app and, if it keeps failing, stops delivering its VoIP pushes").
		Says(models.T("lint.apns.voip_callkit")))
}
