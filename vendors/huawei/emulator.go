package huawei

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Emulator answers like Huawei's OAuth server and the Push Kit v1 send
// API: client credentials checked against the registered secret, access
// tokens that expire and belong to one client, the message rules of emulator_rules.go
// with their business codes, and the scripted tokens of the README.
type Emulator struct {
	authServer *vendors.AuthServer
	slow       time.Duration

	mu sync.Mutex
	vendors.ReceiptPosterSlot
	receipts map[string]receiptConfig // client ID → the console's receipt configuration
	book     vendors.CertificateBook  // by client ID
}

// receiptConfig is an app's receipt setting in AppGallery Connect.
type receiptConfig struct {
	url, user, key string
}

// NewEmulator knows no apps.
func NewEmulator() *Emulator {
	return &Emulator{authServer: vendors.NewAuthServer(), slow: 3 * time.Second, receipts: map[string]receiptConfig{}}
}

// Register makes an OAuth client known, as AppGallery Connect does.
func (e *Emulator) Register(clientID, secret string) { e.authServer.Register(clientID, secret) }

func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/oauth2/v3/token":
		e.token(w, r)
	case r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/v1/") && strings.HasSuffix(r.URL.Path, "/messages:send"):
		e.send(w, r, strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/v1/"), "/messages:send"))
	default:
		http.NotFound(w, r)
	}
}

// Accept registers a sandbox certificate's credentials (vendors.Connector).
func (e *Emulator) Accept(c models.Certificate, s models.CertificateSecrets) {
	e.Register(c.Settings.ClientID, s.ClientSecret)
	e.book.Remember(c.Settings.ClientID, c)
	e.mu.Lock()
	defer e.mu.Unlock()
	if poster := e.ReceiptPoster(); poster != nil {
		// The sandbox's AppGallery has this console's receipt URL set up,
		// signed with the certificate's callback key when it has one.
		e.receipts[c.Settings.ClientID] = receiptConfig{url: poster.ConsoleReceiptURL(c), user: c.Settings.CallbackUser, key: s.CallbackKey}
	}
}

// token is the client-credentials grant. Huawei's OAuth errors carry a
// numeric error, a sub_error and a description.
func (e *Emulator) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "client_credentials" {
		vendors.WriteJSON(w, http.StatusBadRequest, map[string]any{"error": 1101, "sub_error": 20001, "error_description": "invalid request"})
		return
	}
	secret, known := e.authServer.Secret(r.PostForm.Get("client_id"))
	if !known || secret != r.PostForm.Get("client_secret") {
		vendors.WriteJSON(w, http.StatusBadRequest, map[string]any{"error": 1101, "sub_error": 20152, "error_description": "invalid client"})
		return
	}
	tok := e.authServer.Issue(r.PostForm.Get("client_id"), time.Hour)
	vendors.WriteJSON(w, http.StatusOK, map[string]any{"access_token": tok, "expires_in": 3600, "token_type": "Bearer"})
}

func reply(w http.ResponseWriter, status int, code, msg string) {
	vendors.WriteJSON(w, status, map[string]string{"code": code, "msg": msg, "requestId": vendors.RandomID("")})
}

func (e *Emulator) send(w http.ResponseWriter, r *http.Request, clientID string) {
	access, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	holder, ok, expired := e.authServer.Holder(access)
	switch {
	case !ok || holder != clientID:
		reply(w, http.StatusUnauthorized, "80200001", "Oauth authentication error")
		return
	case expired:
		reply(w, http.StatusUnauthorized, "80200003", "Oauth Token expired.")
		return
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		reply(w, http.StatusBadRequest, "80100001", "Some request parameters are incorrect: the body could not be read")
		return
	}
	req, refused := validate(raw)
	if refused != nil {
		reply(w, refused.status, refused.code, refused.msg)
		return
	}
	token := ""
	if len(req.tokens) > 0 {
		token = req.tokens[0]
	}
	switch vendors.TokenScriptOf(token) {
	case vendors.ScriptUnregistered:
		reply(w, http.StatusBadRequest, "80300007", "All the tokens are invalid")
		return
	case vendors.ScriptQuota:
		http.Error(w, "Service Unavailable: flow control", http.StatusServiceUnavailable)
		return
	case vendors.ScriptDown:
		reply(w, http.StatusInternalServerError, "81000001", "System inner error")
		return
	case vendors.ScriptSlow:
		if !vendors.Sleep(r.Context(), e.slow) {
			return
		}
	}
	requestID := vendors.RandomID("")
	vendors.WriteJSON(w, http.StatusOK, map[string]string{"code": "80000000", "msg": "Success", "requestId": requestID})
	if !req.validateOnly && token != "" {
		e.sendReceipt(clientID, req, token, requestID)
	}
}

// sendReceipt reports the message's fate to the app's receipt URL, as
// Huawei does a moment after delivery, per the token's receipt script.
func (e *Emulator) sendReceipt(clientID string, req sent, token, requestID string) {
	e.mu.Lock()
	cfg, ok := e.receipts[clientID]
	e.mu.Unlock()
	poster := e.ReceiptPoster()
	if !ok || poster == nil {
		return
	}
	status := 0
	switch vendors.ReceiptScriptOf(token) {
	case vendors.ReceiptNone:
		return
	case vendors.ReceiptNotificationsOff:
		status = 6
	case vendors.ReceiptInactive:
		status = 10
	}
	entry := map[string]any{
		"biTag": req.biTag, "appid": clientID, "token": token, "status": status,
		"requestId": requestID,
	}
	write := func(entries []any) ([]byte, http.Header) {
		now := time.Now().UnixMilli()
		vendors.StampEntries(entries, func(m map[string]any) { m["timestamp"] = now })
		header := http.Header{}
		if cfg.key != "" {
			ts := strconv.FormatInt(now, 10)
			header.Set(vendors.HMSCallbackHeader, vendors.HMSCallbackID(cfg.key, ts, vendors.RandomID(""), cfg.user))
		}
		return vendors.StatusesBody(entries), header
	}
	poster.Post(vendors.ReceiptCallback{URL: cfg.url, ContentType: "application/json", Key: clientID + "\x00" + cfg.key + "\x00" + cfg.user, Write: write}, entry, 0)
}
