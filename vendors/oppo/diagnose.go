package oppo

import (
	"encoding/json"
	"fmt"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Diagnose adds OPPO's channel ID, the ext it can hand over, its class and
// the per-device public cap.
func (ch *Channel) Diagnose(in models.DiagnosisInput) []models.Check {
	checks := []models.Check{channelCheck(in)}
	if in.Message.Ext != "" {
		checks = append(checks, extCheck(in))
	}
	return append(checks, classCheck(in), vendors.DeviceCapOf(in, marketingCap))
}

func channelCheck(in models.DiagnosisInput) models.Check {
	const id, title = "oppo_channel", "OPPO channel ID"
	c := in.Certificate
	switch {
	case in.Message.OPPOChannelID != "":
		return models.Pass(id, title, "the message names channel "+in.Message.OPPOChannelID).
			Says(models.Tf("verdict.oppo.channel.message", "Channel", in.Message.OPPOChannelID))
	case c.Settings.ChannelID != "":
		return models.Pass(id, title, fmt.Sprintf("certificate #%d's default channel %s", c.ID, c.Settings.ChannelID)).
			Says(models.Tf("verdict.oppo.channel.certificate", "ID", c.ID, "Channel", c.Settings.ChannelID))
	}
	return models.Fail(id, title, fmt.Sprintf("no channel ID: neither the message nor certificate #%d sets one, and OPPO shows nothing on Android 8+", c.ID),
		fmt.Sprintf("create the channel (e.g. \"im\") in the app and the OPPO console, then set it on certificate #%d", c.ID), "has no OPPO channel ID").
		Says(models.Tf("verdict.oppo.channel.missing.evidence", "ID", c.ID),
			models.Tf("verdict.oppo.channel.missing.fix", "ID", c.ID), models.T("verdict.oppo.channel.missing.cause"))
}

func extCheck(in models.DiagnosisInput) models.Check {
	const id, title = "oppo_ext", "OPPO ext"
	if json.Valid([]byte(in.Message.Ext)) {
		return models.Pass(id, title, "ext is JSON, which OPPO hands to the app").Says(models.T("verdict.oppo.ext.pass"))
	}
	return models.Fail(id, title, "ext is not JSON: OPPO hands the app only JSON action parameters, so it is dropped",
		"send ext as a JSON object, e.g. {\"conversationID\":\"c2c_bob\"}", "gets the message without its ext (not JSON)").
		Says(models.T("verdict.oppo.ext.invalid.evidence"), models.T("verdict.oppo.ext.invalid.fix"), models.T("verdict.oppo.ext.invalid.cause"))
}

func classCheck(in models.DiagnosisInput) models.Check {
	const id, title = "message_class", "OPPO message class"
	c := in.Certificate
	if in.Class == models.ClassService {
		return models.Pass(id, title, fmt.Sprintf("category %s on #%d: communication & service, no per-device cap", c.Settings.Category, c.ID)).
			Says(models.Tf("verdict.oppo.class.service", "Category", c.Settings.Category, "ID", c.ID))
	}
	return models.Warn(id, title, fmt.Sprintf("category %s on #%d: content & marketing, at most %d a day per device", vendors.OrNone(c.Settings.Category), c.ID, marketingCap),
		"apply for communication & service rights in the OPPO console and set category IM on the certificate", "is sent as OPPO marketing (capped)").
		Says(models.Tf("verdict.oppo.class.marketing.evidence", "Category", vendors.OrNoneText(c.Settings.Category), "ID", c.ID, "Cap", marketingCap),
			models.T("verdict.oppo.class.marketing.fix"), models.T("verdict.oppo.class.marketing.cause"))
}
