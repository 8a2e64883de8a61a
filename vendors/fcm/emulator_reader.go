package fcm

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// ReadEmulatorExchange reads one request to the FCM emulator
// (vendors.EmulatorReader): a token exchange by the service account its
// assertion names, a send by the account its access token was issued to;
// FCM's answer as the client reads it, the lint of the message as sent and
// what the token receives.
func (ch *Channel) ReadEmulatorExchange(x vendors.EmulatorExchange) vendors.Observed {
	var o vendors.Observed
	ex := vendors.Exchange{Status: x.Status, Body: x.Answer}
	if x.Path == "/token" {
		o.Grant = true
		if f, err := url.ParseQuery(string(x.Body)); err == nil {
			kid, email := vendors.JWTNames(f.Get("assertion"))
			o.Credit(&ch.emulator.book, email, accountLabel(email, kid))
		}
		o.Judge(vendors.ReadOAuthGrant(ex, explain))
		return o
	}
	access, _ := strings.CutPrefix(x.Header.Get("Authorization"), "Bearer ")
	if email, ok := ch.emulator.holder(access); ok {
		o.Credit(&ch.emulator.book, email, accountLabel(email, ""))
	} else {
		o.Credential = "an access token the sandbox did not issue"
	}
	root, err := vendors.ParseWire(x.Body)
	dryRun, _ := root.Bool("validate_only")
	r := readSend(ex, x.AnswerHeader, dryRun)
	o.Judge(r)
	if err != nil {
		return o
	}
	m := root.Obj("message")
	if t := m.Str("token"); t != "" {
		o.Tokens = []string{t}
	}
	msg, n := messageOf(m)
	msg.DryRun = dryRun
	o.Note(ch.Lint(msg, vendors.ReaderCertificate(models.VendorFCM, o.CertificateID), x.At))
	n.Class = models.ClassStandard
	o.Deliver(r, n, o.Tokens...)
	return o
}

// accountLabel names a service account and, when known, its key.
func accountLabel(email, kid string) string {
	if kid == "" {
		return "service account " + email
	}
	return "service account " + email + " (key " + kid + ")"
}

// readSend reads a send's answer: the message's name on 200, as the SDK
// takes it, else FCM's error as the client reads it.
func readSend(ex vendors.Exchange, header http.Header, dryRun bool) vendors.Result {
	if ex.Status != http.StatusOK {
		return readAnswer(vendors.Result{}, ex, header)
	}
	r := vendors.Result{Outcome: vendors.Accepted, Kind: models.AnswerAccepted, HTTPStatus: ex.Status, Code: "200", Explanation: "FCM accepted the message for delivery"}
	if dryRun {
		r = vendors.DryRunValidated(r, "FCM")
	}
	return r
}

// messageOf reads message() back: the notification of the android, apns
// or webpush block, the data the app reads, and where a tap leads.
func messageOf(m vendors.Wire) (vendors.Message, vendors.Notification) {
	msg := vendors.MessageOfExtras(m.StrMap("data"))
	note, android, web := m.Obj("notification"), m.Obj("android").Obj("notification"), m.Obj("webpush")
	aps := m.Obj("apns").Obj("payload").Obj("aps")
	msg.Title, msg.Desc, msg.Image = note.Str("title"), note.Str("body"), note.Str("image")
	if wn := web.Obj("notification"); wn.Present() {
		msg.Platform = models.PlatformWeb
		msg.Title, msg.Desc, msg.Image = wn.Str("title"), wn.Str("body"), wn.Str("image")
		msg.FCM.Web.Icon, msg.FCM.Web.Link = wn.Str("icon"), web.Obj("fcm_options").Str("link")
	}
	msg.Sound, msg.FCM.ChannelID, msg.FCM.Priority = android.Str("sound"), android.Str("channel_id"), m.Obj("android").Str("priority")
	if b, ok := android.Int("notification_count"); ok {
		badge := int(b)
		msg.Badge = &badge
	} else if b, ok := aps.Int("badge"); ok {
		badge := int(b)
		msg.Badge = &badge
	}
	n := vendors.NotificationOf(msg)
	n.ChannelID, n.Click = msg.FCM.ChannelID, android.Str("click_action")+msg.FCM.Web.Link
	if !note.Present() && !android.Present() && msg.Platform != models.PlatformWeb && msg.Call == nil {
		n.Kind = "data"
	}
	return msg, n
}
