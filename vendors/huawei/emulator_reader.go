package huawei

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// ReadEmulatorExchange reads one request to the Push Kit emulator
// (vendors.EmulatorReader): a token call by its client ID, a send by the
// client its access token was issued to; Huawei's answer as the client
// reads it (each token's, for a partial success), the lint of the message
// as sent and what each token receives.
func (ch *Channel) ReadEmulatorExchange(x vendors.EmulatorExchange) vendors.Observed {
	var o vendors.Observed
	ex := vendors.Exchange{Status: x.Status, Body: x.Answer}
	if x.Host == authHost {
		o.CreditClient(&ch.emulator.book, x.Body)
		o.Judge(readGrant(ex))
		return o
	}
	o.CreditBearer(&ch.emulator.book, ch.emulator.authServer, x.Header, "client ID ")
	if o.CertificateID == 0 {
		// The path names the client: a refused token still tells whose
		// request it was meant to be.
		client := strings.TrimSuffix(strings.TrimPrefix(x.Path, "/v1/"), "/messages:send")
		o.Credit(&ch.emulator.book, client, o.Credential+", for client ID "+client)
	}
	whole, _ := readAnswer(vendors.Result{}, ex, "")
	o.Judge(whole)
	root, err := vendors.ParseWire(x.Body)
	if err != nil {
		return o
	}
	m := root.Obj("message")
	o.Tokens = m.Strs("token")
	msg, cert, click := messageOf(m, o.CertificateID)
	msg.DryRun, _ = root.Bool("validate_only")
	o.Note(ch.Lint(msg, cert, x.At))
	n := vendors.NotificationOf(msg)
	n.Class, n.Click = ch.Class(msg, cert), click
	n.ChannelID = m.Obj("android").Obj("notification").Str("channel_id")
	if !m.Obj("android").Obj("notification").Present() {
		n.Kind = "data"
	}
	o.DeliverEach(whole, n, func(token string) vendors.Result {
		r, _ := readAnswer(vendors.Result{}, ex, token)
		return r
	})
	return o
}

// readGrant reads the OAuth answer: an access token, or Huawei's numeric
// error, explained by the table as the client does.
func readGrant(ex vendors.Exchange) vendors.Result {
	var body struct {
		AccessToken      string `json:"access_token"`
		Error            int    `json:"error"`
		SubError         int    `json:"sub_error"`
		ErrorDescription string `json:"error_description"`
	}
	if json.Unmarshal(ex.Body, &body) != nil {
		return vendors.Granted(false, fmt.Sprintf("HTTP %d", ex.Status), explain(fmt.Sprintf("HTTP %d", ex.Status), string(ex.Body)))
	}
	if body.AccessToken != "" {
		return vendors.Granted(true, fmt.Sprint(ex.Status), vendors.Code{})
	}
	code := fmt.Sprintf("oauth:%d", body.Error)
	return vendors.Granted(false, code, explain(code, fmt.Sprintf("%s (error %d, sub_error %d)", body.ErrorDescription, body.Error, body.SubError)))
}

// messageOf reads buildRequest back, with the certificate to lint it by
// (the badge class the request carried) and where a tap leads.
func messageOf(m vendors.Wire, certID int64) (vendors.Message, models.Certificate, string) {
	android := m.Obj("android")
	n := android.Obj("notification")
	msg := vendors.MessageOfExtras(vendors.ExtrasOfJSON(m.Str("data")))
	if msg.DeliveryID == "" {
		msg.DeliveryID = android.Str("bi_tag")
	}
	msg.Title, msg.Desc, msg.Image = n.Str("title"), n.Str("body"), n.Str("image")
	msg.Huawei.Category, msg.Huawei.Importance, msg.Huawei.Group = android.Str("category"), n.Str("importance"), n.Str("group")
	if t, _ := android.Int("target_user_type"); t == 1 {
		msg.Huawei.Test = true
	}
	if s := n.Str("sound"); s != "" {
		msg.Sound = s[strings.LastIndex(s, "/")+1:]
	}
	cert := vendors.ReaderCertificate(models.VendorHuawei, certID)
	msg.Badge, cert.Settings.BadgeClass = vendors.BadgeOfWire(n.Obj("badge"), "set_num", "class")
	return msg, cert, vendors.IntentClickTarget(n.Obj("click_action"))
}
