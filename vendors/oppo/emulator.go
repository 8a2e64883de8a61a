package oppo

import (
	"net/http"
	"strconv"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// unregisteredCode is what the emulator answers for a registration ID it
// does not know. OPPO's unicast business codes (10000-20000) are not
// published in any source found; the emulator uses the first of that range
// with a message naming the registration ID, which is how the client
// recognises it (readAnswer).
const unregisteredCode = 10000

// Emulator answers like OPPO Push's auth and unicast APIs on both hosts:
// the SHA-256 sign over app_key + timestamp + master_secret and its
// 10-minute window, auth_tokens, the field rules of emulator_rules.go with OPPO's codes,
// and the README's scripts.
type Emulator struct {
	authServer *vendors.AuthServer
	slow       time.Duration
	now        func() time.Time
	vendors.ReceiptPosterSlot
	book vendors.CertificateBook // by AppKey
}

// NewEmulator knows no apps.
func NewEmulator() *Emulator {
	return &Emulator{authServer: vendors.NewAuthServer(), slow: 3 * time.Second, now: time.Now}
}

// Register makes an app known with its MasterSecret.
func (e *Emulator) Register(appKey, masterSecret string) { e.authServer.Register(appKey, masterSecret) }

func reply(w http.ResponseWriter, code int, message string, data any) {
	body := map[string]any{"code": code, "message": message}
	if data != nil {
		body["data"] = data
	}
	vendors.WriteJSON(w, http.StatusOK, body)
}

// Accept registers a sandbox certificate's credentials (vendors.Connector).
func (e *Emulator) Accept(c models.Certificate, s models.CertificateSecrets) {
	e.Register(c.Settings.AppKey, s.MasterSecret)
	e.book.Remember(c.Settings.AppKey, c)
}

func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.ParseForm() != nil {
		reply(w, 12, "Http Action Not Allowed", nil)
		return
	}
	switch r.URL.Path {
	case "/server/v1/auth":
		e.auth(w, r)
	case "/server/v1/message/notification/unicast":
		e.unicast(w, r)
	default:
		reply(w, 20, "Invalid Method", nil)
	}
}

func (e *Emulator) auth(w http.ResponseWriter, r *http.Request) {
	appKey, ts, sign := r.PostForm.Get("app_key"), r.PostForm.Get("timestamp"), r.PostForm.Get("sign")
	secret, known := e.authServer.Secret(appKey)
	millis, err := strconv.ParseInt(ts, 10, 64)
	switch {
	case appKey == "":
		reply(w, 15, "Missing App Key", nil)
	case !known:
		reply(w, 14, "Invalid App Key", nil)
	case ts == "":
		reply(w, 18, "Missing Timestamp", nil)
	case err != nil || e.now().Sub(time.UnixMilli(millis)).Abs() > authWindow:
		reply(w, 19, "Invalid Timestamp", nil)
	case sign == "":
		reply(w, 17, "Missing Signature", nil)
	case sign != authSign(appKey, ts, secret):
		reply(w, 16, "Invalid Signature", nil)
	default:
		tok := e.authServer.Issue(appKey, 24*time.Hour)
		reply(w, 0, "Success", map[string]any{"auth_token": tok, "create_time": e.now().UnixMilli()})
	}
}

func (e *Emulator) unicast(w http.ResponseWriter, r *http.Request) {
	tok := r.PostForm.Get("auth_token")
	if tok == "" {
		reply(w, 29, "Missing Auth Token", nil)
		return
	}
	if _, ok, expired := e.authServer.Holder(tok); !ok || expired {
		reply(w, 11, "Invalid AuthToken", nil)
		return
	}
	m, refused := validate(r.PostForm.Get("message"))
	if refused != nil {
		reply(w, refused.code, refused.msg, nil)
		return
	}
	switch vendors.TokenScriptOf(m.target) {
	case vendors.ScriptUnregistered:
		reply(w, unregisteredCode, "Invalid RegistrationId", nil)
		return
	case vendors.ScriptQuota:
		reply(w, 33, "The number of messages exceeds the daily limit", nil)
		return
	case vendors.ScriptDown:
		reply(w, -1, "Service Currently Unavailable", nil)
		return
	case vendors.ScriptSlow:
		if !vendors.Sleep(r.Context(), e.slow) {
			return
		}
	}
	msgID := vendors.RandomID("6")
	reply(w, 0, "Success", map[string]string{"messageId": msgID})
	e.sendReceipt(r.PostForm.Get("auth_token"), m, msgID)
}

// sendReceipt posts the arrival receipt to the message's call_back_url,
// as OPPO does: a JSON array of events
// (https://open.oppomobile.com/new/developmentDoc/info?id=11239). OPPO documents arrival
// receipts only, so the scripts that make a vendor say "not delivered"
// send none here.
func (e *Emulator) sendReceipt(authToken string, m sent, msgID string) {
	poster := e.ReceiptPoster()
	if poster == nil || m.callbackURL == "" || vendors.ReceiptScriptOf(m.target) != vendors.ReceiptDelivered {
		return
	}
	appKey, _, _ := e.authServer.Holder(authToken)
	entry := map[string]any{
		"messageId": msgID, "appId": appKey, "taskId": msgID, "registrationIds": m.target,
		"param": m.callbackParam, "eventType": "push_arrive",
	}
	write := func(entries []any) ([]byte, http.Header) {
		now := e.now().UnixMilli()
		vendors.StampEntries(entries, func(m map[string]any) { m["eventTime"] = now })
		return vendors.ArrayBody(entries), nil
	}
	poster.Post(vendors.ReceiptCallback{URL: m.callbackURL, ContentType: "application/json", Write: write}, entry, 0)
}
