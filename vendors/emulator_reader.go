package vendors

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/pushcheck/pushcheck/models"
)

// What every channel's emulator_reader.go shares: the emulators' memory of
// which sandbox certificate a credential belongs to, and the reading of an
// answer, a lint and a message into an Observed.

// CertificateBook remembers the sandbox certificate each credential an
// emulator accepted belongs to, keyed by the credential's public part (a
// key ID, a client ID, an AppKey), so a reader can name the certificate
// of any request, from the console or from another client. The zero value
// is ready; emulators embed it and fill it in Accept.
type CertificateBook struct {
	mu    sync.Mutex
	byKey map[string]CertificateRef
}

// CertificateRef is a sandbox certificate and its app.
type CertificateRef struct {
	ID    int64
	AppID int64
}

// Remember ties a credential to the certificate that holds it.
func (b *CertificateBook) Remember(key string, c models.Certificate) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.byKey == nil {
		b.byKey = map[string]CertificateRef{}
	}
	b.byKey[key] = CertificateRef{ID: c.ID, AppID: c.AppID}
}

// Certificate is the certificate a credential belongs to; ok is false for
// a credential no sandbox certificate holds.
func (b *CertificateBook) Certificate(key string) (CertificateRef, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	ref, ok := b.byKey[key]
	return ref, ok
}

// Credit names the credentials a request used (label, never a secret) and
// the certificate key belongs to.
func (o *Observed) Credit(book *CertificateBook, key, label string) {
	o.Credential = label
	if ref, ok := book.Certificate(key); ok {
		o.CertificateID, o.AppID = ref.ID, ref.AppID
	}
}

// Judge reads an answer, as the channel's client explained it, into the
// verdict: taken, refused for the credentials (AuthProblem), or refused
// for a rule (Broken). An outage or flow control breaks no rule.
func (o *Observed) Judge(r Result) {
	o.Code, o.Kind, o.Explanation, o.Fix = r.Code, r.Kind, r.Explanation, r.Fix
	o.AuthOK = r.Kind != models.AnswerAuth
	switch {
	case r.Outcome == Accepted || r.Outcome == Validated:
		o.Accepted = true
	case r.Kind == models.AnswerAuth:
		o.AuthProblem = r.Explanation
	case r.Kind != models.AnswerTransient:
		o.Broken = append(o.Broken, Finding{Code: r.Code, Message: r.Explanation})
	}
}

// RefuseAuth is a refusal of the credentials before any code table
// speaks (an OAuth error, an unknown key).
func (o *Observed) RefuseAuth(code, problem string) {
	o.Code, o.Kind, o.Explanation, o.AuthOK, o.AuthProblem = code, models.AnswerAuth, problem, false, problem
}

// Note adds the lint of the message as sent: what the vendor took but
// deserves a look.
func (o *Observed) Note(ws []models.Warning) {
	for _, w := range ws {
		o.Notes = append(o.Notes, Finding{Code: w.Code, Message: w.Message, Text: w.Text})
	}
}

// Deliver adds what each token the vendor took receives: msg as read back
// from the request, shown the way the vendor shows it. Nothing is
// delivered for a refusal or a dry run.
func (o *Observed) Deliver(r Result, n Notification, tokens ...string) {
	if r.Outcome != Accepted {
		return
	}
	for _, t := range tokens {
		n.Token = t
		o.Notifications = append(o.Notifications, n)
	}
}

// NotificationOf is what a message read back from a request shows: its
// title, text, badge, sound, image and payload. The reader adds the
// vendor's own fields (kind, channel, class, click).
func NotificationOf(msg Message) Notification {
	n := Notification{Kind: "alert", Title: msg.Title, Body: msg.Desc, Sound: msg.Sound, Image: msg.Image, Ext: msg.Ext, DeliveryID: msg.DeliveryID}
	if b, ok := msg.BadgeNumber(); ok {
		n.Badge = &b
	}
	if msg.Call != nil {
		n.Kind = "call"
	}
	return n
}

// MessageOfExtras reads the key/values an Android vendor hands the app
// (AppExtras) back into a message: ext, the delivery ID and a call
// invitation. Extras of another sender have no "ext": they are the
// payload as a whole.
func MessageOfExtras(extras map[string]string) Message {
	var msg Message
	if len(extras) == 0 {
		return msg
	}
	msg.DeliveryID = extras["pushcheck_delivery_id"]
	if id, ok := extras["call_id"]; ok {
		msg.Call = &models.CallInvitation{CallID: id, Caller: extras["caller"], Video: extras["video"] == "true"}
	}
	if ext, ok := extras["ext"]; ok {
		msg.Ext = ext
		return msg
	}
	rest := maps.Clone(extras)
	for _, k := range []string{"pushcheck_delivery_id", "call_id", "caller", "video"} {
		delete(rest, k)
	}
	if len(rest) > 0 {
		raw, _ := json.Marshal(rest) //nolint:errcheck // a map of strings always encodes
		msg.Ext = string(raw)
	}
	return msg
}

// ExtrasOfJSON reads a JSON object of app extras sent as a string (Huawei
// and Honor data, OPPO action_parameters); values that are not strings
// keep their JSON text.
func ExtrasOfJSON(raw string) map[string]string {
	var m map[string]json.RawMessage
	if raw == "" || json.Unmarshal([]byte(raw), &m) != nil {
		return nil
	}
	out := map[string]string{}
	for k, v := range m {
		var s string
		if json.Unmarshal(v, &s) == nil {
			out[k] = s
		} else {
			out[k] = string(v)
		}
	}
	return out
}

// ReaderCertificate is the certificate a reader lints a request with: its
// ID only, so the lint judges what the request carried and not the
// certificate's defaults, which a request of another client never used.
func ReaderCertificate(v models.Vendor, id int64) models.Certificate {
	return models.Certificate{ID: id, Vendor: v, Environment: models.CertSandbox}
}

// DeliverEach judges each token by its own reading of the answer (a
// partial success lists the tokens it refused): a token refused where the
// request was not is a broken rule of its own.
func (o *Observed) DeliverEach(whole Result, n Notification, each func(token string) Result) {
	for _, t := range o.Tokens {
		r := each(t)
		if r.Code != whole.Code || r.Outcome != whole.Outcome {
			o.Broken = append(o.Broken, Finding{Code: r.Code, Message: models.MaskToken(t) + ": " + r.Explanation})
		}
		o.Deliver(r, n, t)
	}
}

// Granted is a token call's answer as a result: an access token issued,
// or the vendor's refusal c, which refuses the credentials unless the
// vendor was down.
func Granted(issued bool, code string, c Code) Result {
	if issued {
		return Result{Outcome: Accepted, Kind: models.AnswerAccepted, Code: code, Explanation: "the credentials were accepted: an access token was issued"}
	}
	r := Result{Code: code}.WithCode(c)
	if r.Kind != models.AnswerTransient {
		r.Kind = models.AnswerAuth
	}
	return r
}

// CreditClient names the OAuth client of a client-credentials token call
// by its form's client_id.
func (o *Observed) CreditClient(book *CertificateBook, form []byte) {
	o.Grant = true
	if f, err := url.ParseQuery(string(form)); err == nil {
		id := f.Get("client_id")
		o.Credit(book, id, "client ID "+id)
	}
}

// CreditBearer names the holder of the request's bearer access token, as
// the emulator's auth server issued it.
func (o *Observed) CreditBearer(book *CertificateBook, auth *AuthServer, header http.Header, label string) {
	access, _ := strings.CutPrefix(header.Get("Authorization"), "Bearer ")
	if holder, ok, _ := auth.Holder(access); ok {
		o.Credit(book, holder, label+holder)
		return
	}
	o.Credential = "an access token the sandbox did not issue"
}

// ReadOAuthGrant reads an OAuth token answer of the standard shape: an
// access token, or error and error_description, explained by the
// vendor's table under "oauth:<error>" as its client does.
func ReadOAuthGrant(ex Exchange, explain func(code, message string) Code) Result {
	var body struct {
		AccessToken      string `json:"access_token"`
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
	}
	if json.Unmarshal(ex.Body, &body) != nil || (body.AccessToken == "" && body.Error == "") {
		body.Error = fmt.Sprintf("HTTP %d", ex.Status)
	}
	if body.AccessToken != "" {
		return Granted(true, fmt.Sprint(ex.Status), Code{})
	}
	code := "oauth:" + body.Error
	return Granted(false, code, explain(code, body.ErrorDescription))
}

// BadgeOfWire reads a Huawei-shaped badge object back: the number it
// sets (numKey) and the launcher class it names (classKey); Huawei and
// Honor spell the keys differently.
func BadgeOfWire(b Wire, numKey, classKey string) (*int, string) {
	if !b.Present() {
		return nil, ""
	}
	n, ok := b.Int(numKey)
	if !ok {
		return nil, b.Str(classKey)
	}
	badge := int(n)
	return &badge, b.Str(classKey)
}

// IntentClickTarget is where an IntentClick leads: type 1 an intent URI
// or action, 2 a URL, otherwise the app's launch page ("").
func IntentClickTarget(click Wire) string {
	switch t, _ := click.Int("type"); t {
	case 1:
		return click.Str("intent") + click.Str("action")
	case 2:
		return click.Str("url")
	}
	return ""
}

// ObserveAll is one observer that tells each of several in turn (the
// request log, the virtual phones): the sandbox takes one. Each must not
// block, as Observer says.
func ObserveAll(observers ...Observer) Observer {
	return func(x EmulatorExchange) {
		for _, o := range observers {
			if o != nil {
				o(x)
			}
		}
	}
}
