package vivo

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Emulator answers like vivo Push's auth and single-send APIs: the MD5
// sign and its 10-minute window, authTokens tied to one appId, the field
// rules of emulator_rules.go with vivo's result codes, per-target failures in
// invalidUser, and the README's scripts.
type Emulator struct {
	authServer *vendors.AuthServer
	slow       time.Duration
	now        func() time.Time

	mu       sync.Mutex
	keys     map[string]string // appId → appKey
	requests map[string]string // appId and requestId → the taskId it got
	vendors.ReceiptPosterSlot
	book vendors.CertificateBook // by appId
}

// sendReceipt posts the arrival receipt to extra.callback, as vivo does:
// a JSON object keyed by taskId. vivo sends arrival receipts only,
// and none for test pushes.
func (e *Emulator) sendReceipt(req sent, taskID string) {
	poster := e.ReceiptPoster()
	callback := req.callback
	if poster == nil || callback == "" || req.pushMode == 1 || vendors.ReceiptScriptOf(req.regID) != vendors.ReceiptDelivered {
		return
	}
	entry := map[string]any{taskID: map[string]string{"param": req.callbackParam, "targets": req.regID}}
	write := func(entries []any) ([]byte, http.Header) { return vendors.MustJSON(vendors.MergedObject(entries)), nil }
	poster.Post(vendors.ReceiptCallback{URL: callback, ContentType: "application/json", Write: write}, entry, 0)
}

// NewEmulator knows no apps.
func NewEmulator() *Emulator {
	return &Emulator{authServer: vendors.NewAuthServer(), slow: 3 * time.Second, now: time.Now, keys: map[string]string{}, requests: map[string]string{}}
}

// Register makes an app known, as the vivo developer platform does.
func (e *Emulator) Register(appID, appKey, appSecret string) {
	e.authServer.Register(appID, appSecret)
	e.mu.Lock()
	defer e.mu.Unlock()
	e.keys[appID] = appKey
}

// Accept registers a sandbox certificate's credentials (vendors.Connector).
func (e *Emulator) Accept(c models.Certificate, s models.CertificateSecrets) {
	e.Register(c.Settings.AppID, c.Settings.AppKey, s.AppSecret)
	e.book.Remember(c.Settings.AppID, c)
}

func reply(w http.ResponseWriter, result int, desc string, extra map[string]any) {
	body := map[string]any{"result": result, "desc": desc}
	for k, v := range extra {
		body[k] = v
	}
	vendors.WriteJSON(w, http.StatusOK, body)
}

func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	switch {
	case r.Method != http.MethodPost || err != nil:
		http.NotFound(w, r)
	case r.URL.Path == "/message/auth":
		e.auth(w, raw)
	case r.URL.Path == "/message/send":
		e.send(w, r, raw)
	default:
		http.NotFound(w, r)
	}
}

// auth checks the MD5 sign over appId + appKey + timestamp + appSecret,
// the values trimmed, and the timestamp's 10 minutes either side of vivo's
// clock. appId is an int in the reference; a string is taken too.
func (e *Emulator) auth(w http.ResponseWriter, raw []byte) {
	req, err := vendors.ParseWire(raw)
	if err != nil {
		reply(w, 10000, "请求参数不合法", nil)
		return
	}
	appID, appKey, sign := strings.TrimSpace(req.Str("appId")), strings.TrimSpace(req.Str("appKey")), req.Str("sign")
	ts, hasTS := req.Int("timestamp")
	secret, known := e.authServer.Secret(appID)
	e.mu.Lock()
	key := e.keys[appID]
	e.mu.Unlock()
	switch {
	case req.Bad() != "":
		reply(w, 10000, req.Bad(), nil)
	case appID == "":
		reply(w, 10200, "appId 不能为空", nil)
	case appKey == "":
		reply(w, 10201, "appKey 不能为空", nil)
	case !known || key != appKey:
		reply(w, 10000, "appId或appKey不合法", nil)
	case !hasTS || e.now().Sub(time.UnixMilli(ts)).Abs() > authWindow:
		reply(w, 10000, "timestamp不合法", nil)
	case sign != authSign(appID, appKey, ts, secret):
		reply(w, 10000, "sign不合法", nil)
	default:
		reply(w, 0, "请求成功", map[string]any{"authToken": e.authServer.Issue(appID, 24*time.Hour)})
	}
}

func (e *Emulator) send(w http.ResponseWriter, r *http.Request, raw []byte) {
	app, ok, expired := e.authServer.Holder(r.Header.Get("authToken"))
	if !ok || expired {
		reply(w, 10000, "authToken不合法或已过期", nil)
		return
	}
	req, refused := validate(raw, app)
	if refused != nil {
		reply(w, refused.result, refused.desc, nil)
		return
	}
	// requestId is the request's unique ID. vivo does not document what a
	// repeated one gets; the emulator answers it as an idempotent repeat
	// (the first send's taskId, nothing sent again) rather than refuse a
	// request vivo may take.
	e.mu.Lock()
	first, repeated := e.requests[app+"\x00"+req.requestID]
	e.mu.Unlock()
	if repeated {
		reply(w, 0, "请求成功", map[string]any{"taskId": first})
		return
	}
	taskID := vendors.RandomID("")
	switch vendors.TokenScriptOf(req.regID) {
	case vendors.ScriptUnregistered:
		reply(w, 0, "请求成功", map[string]any{"taskId": taskID, "invalidUser": map[string]any{"userid": req.regID, "status": 2}})
		return
	case vendors.ScriptQuota:
		reply(w, 10070, "发送总量超出限制", nil)
		return
	case vendors.ScriptDown:
		reply(w, 10040, "系统繁忙，请稍后重试", nil)
		return
	case vendors.ScriptSlow:
		if !vendors.Sleep(r.Context(), e.slow) {
			return
		}
	}
	e.mu.Lock()
	e.requests[app+"\x00"+req.requestID] = taskID
	e.mu.Unlock()
	reply(w, 0, "请求成功", map[string]any{"taskId": taskID})
	e.sendReceipt(req, taskID)
}
