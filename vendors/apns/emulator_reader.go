package apns

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// ReadEmulatorExchange reads one request to the APNs emulator
// (vendors.EmulatorReader): the signing key its provider token names (kid,
// iss) or the client certificate it presented, APNs' answer as the client
// explains it, the lint of the notification as sent and what the device
// shows.
func (ch *Channel) ReadEmulatorExchange(x vendors.EmulatorExchange) vendors.Observed {
	var o vendors.Observed
	if x.ClientCert != nil {
		o.Credit(&ch.emulator.book, certificateKey(x.ClientCert), "client certificate "+x.ClientCert.Subject.CommonName)
	} else {
		_, jwt, _ := strings.Cut(strings.TrimSpace(x.Header.Get("authorization")), " ")
		kid, team := vendors.JWTNames(jwt)
		label := "key " + kid + " of team " + team
		switch {
		case jwt == "":
			label = "no provider token"
		case kid == "" || team == "":
			label = "a provider token that names no key and team"
		}
		o.Credit(&ch.emulator.book, team+"/"+kid, label)
	}
	r := readSend(x)
	o.Judge(r)
	token, ok := strings.CutPrefix(x.Path, "/3/device/")
	if !ok {
		return o
	}
	o.Tokens = []string{token}
	var p sentPayload
	if json.Unmarshal(x.Body, &p) != nil {
		return o
	}
	msg := p.message(x.Header)
	o.Note(ch.Lint(msg, vendors.ReaderCertificate(models.VendorAPNs, o.CertificateID), x.At))
	n := vendors.NotificationOf(msg)
	n.Class, n.Kind = models.ClassStandard, kindOf(msg.APNs.PushType)
	o.Deliver(r, n, token)
	return o
}

// certificateKey is how the book knows a client certificate.
func certificateKey(leaf *x509.Certificate) string {
	sum := sha256.Sum256(leaf.Raw)
	return hex.EncodeToString(sum[:])
}

// readSend reads APNs' answer as the client explains it: 200, a reason,
// or a status without one.
func readSend(x vendors.EmulatorExchange) vendors.Result {
	r := vendors.Result{HTTPStatus: x.Status, Code: strconv.Itoa(x.Status)}
	if x.Status == http.StatusOK {
		return r.WithCode(vendors.Accept("APNs accepted the notification for delivery"))
	}
	var body struct {
		Reason string `json:"reason"`
	}
	if json.Unmarshal(x.Answer, &body) != nil || body.Reason == "" {
		return r.WithCode(explainStatus(x.Status))
	}
	r.Code = body.Reason
	return r.WithCode(explain(body.Reason))
}

// kindOf is what an apns-push-type shows.
func kindOf(pushType string) string {
	switch pushType {
	case "", "alert":
		return "alert"
	case "background":
		return "background"
	case "voip":
		return "call"
	}
	return "data"
}

// sentPayload is the JSON notification() builds: aps and pushcheck's keys.
type sentPayload struct {
	APS struct {
		Alert             json.RawMessage `json:"alert"`
		Badge             *int            `json:"badge"`
		Sound             json.RawMessage `json:"sound"`
		ThreadID          string          `json:"thread-id"`
		InterruptionLevel string          `json:"interruption-level"`
	} `json:"aps"`
	Ext       string `json:"ext"`
	Image     string `json:"image"`
	Pushcheck struct {
		DeliveryID string `json:"delivery_id"`
	} `json:"pushcheck"`
	CallID string `json:"call_id"`
	Caller string `json:"caller"`
	Video  bool   `json:"video"`
}

// message reads the payload and headers back into a message.
func (p sentPayload) message(h http.Header) vendors.Message {
	msg := vendors.Message{Ext: p.Ext, Image: p.Image, DeliveryID: p.Pushcheck.DeliveryID, Badge: p.APS.Badge}
	var alert struct {
		Title string `json:"title"`
		Body  string `json:"body"`
	}
	if json.Unmarshal(p.APS.Alert, &alert) != nil {
		// An alert may be a plain string: the body.
		var body string
		if json.Unmarshal(p.APS.Alert, &body) == nil {
			alert.Body = body
		}
	}
	msg.Title, msg.Desc = alert.Title, alert.Body
	var sound string
	if json.Unmarshal(p.APS.Sound, &sound) == nil {
		msg.Sound = sound
	}
	if p.CallID != "" {
		msg.Call = &models.CallInvitation{CallID: p.CallID, Caller: p.Caller, Video: p.Video}
	}
	msg.APNs = vendors.APNsOptions{PushType: h.Get("apns-push-type"), CollapseID: h.Get("apns-collapse-id"),
		ThreadID: p.APS.ThreadID, InterruptionLevel: p.APS.InterruptionLevel}
	if priority, err := strconv.Atoi(h.Get("apns-priority")); err == nil {
		msg.APNs.Priority = priority
	}
	return msg
}
