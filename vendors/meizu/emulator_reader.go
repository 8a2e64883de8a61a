package meizu

import (
	"net/url"
	"strings"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// ReadEmulatorExchange reads one request to the Meizu emulator
// (vendors.EmulatorReader): the AppID whose AppSecret signed it, Meizu's
// answer as the client reads it for the request and for each pushId, the
// lint of the message as sent and what each pushId Meizu took receives.
func (ch *Channel) ReadEmulatorExchange(x vendors.EmulatorExchange) vendors.Observed {
	var o vendors.Observed
	ex := vendors.Exchange{Status: x.Status, Body: x.Answer}
	f, err := url.ParseQuery(string(x.Body))
	if err != nil || x.Path != sendPath {
		o.Judge(readAnswer(vendors.Result{}, ex, "", false))
		return o
	}
	appID := f.Get("appId")
	o.Credit(&ch.emulator.book, appID, "AppID "+appID)
	m, err := vendors.ParseWire([]byte(f.Get("messageJson")))
	msg, click := messageOf(m)
	private := err == nil && msg.Meizu.NoticeMsgType != nil && *msg.Meizu.NoticeMsgType == 1
	r := readAnswer(vendors.Result{}, ex, "", private)
	o.Judge(r)
	if p := f.Get("pushIds"); p != "" {
		o.Tokens = strings.Split(p, ",")
	}
	if err != nil {
		return o
	}
	cert := vendors.ReaderCertificate(models.VendorMeizu, o.CertificateID)
	o.Note(ch.Lint(msg, cert, x.At))
	n := vendors.NotificationOf(msg)
	n.Class, n.Click = ch.Class(msg, cert), click
	// Under code 200, a pushId listed in value was not sent to.
	o.DeliverEach(r, n, func(id string) vendors.Result { return readAnswer(vendors.Result{}, ex, id, private) })
	return o
}

// messageOf reads buildMessage back, with where a tap leads: clickType 1
// an activity, 2 a URL, 3 an intent URI, 0 the app.
func messageOf(m vendors.Wire) (vendors.Message, string) {
	click := m.Obj("clickTypeInfo")
	msg := vendors.MessageOfExtras(click.StrMap("parameters"))
	bar := m.Obj("noticeBarInfo")
	msg.Title, msg.Desc = bar.Str("title"), bar.Str("content")
	if t, ok := bar.Int("noticeMsgType"); ok {
		kind := int(t)
		msg.Meizu.NoticeMsgType = &kind
	}
	if s, ok := m.Obj("advanceInfo").Obj("notificationType").Int("sound"); ok && s == 0 {
		off := false
		msg.Meizu.Sound = &off
	}
	switch t, _ := click.Int("clickType"); t {
	case 1:
		return msg, click.Str("activity")
	case 2, 3:
		return msg, click.Str("url")
	}
	return msg, ""
}
