package phones

import (
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// Judgement is what a phone does with a message that reached it: the
// outcome in its shade and the rule that decided it (docs/sandbox-phones.md
// has each rule with the vendor's source).
type Judgement struct {
	Outcome models.ShadeOutcome
	Rule    string
}

// The rules' names, shown on the phone's page and in the API.
const (
	RuleShown               = "shown"
	RuleOffline             = "offline"
	RuleAppKilled           = "app_killed"
	RuleDataMessage         = "data_message"
	RuleNotificationsOff    = "notifications_off"
	RuleForeground          = "foreground"
	RuleOPPONoChannel       = "oppo_no_channel"
	RuleXiaomiDefaultDaily  = "xiaomi_default_channel"
	RuleVivoNight           = "vivo_night"
	RuleMeizuPublicCap      = "meizu_public_cap"
	meizuPublicPerDevice    = 3
	vivoOperationStartsHour = 7
	vivoOperationEndsHour   = 23
)

// Judge applies the phone's condition and its vendor's client-side rules to
// a message, in the order a phone meets them. today are the phone's earlier
// entries of the vendor's day, which the daily rules count.
func Judge(p models.Phone, e models.ShadeEntry, today []models.ShadeEntry, now time.Time) Judgement {
	switch {
	case p.Behaviour == models.BehaviourNoReceipt:
		return Judgement{models.ShadeNotDelivered, RuleOffline}
	case e.Kind == "data" || e.Kind == "background":
		if p.Behaviour == models.BehaviourAppKilled {
			// A stopped app is not woken for data: FCM drops it, HarmonyOS
			// caches it (receipt 27).
			return Judgement{models.ShadeNotDelivered, RuleAppKilled}
		}
		return Judgement{models.ShadeToApp, RuleDataMessage}
	case p.Behaviour == models.BehaviourNotificationsOff:
		return Judgement{models.ShadeHidden, RuleNotificationsOff}
	case p.Foreground && (p.Vendor == models.VendorAPNs || p.Vendor == models.VendorFCM):
		// iOS and FCM hand a foreground app its notification instead of
		// showing it (willPresent / onMessageReceived).
		return Judgement{models.ShadeToApp, RuleForeground}
	}
	return vendorRule(p.Vendor, e, today, now)
}

// vendorRule is what the vendor's system on the phone does with a
// notification it received.
func vendorRule(v models.Vendor, e models.ShadeEntry, today []models.ShadeEntry, now time.Time) Judgement {
	shown := Judgement{models.ShadeShown, RuleShown}
	switch v {
	case models.VendorOPPO:
		if e.ChannelID == "" {
			return Judgement{models.ShadeHidden, RuleOPPONoChannel}
		}
	case models.VendorXiaomi:
		if e.ChannelID == "" && countShown(today, func(x models.ShadeEntry) bool { return x.ChannelID == "" }) >= 1 {
			return Judgement{models.ShadeFolded, RuleXiaomiDefaultDaily}
		}
	case models.VendorVivo:
		hour := models.VendorTime(v, now).Hour()
		if e.Class == models.ClassMarketing && (hour < vivoOperationStartsHour || hour >= vivoOperationEndsHour) {
			return Judgement{models.ShadeHeld, RuleVivoNight}
		}
	case models.VendorMeizu:
		public := func(x models.ShadeEntry) bool { return x.Class == models.ClassMarketing }
		if e.Class == models.ClassMarketing && countShown(today, public) >= meizuPublicPerDevice {
			return Judgement{models.ShadeDropped, RuleMeizuPublicCap}
		}
	}
	return shown
}

func countShown(entries []models.ShadeEntry, match func(models.ShadeEntry) bool) int {
	n := 0
	for _, x := range entries {
		if x.Outcome == models.ShadeShown && match(x) {
			n++
		}
	}
	return n
}

// ack is one ack a phone posts, delay after the message reached it.
type ack struct {
	stage models.Stage
	delay time.Duration
}

// acksFor are the acks the app on the phone posts for a message, by its
// behaviour and what became of the message.
func acksFor(b models.PhoneBehaviour, j Judgement, d Delays) []ack {
	extra := time.Duration(0)
	if b == models.BehaviourSlowReceipt {
		extra = d.Slow
	}
	received := ack{models.StageReceived, d.Receive + extra}
	displayed := ack{models.StageDisplayed, d.Receive + d.Display + extra}
	clicked := ack{models.StageClicked, d.Receive + d.Display + d.Tap + extra}
	switch j.Outcome {
	case models.ShadeToApp:
		return []ack{received}
	case models.ShadeShown:
	default:
		return nil // nothing reached the app's code
	}
	switch b {
	case models.BehaviourAppKilled:
		// The system shows it; the app's code first runs when the tap
		// starts it.
		return []ack{clicked}
	case models.BehaviourNeverTaps:
		return []ack{received, displayed}
	}
	return []ack{received, displayed, clicked}
}
