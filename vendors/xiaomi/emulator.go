package xiaomi

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Emulator answers like Mi Push's v3 regid endpoint: the AppSecret in the
// Authorization header, the package it belongs to, the field rules of emulator_rules.go
// with Xiaomi's codes, registered channel IDs, and the README's scripts.
type Emulator struct {
	slow time.Duration

	mu       sync.Mutex
	apps     map[string]string   // AppSecret → package
	channels map[string][]string // package → registered channel IDs; none registered accepts any
	vendors.ReceiptPosterSlot
	// book is keyed by AppSecret, the only credential a request carries;
	// it never leaves the process.
	book vendors.CertificateBook
}

// NewEmulator knows no apps.
func NewEmulator() *Emulator {
	return &Emulator{slow: 3 * time.Second, apps: map[string]string{}, channels: map[string][]string{}}
}

// Register makes an app known with its AppSecret and, optionally, the
// channel IDs created for it in the Xiaomi console.
func (e *Emulator) Register(pkg, secret string, channels ...string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.apps[secret] = pkg
	if len(channels) > 0 {
		e.channels[pkg] = channels
	}
}

// Accept registers a sandbox certificate's credentials (vendors.Connector).
func (e *Emulator) Accept(c models.Certificate, s models.CertificateSecrets) {
	e.Register(c.Settings.PackageName, s.AppSecret)
	e.book.Remember(s.AppSecret, c)
}

// packageOf is the package a known AppSecret belongs to.
func (e *Emulator) packageOf(secret string) (string, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	pkg, ok := e.apps[secret]
	return pkg, ok
}

func reply(w http.ResponseWriter, code int, reason string) {
	vendors.WriteJSON(w, http.StatusOK, map[string]any{"result": "error", "code": code, "reason": reason, "description": reason, "trace_id": vendors.RandomID("Xcm")})
}

func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v3/message/regid" {
		http.NotFound(w, r)
		return
	}
	// The header is "key=<AppSecret>", with a lowercase key.
	secret, keyed := strings.CutPrefix(r.Header.Get("Authorization"), "key=")
	e.mu.Lock()
	pkg, known := e.apps[secret]
	channels := e.channels[pkg]
	e.mu.Unlock()
	if !keyed || !known {
		reply(w, 21301, "Authentication failed")
		return
	}
	if err := r.ParseForm(); err != nil {
		reply(w, 10008, "parameter error")
		return
	}
	if refused := validate(r.PostForm, pkg, channels, time.Now()); refused != nil {
		reply(w, refused.code, refused.reason)
		return
	}
	switch vendors.TokenScriptOf(r.PostForm.Get("registration_id")) {
	case vendors.ScriptUnregistered:
		reply(w, 20301, "No valid targets!")
		return
	case vendors.ScriptQuota:
		reply(w, 10034, "app sends too many messages today")
		return
	case vendors.ScriptDown:
		reply(w, 10002, "server busy")
		return
	case vendors.ScriptSlow:
		if !vendors.Sleep(r.Context(), e.slow) {
			return
		}
	}
	msgID := vendors.RandomID("scm")
	vendors.WriteJSON(w, http.StatusOK, map[string]any{"result": "ok", "code": 0, "description": "成功", "info": "Received push messages for 1 REGID",
		"trace_id": vendors.RandomID("Xcm"), "data": map[string]string{"id": msgID}})
	e.sendReceipt(r.PostForm, msgID)
}

// sendReceipt posts the message's receipt to its extra.callback, as Mi
// Push does: form field data, JSON keyed by message ID, per the
// token's receipt script.
func (e *Emulator) sendReceipt(f url.Values, msgID string) {
	poster := e.ReceiptPoster()
	callback, token := f.Get("extra.callback"), f.Get("registration_id")
	if poster == nil || callback == "" {
		return
	}
	kind, bar := 1, "Enable"
	switch vendors.ReceiptScriptOf(token) {
	case vendors.ReceiptNone:
		return
	case vendors.ReceiptNotificationsOff:
		bar = "Disable"
	case vendors.ReceiptInactive:
		kind = 16
	}
	entry := map[string]any{msgID: map[string]any{
		"param": f.Get("extra.callback.param"), "type": kind, "targets": token, "jobkey": "", "barStatus": bar,
	}}
	write := func(entries []any) ([]byte, http.Header) {
		now := time.Now().UnixMilli()
		vendors.StampEntries(entries, func(m map[string]any) {
			for _, receipt := range m {
				receipt.(map[string]any)["timeStamp"] = now
			}
		})
		data := vendors.MustJSON(vendors.MergedObject(entries))
		return []byte(url.Values{"data": {string(data)}}.Encode()), nil
	}
	poster.Post(vendors.ReceiptCallback{URL: callback, ContentType: "application/x-www-form-urlencoded", Write: write}, entry, 0)
}
