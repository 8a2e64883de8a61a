package xiaomi

import (
	"net/url"
	"slices"
	"strings"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// ReadEmulatorExchange reads one request to the Mi Push emulator
// (vendors.EmulatorReader): the AppSecret's package, Xiaomi's answer as the
// client reads it, the lint of the message as sent and what the regId
// receives.
func (ch *Channel) ReadEmulatorExchange(x vendors.EmulatorExchange) vendors.Observed {
	var o vendors.Observed
	secret, _ := strings.CutPrefix(x.Header.Get("Authorization"), "key=")
	if pkg, ok := ch.emulator.packageOf(secret); ok {
		o.Credit(&ch.emulator.book, secret, "AppSecret of "+pkg)
	} else {
		o.Credential = "an AppSecret the sandbox does not know"
	}
	r := readAnswer(vendors.Result{}, vendors.Exchange{Status: x.Status, Body: x.Answer})
	o.Judge(r)
	f, err := url.ParseQuery(string(x.Body))
	if err != nil || x.Method != "POST" || !strings.HasPrefix(x.Path, "/v3/message/regid") {
		return o
	}
	o.Tokens = splitTargets(f.Get("registration_id"))
	msg := messageOf(f)
	cert := vendors.ReaderCertificate(models.VendorXiaomi, o.CertificateID)
	o.Note(ch.Lint(msg, cert, x.At))
	n := vendors.NotificationOf(msg)
	n.ChannelID, n.Class, n.Click = msg.Xiaomi.ChannelID, ch.Class(msg, cert), clickOf(f)
	if f.Get("pass_through") == "1" {
		n.Kind = "data"
	}
	o.Deliver(r, n, o.Tokens...)
	return o
}

// splitTargets reads v3's comma-separated regIds.
func splitTargets(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// messageOf reads buildForm back: payload is ext, the custom extra.* keys
// the app's extras, the sound its raw resource.
func messageOf(f url.Values) vendors.Message {
	extras := map[string]string{}
	for k, v := range f {
		key, ok := strings.CutPrefix(k, "extra.")
		if ok && len(v) > 0 && !slices.Contains(predefinedExtras(), key) {
			extras[key] = v[0]
		}
	}
	msg := vendors.MessageOfExtras(extras)
	if p := f.Get("payload"); p != "" {
		msg.Ext = p
	}
	msg.Title, msg.Desc = f.Get("title"), f.Get("description")
	msg.Xiaomi.ChannelID = f.Get("extra.channel_id")
	if s := f.Get("extra.sound_uri"); s != "" {
		msg.Sound = s[strings.LastIndex(s, "/")+1:]
	}
	return msg
}

// clickOf is where a tap leads: extra.notify_effect 2 an intent, 3 a web
// page, otherwise the app's launcher activity ("").
func clickOf(f url.Values) string {
	switch f.Get("extra.notify_effect") {
	case "2":
		return f.Get("extra.intent_uri")
	case "3":
		return f.Get("extra.web_uri")
	}
	return ""
}
