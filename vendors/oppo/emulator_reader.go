package oppo

import (
	"net/url"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// ReadEmulatorExchange reads one request to the OPPO emulator
// (vendors.EmulatorReader): an auth call by its app_key, a unicast by the
// AppKey its auth_token was issued to; OPPO's answer as the client reads
// it, the lint of the message as sent and what the registration ID
// receives.
func (ch *Channel) ReadEmulatorExchange(x vendors.EmulatorExchange) vendors.Observed {
	var o vendors.Observed
	r, _ := readAnswer(vendors.Result{}, vendors.Exchange{Status: x.Status, Body: x.Answer})
	f, err := url.ParseQuery(string(x.Body))
	if err != nil {
		o.Judge(r)
		return o
	}
	appKey := f.Get("app_key")
	if x.Path != authPath {
		appKey, _, _ = ch.emulator.authServer.Holder(f.Get("auth_token"))
	}
	if appKey != "" {
		o.Credit(&ch.emulator.book, appKey, "AppKey "+appKey)
	} else {
		o.Credential = "an auth_token the sandbox did not issue"
	}
	o.Judge(r)
	if x.Path == authPath {
		o.Grant = true
		return o
	}
	m, err := vendors.ParseWire([]byte(f.Get("message")))
	if err != nil {
		return o
	}
	if t := m.Str("target_value"); t != "" {
		o.Tokens = []string{t}
	}
	msg, click := messageOf(m.Obj("notification"))
	cert := vendors.ReaderCertificate(models.VendorOPPO, o.CertificateID)
	o.Note(ch.Lint(msg, cert, x.At))
	n := vendors.NotificationOf(msg)
	n.ChannelID, n.Class, n.Click = msg.OPPO.ChannelID, ch.Class(msg, cert), click
	o.Deliver(r, n, o.Tokens...)
	return o
}

// authPath is the path of OPPO's auth call.
const authPath = "/server/v1/auth"

// messageOf reads buildMessage's notification back, with where a tap
// leads: click_action_type 4 an activity, 5 an intent URI, else the app.
func messageOf(n vendors.Wire) (vendors.Message, string) {
	msg := vendors.MessageOfExtras(vendors.ExtrasOfJSON(n.Str("action_parameters")))
	msg.Title, msg.Desc = n.Str("title"), n.Str("content")
	msg.OPPO.ChannelID, msg.OPPO.Category = n.Str("channel_id"), n.Str("category")
	if level, ok := n.Int("notify_level"); ok {
		l := int(level)
		msg.OPPO.NotifyLevel = &l
	}
	switch t, _ := n.Int("click_action_type"); t {
	case 1, 4:
		return msg, n.Str("click_action_activity")
	case 2, 5:
		return msg, n.Str("click_action_url")
	}
	return msg, ""
}
