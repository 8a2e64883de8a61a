package apns

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pushcheck/pushcheck/models"
)

// Diagnose adds what call invitations need on iOS; the other APNs links
// (the build's environment against the certificate's host) are
// vendor-neutral checks in models, and APNs has no classes or daily caps.
// Both call checks fail only when the engineer checks a missed call:
// without them normal notifications still arrive, only calls cannot ring
// (models.Check.ForCalls).
func (*Channel) Diagnose(in models.DiagnosisInput) []models.Check {
	return []models.Check{voipTopicCheck(*in.Certificate).ForCalls(in.Message), voipTokenCheck(in.Device).ForCalls(in.Message)}
}

const callsTitle = "Calls (VoIP pushes)"

// voipTopicCheck: a .p12 certificate may push only to the topics it names;
// a call goes to the bundle ID + ".voip" topic. A .p8 key may push to
// every topic of the team.
func voipTopicCheck(c models.Certificate) models.Check {
	const id = "voip_topic"
	voip := c.Settings.BundleID + ".voip"
	switch {
	case c.Settings.Auth != "certificate":
		return models.Pass(id, callsTitle, fmt.Sprintf("certificate #%d is a .p8 signing key, which may push to %s", c.ID, voip)).
			Says(models.Tf("verdict.apns.voip_topic.key", "ID", c.ID, "Topic", voip))
	case len(c.Settings.Topics) == 0:
		return models.Warn(id, callsTitle, fmt.Sprintf("certificate #%d's topics were not read when it was saved, so whether it may push to %s is unknown", c.ID, voip),
			"open certificate #"+fmt.Sprint(c.ID)+" and save it again", "").
			Says(models.Tf("verdict.apns.voip_topic.unread.evidence", "ID", c.ID, "Topic", voip), models.Tf("verdict.apns.voip_topic.unread.fix", "ID", c.ID))
	case !slices.Contains(c.Settings.Topics, voip):
		return models.Warn(id, callsTitle, fmt.Sprintf("certificate #%d may push to %s, not to %s: APNs refuses call invitations with TopicDisallowed", c.ID, strings.Join(c.Settings.Topics, ", "), voip),
			"create an Apple Push certificate that includes the VoIP service (or a VoIP Services certificate) and upload it, or switch to a .p8 signing key, which may push to every topic",
			"cannot ring for calls: its certificate lacks the VoIP topic").
			Says(models.Tf("verdict.apns.voip_topic.missing.evidence", "ID", c.ID, "Topics", strings.Join(c.Settings.Topics, ", "), "Topic", voip),
				models.T("verdict.apns.voip_topic.missing.fix"), models.T("verdict.apns.voip_topic.missing.cause"))
	}
	return models.Pass(id, callsTitle, fmt.Sprintf("certificate #%d may push to %s", c.ID, voip)).
		Says(models.Tf("verdict.apns.voip_topic.pass", "ID", c.ID, "Topic", voip))
}

// voipTokenCheck: a call invitation goes to the PushKit token, which the
// app reports beside its alert token.
func voipTokenCheck(d models.Device) models.Check {
	const id = "voip_token"
	if d.VoIPToken == "" {
		return models.Warn(id, callsTitle, "the device reported no VoIP (PushKit) token: call invitations cannot reach it; normal notifications still do",
			"have the app report voip_token (PKPushRegistry's pushCredentials token, as hex) in its device registration after every launch",
			"cannot ring for calls: it reported no VoIP token").
			Says(models.T("verdict.apns.voip_token.missing.evidence"), models.T("verdict.apns.voip_token.missing.fix"), models.T("verdict.apns.voip_token.missing.cause"))
	}
	return models.Pass(id, callsTitle, "VoIP token "+models.MaskToken(d.VoIPToken)).
		Says(models.Tf("verdict.apns.voip_token.pass", "Token", models.MaskToken(d.VoIPToken)))
}
