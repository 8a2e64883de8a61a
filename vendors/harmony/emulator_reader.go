package harmony

import (
	"strconv"
	"strings"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// ReadEmulatorExchange reads one request to the Push Kit v3 emulator
// (vendors.EmulatorReader): the service-account key its JWT names (kid,
// iss, the project in the path), Huawei's answer as the client reads it
// for each token, the lint of the message as sent and what each token
// receives.
func (ch *Channel) ReadEmulatorExchange(x vendors.EmulatorExchange) vendors.Observed {
	var o vendors.Observed
	ex := vendors.Exchange{Status: x.Status, Body: x.Answer}
	project := strings.TrimSuffix(strings.TrimPrefix(x.Path, "/v3/"), "/messages:send")
	jwt, _ := strings.CutPrefix(x.Header.Get("Authorization"), "Bearer ")
	kid, iss := vendors.JWTNames(jwt)
	o.Credit(&ch.emulator.book, project+"/"+kid, "key "+kid+" of sub-account "+iss+" (project "+project+")")
	whole := readAnswer(vendors.Result{}, ex, "")
	o.Judge(whole)
	root, err := vendors.ParseWire(x.Body)
	if err != nil {
		return o
	}
	o.Tokens = root.Obj("target").Strs("token")
	pushType, _ := strconv.Atoi(strings.TrimSpace(x.Header.Get("push-type")))
	msg, click := messageOf(root, pushType)
	cert := vendors.ReaderCertificate(models.VendorHarmony, o.CertificateID)
	cert.Settings.Categories, cert.Settings.CallRight = ch.emulator.rights(project)
	o.Note(ch.Lint(msg, cert, x.At))
	n := vendors.NotificationOf(msg)
	n.Class, n.Click, n.Kind = ch.Class(msg, cert), click, kindOf(pushType)
	o.DeliverEach(whole, n, func(token string) vendors.Result { return readAnswer(vendors.Result{}, ex, token) })
	return o
}

// kindOf is what a push type shows: 0 (and 2, a voice broadcast) a
// notification, 6 nothing (background), 10 a call; cards, Live View and
// MDM are the app's data.
func kindOf(pushType int) string {
	switch pushType {
	case pushTypeAlert, 2:
		return "alert"
	case pushTypeBackground:
		return "background"
	case pushTypeCall:
		return "call"
	}
	return "data"
}

// messageOf reads buildRequest back: a notification's fields and click
// data, or the extraData of a call or background message.
func messageOf(root vendors.Wire, pushType int) (vendors.Message, string) {
	payload, opts := root.Obj("payload"), root.Obj("pushOptions")
	n := payload.Obj("notification")
	click := n.Obj("clickAction")
	extras := click.StrMap("data")
	if !n.Present() {
		extras = vendors.ExtrasOfJSON(payload.Str("extraData"))
	}
	msg := vendors.MessageOfExtras(extras)
	if msg.DeliveryID == "" {
		msg.DeliveryID = opts.Str("biTag")
	}
	msg.Title, msg.Desc, msg.Image, msg.Sound = n.Str("title"), n.Str("body"), n.Str("image"), n.Str("sound")
	msg.Harmony.Category = n.Str("category")
	msg.Harmony.Test, _ = opts.Bool("testMessage")
	switch pushType {
	case pushTypeBackground:
		msg.Harmony.PushType = models.HarmonyBackground
	case pushTypeCall:
		msg.Harmony.PushType = models.HarmonyCall
	}
	if b := n.Obj("badge"); b.Present() {
		if set, ok := b.Int("setNum"); ok {
			num := int(set)
			msg.Badge = &num
		}
		if add, ok := b.Int("addNum"); ok {
			num := int(add)
			msg.Harmony.BadgeAdd = &num
		}
	}
	if t, _ := click.Int("actionType"); t == 1 {
		msg.Harmony.Click = &models.HarmonyClick{Action: click.Str("action"), URI: click.Str("uri")}
		return msg, click.Str("action") + click.Str("uri")
	}
	return msg, ""
}
