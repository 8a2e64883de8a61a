package views

import (
	"context"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// PhonesView lists an app's virtual phones with the form to make one.
type PhonesView struct {
	Phones []models.Phone
	Form   models.NewPhone // kept when creating fails
	Error  string
	// Unavailable says this console runs no sandbox, so no phones.
	Unavailable bool
}

// PhoneView is one phone: its shade, newest first, with the acks it posted.
type PhoneView struct {
	Phone models.Phone
	Shade []models.ShadeEntry
}

// PhonePath is a virtual phone's page.
func PhonePath(appID, phoneID int64) string { return AppPath(appID, "/phones/"+Itoa(phoneID)) }

// PhoneState is the app state a phone reports: foreground or background.
func PhoneState(p models.Phone) string {
	if p.Foreground {
		return "foreground"
	}
	return "background"
}

// phoneAck is one ack of a shade entry, for its history line.
type phoneAck struct {
	Stage models.Stage
	At    *time.Time
}

// phoneAcks are the acks the phone posted for a message, in stage order.
func phoneAcks(e models.ShadeEntry) []phoneAck {
	var out []phoneAck
	for _, a := range []phoneAck{{models.StageReceived, e.ReceivedAt}, {models.StageDisplayed, e.DisplayedAt}, {models.StageClicked, e.ClickedAt}} {
		if a.At != nil {
			out = append(out, a)
		}
	}
	return out
}

// shadeShown says whether the entry sits in the shade as a notification.
func shadeShown(e models.ShadeEntry) bool { return e.Outcome == models.ShadeShown }

// PhoneBehaviourLabel names a behaviour in the page's language.
func PhoneBehaviourLabel(ctx context.Context, b models.PhoneBehaviour) string {
	switch b {
	case models.BehaviourNotificationsOff:
		return T(ctx, "phones.behaviour.notifications_off")
	case models.BehaviourNeverTaps:
		return T(ctx, "phones.behaviour.never_taps")
	case models.BehaviourTokenDies:
		return T(ctx, "phones.behaviour.token_dies")
	case models.BehaviourSlowReceipt:
		return T(ctx, "phones.behaviour.slow_receipt")
	case models.BehaviourNoReceipt:
		return T(ctx, "phones.behaviour.no_receipt")
	case models.BehaviourAppKilled:
		return T(ctx, "phones.behaviour.app_killed")
	case models.BehaviourWrongCertificate:
		return T(ctx, "phones.behaviour.wrong_certificate")
	case models.BehaviourLoggedOut:
		return T(ctx, "phones.behaviour.logged_out")
	}
	return T(ctx, "phones.behaviour.healthy")
}

// PhoneStateLabel is the phone's app state in the page's language.
func PhoneStateLabel(ctx context.Context, p models.Phone) string {
	if p.Foreground {
		return T(ctx, "phones.state.foreground")
	}
	return T(ctx, "phones.state.background")
}

// ShadeOutcomeLabel names what became of a message.
func ShadeOutcomeLabel(ctx context.Context, o models.ShadeOutcome) string {
	switch o {
	case models.ShadeHidden:
		return T(ctx, "phones.outcome.hidden")
	case models.ShadeFolded:
		return T(ctx, "phones.outcome.folded")
	case models.ShadeHeld:
		return T(ctx, "phones.outcome.held")
	case models.ShadeDropped:
		return T(ctx, "phones.outcome.dropped")
	case models.ShadeToApp:
		return T(ctx, "phones.outcome.to_app")
	case models.ShadeNotDelivered:
		return T(ctx, "phones.outcome.not_delivered")
	}
	return T(ctx, "phones.outcome.shown")
}

// ShadeRuleText explains the rule behind a message's outcome (the rule
// names of models/phones).
func ShadeRuleText(ctx context.Context, rule string) string {
	switch rule {
	case "offline":
		return T(ctx, "phones.rule.offline")
	case "app_killed":
		return T(ctx, "phones.rule.app_killed")
	case "data_message":
		return T(ctx, "phones.rule.data_message")
	case "notifications_off":
		return T(ctx, "phones.rule.notifications_off")
	case "foreground":
		return T(ctx, "phones.rule.foreground")
	case "oppo_no_channel":
		return T(ctx, "phones.rule.oppo_no_channel")
	case "xiaomi_default_channel":
		return T(ctx, "phones.rule.xiaomi_default_channel")
	case "vivo_night":
		return T(ctx, "phones.rule.vivo_night")
	case "meizu_public_cap":
		return T(ctx, "phones.rule.meizu_public_cap")
	}
	return T(ctx, "phones.rule.shown")
}
