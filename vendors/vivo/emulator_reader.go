package vivo

import (
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// ReadEmulatorExchange reads one request to the vivo emulator
// (vendors.EmulatorReader): an auth call by its appId and appKey, a send
// by the appId its authToken was issued to; vivo's answer as the client
// reads it, the lint of the message as sent and what the regId receives.
func (ch *Channel) ReadEmulatorExchange(x vendors.EmulatorExchange) vendors.Observed {
	var o vendors.Observed
	r, _ := readAnswer(vendors.Result{}, vendors.Exchange{Status: x.Status, Body: x.Answer})
	req, err := vendors.ParseWire(x.Body)
	appID := req.Str("appId")
	if x.Path == sendPath {
		appID, _, _ = ch.emulator.authServer.Holder(x.Header.Get("authToken"))
	}
	switch {
	case appID == "":
		o.Credential = "an authToken the sandbox did not issue"
	case x.Path == sendPath:
		o.Credit(&ch.emulator.book, appID, "appId "+appID)
	default:
		o.Credit(&ch.emulator.book, appID, "appId "+appID+", appKey "+req.Str("appKey"))
	}
	o.Judge(r)
	o.Grant = x.Path == authPath
	if err != nil || x.Path != sendPath {
		return o
	}
	if t := req.Str("regId"); t != "" {
		o.Tokens = []string{t}
	}
	msg := messageOf(req)
	cert := vendors.ReaderCertificate(models.VendorVivo, o.CertificateID)
	o.Note(ch.Lint(msg, cert, x.At))
	n := vendors.NotificationOf(msg)
	n.Class = ch.Class(msg, cert)
	if skip, _ := req.Int("skipType"); skip != 1 {
		n.Click = req.Str("skipContent")
	}
	o.Deliver(r, n, o.Tokens...)
	return o
}

// The paths of vivo's auth call and send.
const (
	authPath = "/message/auth"
	sendPath = "/message/send"
)

// messageOf reads buildRequest back.
func messageOf(req vendors.Wire) vendors.Message {
	msg := vendors.MessageOfExtras(req.StrMap("clientCustomMap"))
	msg.Title, msg.Desc = req.Str("title"), req.Str("content")
	msg.Vivo.Category = req.Str("category")
	if c, ok := req.Int("classification"); ok {
		class := int(c)
		msg.Vivo.Classification = &class
	}
	if mode, _ := req.Int("pushMode"); mode == 1 {
		msg.Vivo.PushMode = "test"
	} else {
		msg.Vivo.PushMode = "formal"
	}
	return msg
}
