package honor

import (
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// ReadEmulatorExchange reads one request to the Honor emulator
// (vendors.EmulatorReader): a token call by its client ID, a send by the
// client its access token was issued to; Honor's answer as the client
// reads it for each token (failTokens, expireTokens), the lint of the
// message as sent and what each token receives.
func (ch *Channel) ReadEmulatorExchange(x vendors.EmulatorExchange) vendors.Observed {
	var o vendors.Observed
	ex := vendors.Exchange{Status: x.Status, Body: x.Answer}
	if x.Host == authHost {
		o.CreditClient(&ch.emulator.book, x.Body)
		o.Judge(vendors.ReadOAuthGrant(ex, explain))
		return o
	}
	o.CreditBearer(&ch.emulator.book, ch.emulator.authServer, x.Header, "client ID ")
	whole, _ := readAnswer(vendors.Result{}, ex, "")
	o.Judge(whole)
	root, err := vendors.ParseWire(x.Body)
	if err != nil {
		return o
	}
	o.Tokens = root.Strs("token")
	msg, cert, click := messageOf(root, o.CertificateID)
	o.Note(ch.Lint(msg, cert, x.At))
	n := vendors.NotificationOf(msg)
	n.Class, n.Click = ch.Class(msg, cert), click
	o.DeliverEach(whole, n, func(token string) vendors.Result {
		r, _ := readAnswer(vendors.Result{}, ex, token)
		return r
	})
	return o
}

// messageOf reads buildRequest back, with the certificate to lint it by
// (the badge class the request carried) and where a tap leads.
func messageOf(root vendors.Wire, certID int64) (vendors.Message, models.Certificate, string) {
	android := root.Obj("android")
	n := android.Obj("notification")
	msg := vendors.MessageOfExtras(vendors.ExtrasOfJSON(root.Str("data")))
	if msg.DeliveryID == "" {
		msg.DeliveryID = android.Str("biTag")
	}
	msg.Title, msg.Desc, msg.Image = n.Str("title"), n.Str("body"), n.Str("image")
	msg.Honor.Importance, msg.Honor.Group = n.Str("importance"), n.Str("group")
	if t, _ := android.Int("targetUserType"); t == 1 {
		msg.Honor.Test = true
	}
	cert := vendors.ReaderCertificate(models.VendorHonor, certID)
	msg.Badge, cert.Settings.BadgeClass = vendors.BadgeOfWire(n.Obj("badge"), "setNum", "badgeClass")
	return msg, cert, vendors.IntentClickTarget(n.Obj("clickAction"))
}
