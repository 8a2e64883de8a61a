package honor

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

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
		o.Grant = true
		if f, err := url.ParseQuery(string(x.Body)); err == nil {
			o.Credit(&ch.emulator.book, f.Get("client_id"), "client ID "+f.Get("client_id"))
		}
		o.Judge(readGrant(ex))
		return o
	}
	access, _ := strings.CutPrefix(x.Header.Get("Authorization"), "Bearer ")
	if client, ok, _ := ch.emulator.authServer.Holder(access); ok {
		o.Credit(&ch.emulator.book, client, "client ID "+client)
	} else {
		o.Credential = "an access token the sandbox did not issue"
	}
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

// readGrant reads the OAuth answer: an access token, or Honor's error,
// explained by the table as the client does.
func readGrant(ex vendors.Exchange) vendors.Result {
	var body struct {
		AccessToken      string `json:"access_token"`
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
	}
	if json.Unmarshal(ex.Body, &body) != nil || (body.AccessToken == "" && body.Error == "") {
		body.Error = fmt.Sprintf("HTTP %d", ex.Status)
	}
	code := "oauth:" + body.Error
	return vendors.Granted(body.AccessToken != "", code, explain(code, body.ErrorDescription))
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
	if b := n.Obj("badge"); b.Present() {
		cert.Settings.BadgeClass = b.Str("badgeClass")
		if num, ok := b.Int("setNum"); ok {
			badge := int(num)
			msg.Badge = &badge
		}
	}
	click := n.Obj("clickAction")
	switch t, _ := click.Int("type"); t {
	case 1:
		return msg, cert, click.Str("intent") + click.Str("action")
	case 2:
		return msg, cert, click.Str("url")
	}
	return msg, cert, ""
}
