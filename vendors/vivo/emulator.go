package vivo

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Emulator answers like vivo Push's auth and single-send APIs: the MD5
// sign and its 10-minute window, authTokens tied to one appId, the field
// rules of §7 with vivo's result codes, per-target failures in
// invalidUser, and the README's scripts.
type Emulator struct {
	authServer *vendors.AuthServer
	slow       time.Duration
	now        func() time.Time

	mu   sync.Mutex
	keys map[string]string // appId → appKey
	vendors.ReceiptPosterSlot
}

// sendReceipt posts the arrival receipt to extra.callback, as vivo does:
// a JSON object keyed by taskId (§7.5). vivo sends arrival receipts only,
// and none for test pushes.
func (e *Emulator) sendReceipt(req sendRequest, taskID string) {
	poster := e.ReceiptPoster()
	callback := req.Extra["callback"]
	if poster == nil || callback == "" || req.PushMode == 1 || vendors.ReceiptScriptOf(req.RegID) != vendors.ReceiptDelivered {
		return
	}
	body := func() []byte {
		return vendors.MustJSON(map[string]any{taskID: map[string]string{"param": req.Extra["callback.param"], "targets": req.RegID}})
	}
	poster.Post(callback, "application/json", body, nil, 0)
}

// NewEmulator knows no apps.
func NewEmulator() *Emulator {
	return &Emulator{authServer: vendors.NewAuthServer(), slow: 3 * time.Second, now: time.Now, keys: map[string]string{}}
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

func (e *Emulator) auth(w http.ResponseWriter, raw []byte) {
	var req authRequest
	if json.Unmarshal(raw, &req) != nil {
		reply(w, 10000, "请求参数不合法", nil)
		return
	}
	secret, known := e.authServer.Secret(req.AppID)
	e.mu.Lock()
	key := e.keys[req.AppID]
	e.mu.Unlock()
	switch {
	case !known || key != req.AppKey:
		reply(w, 10000, "appId或appKey不合法", nil)
	case e.now().Sub(time.UnixMilli(req.Timestamp)).Abs() > authWindow:
		reply(w, 10000, "timestamp不合法", nil)
	case req.Sign != authSign(req.AppID, req.AppKey, req.Timestamp, secret):
		reply(w, 10000, "sign不合法", nil)
	default:
		reply(w, 0, "请求成功", map[string]any{"authToken": e.authServer.Issue(req.AppID, 24*time.Hour)})
	}
}

func (e *Emulator) send(w http.ResponseWriter, r *http.Request, raw []byte) {
	app, ok, expired := e.authServer.Holder(r.Header.Get("authToken"))
	if !ok || expired {
		reply(w, 10000, "authToken不合法或已过期", nil)
		return
	}
	var req sendRequest
	if json.Unmarshal(raw, &req) != nil {
		reply(w, 10001, "请求参数不合法", nil)
		return
	}
	if strconv.Itoa(req.AppID) != app {
		reply(w, 10094, "appId与authToken不匹配", nil)
		return
	}
	if code, desc := validate(req); code != 0 {
		reply(w, code, desc, nil)
		return
	}
	taskID := vendors.RandomID("")
	switch vendors.TokenScriptOf(req.RegID) {
	case vendors.ScriptUnregistered:
		reply(w, 0, "请求成功", map[string]any{"taskId": taskID, "invalidUser": map[string]any{"userid": req.RegID, "status": 2}})
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
	reply(w, 0, "请求成功", map[string]any{"taskId": taskID})
	e.sendReceipt(req, taskID)
}

// validate applies the single-send rules (§7.2-7.3).
func validate(req sendRequest) (int, string) {
	custom := 0
	for k, v := range req.ClientCustomMap {
		custom += utf8.RuneCountInString(k) + utf8.RuneCountInString(v)
	}
	system, operation := slices.Contains(systemCategories(), req.Category), slices.Contains(operationCategories(), req.Category)
	switch {
	case req.RegID == "":
		return 10001, "regId和alias不能同时为空"
	case utf8.RuneCountInString(req.Extra["callback"]) > 128 || utf8.RuneCountInString(req.Extra["callback.param"]) > 64:
		return 10001, "callback不能超过128个字符, callback.param不能超过64个字符"
	case req.Title == "" || req.Content == "":
		return 10001, "title和content不能为空"
	case utf8.RuneCountInString(req.Title) > maxTitle || utf8.RuneCountInString(req.Content) > maxContent:
		return 10085, "标题或内容超过长度限制"
	case req.PushMode == 0 && (strings.Contains(req.Title, "测试") || strings.Contains(req.Content, "测试")):
		return 10104, "正式消息标题或内容不能包含测试"
	case custom > maxCustomMap:
		return 10001, "clientCustomMap超过1024个字符"
	case req.RequestID == "" || len(req.RequestID) > maxRequestID:
		return 10001, "requestId不合法"
	case req.NotifyType < 1 || req.NotifyType > 4:
		return 10001, "notifyType不合法"
	case req.SkipType < 1 || req.SkipType > 4 || (req.SkipType != 1 && req.SkipContent == ""):
		return 10001, "skipType或skipContent不合法"
	case req.Classification != nil && *req.Classification != 0 && *req.Classification != 1:
		return 10001, "classification不合法"
	case req.Category != "" && !system && !operation:
		return 10096, "category不合法"
	case req.Classification != nil && ((system && *req.Classification != 1) || (operation && *req.Classification != 0)):
		return 10097, "category与classification不匹配"
	case req.PushMode != 0 && req.PushMode != 1:
		return 10001, "pushMode不合法"
	}
	return 0, ""
}
