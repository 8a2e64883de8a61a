package meizu

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Emulator answers like Flyme's pushByPushId on both hosts: the MD5 sign
// over the sorted parameters and the AppSecret, the field rules of emulator_rules.go,
// per-target failures under code 200, and the README's scripts.
type Emulator struct {
	slow time.Duration

	mu      sync.Mutex
	secrets map[string]string // AppID → AppSecret
	vendors.ReceiptPosterSlot
	book vendors.CertificateBook // by AppID
}

// receiptBatch is how often Meizu posts its receipts (about 1 s, https://github.com/MEIZUPUSH/PushAPI).
const receiptBatch = time.Second

// sendReceipt posts the arrival receipt to extra.callback as Meizu does:
// form fields cb (JSON keyed "<msgId>-<type>") and access_token. Meizu
// sends arrivals and clicks only, so the not-delivered scripts send none.
func (e *Emulator) sendReceipt(m sent, pushIDs []string, failed map[string][]string, msgID string) {
	poster := e.ReceiptPoster()
	if poster == nil || m.callback == "" {
		return
	}
	refused := map[string]bool{}
	for _, ids := range failed {
		for _, id := range ids {
			refused[id] = true
		}
	}
	var arrived []string
	for _, id := range pushIDs {
		if !refused[id] && vendors.ReceiptScriptOf(id) == vendors.ReceiptDelivered {
			arrived = append(arrived, id)
		}
	}
	if len(arrived) == 0 {
		return
	}
	entry := map[string]any{msgID + "-1": map[string]any{"param": m.callbackParam, "type": 1, "targets": arrived}}
	write := func(entries []any) ([]byte, http.Header) {
		cb := vendors.MustJSON(vendors.MergedObject(entries))
		return []byte(url.Values{"cb": {string(cb)}, "access_token": {vendors.RandomID("")}}.Encode()), nil
	}
	poster.Post(vendors.ReceiptCallback{URL: m.callback, ContentType: "application/x-www-form-urlencoded", Write: write}, entry, receiptBatch)
}

// NewEmulator knows no apps.
func NewEmulator() *Emulator { return &Emulator{slow: 3 * time.Second, secrets: map[string]string{}} }

// Register makes an app known with its AppSecret.
func (e *Emulator) Register(appID, appSecret string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.secrets[appID] = appSecret
}

// Accept registers a sandbox certificate's credentials (vendors.Connector).
func (e *Emulator) Accept(c models.Certificate, s models.CertificateSecrets) {
	e.Register(c.Settings.AppID, s.AppSecret)
	e.book.Remember(c.Settings.AppID, c)
}

func reply(w http.ResponseWriter, code, message string, value map[string][]string) {
	if value == nil {
		value = map[string][]string{}
	}
	vendors.WriteJSON(w, http.StatusOK, map[string]any{"code": code, "message": message, "value": value})
}

func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != sendPath || r.ParseForm() != nil {
		http.NotFound(w, r)
		return
	}
	p := map[string]string{}
	for k, v := range r.PostForm {
		if k != "sign" && len(v) > 0 {
			p[k] = v[0]
		}
	}
	for _, k := range []string{"appId", "pushIds", "messageJson"} {
		if p[k] == "" {
			reply(w, "110004", k+"不能为空", nil)
			return
		}
	}
	e.mu.Lock()
	secret, known := e.secrets[p["appId"]]
	e.mu.Unlock()
	switch {
	case !known:
		reply(w, "110000", "appId不合法", nil)
		return
	case r.PostForm.Get("sign") == "":
		reply(w, "110004", "sign不能为空", nil)
		return
	case r.PostForm.Get("sign") != vendors.SortedParamsMD5(p, secret):
		reply(w, "1006", "签名认证失败", nil)
		return
	}
	pushIDs := strings.Split(p["pushIds"], ",")
	m, refused := validate(pushIDs, p["messageJson"])
	if refused != nil {
		reply(w, refused.code, refused.msg, nil)
		return
	}
	failed := map[string][]string{}
	for _, id := range pushIDs {
		switch vendors.TokenScriptOf(id) {
		case vendors.ScriptUnregistered:
			failed["110002"] = append(failed["110002"], id)
		case vendors.ScriptQuota:
			// Only public messages have a per-device cap; a private one
			// runs into the app's daily limit instead.
			if m.noticeMsgType == 1 {
				reply(w, "110019", "应用当天推送次数超过限制", nil)
				return
			}
			failed["110011"] = append(failed["110011"], id)
		case vendors.ScriptDown:
			reply(w, "1003", "服务器忙", nil)
			return
		case vendors.ScriptSlow:
			if !vendors.Sleep(r.Context(), e.slow) {
				return
			}
		}
	}
	msgID := vendors.RandomID("NS")
	vendors.WriteJSON(w, http.StatusOK, map[string]any{"code": "200", "message": "", "value": failed, "msgId": msgID})
	e.sendReceipt(m, pushIDs, failed, msgID)
}
