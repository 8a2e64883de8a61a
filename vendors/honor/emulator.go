package honor

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

// Emulator answers like Honor's IAM and the sendMessage API: client
// credentials checked against the registered secret (Keycloak-style OAuth
// errors), tokens tied to one app, the timestamp header, the message rules
// of emulator_rules.go, per-token failures in expireTokens, and the README's scripts.
type Emulator struct {
	authServer *vendors.AuthServer
	slow       time.Duration

	mu   sync.Mutex
	apps map[string]string // client ID → App ID
	vendors.ReceiptPosterSlot
	receipts map[string]string       // App ID → the console's receipt URL
	book     vendors.CertificateBook // by client ID
}

// NewEmulator knows no apps.
func NewEmulator() *Emulator {
	return &Emulator{authServer: vendors.NewAuthServer(), slow: 3 * time.Second, apps: map[string]string{}}
}

// Register makes an app's Push client known, as the Honor console does.
func (e *Emulator) Register(clientID, appID, secret string) {
	e.authServer.Register(clientID, secret)
	e.mu.Lock()
	defer e.mu.Unlock()
	e.apps[clientID] = appID
}

// Accept registers a sandbox certificate's credentials (vendors.Connector).
func (e *Emulator) Accept(c models.Certificate, s models.CertificateSecrets) {
	e.Register(c.Settings.ClientID, c.Settings.AppID, s.ClientSecret)
	e.book.Remember(c.Settings.ClientID, c)
	e.mu.Lock()
	defer e.mu.Unlock()
	if poster := e.ReceiptPoster(); poster != nil {
		if e.receipts == nil {
			e.receipts = map[string]string{}
		}
		e.receipts[c.Settings.AppID] = poster.ConsoleReceiptURL(c)
	}
}

func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodPost && r.Host == authHost && r.URL.Path == "/auth/token":
		e.token(w, r)
	case r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/api/v1/") && strings.HasSuffix(r.URL.Path, "/sendMessage"):
		e.send(w, r, strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/api/v1/"), "/sendMessage"))
	default:
		http.NotFound(w, r)
	}
}

func (e *Emulator) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "client_credentials" {
		vendors.WriteJSON(w, http.StatusBadRequest, map[string]string{"error": "unsupported_grant_type", "error_description": "Unsupported grant_type"})
		return
	}
	secret, known := e.authServer.Secret(r.PostForm.Get("client_id"))
	if !known || secret != r.PostForm.Get("client_secret") {
		vendors.WriteJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client", "error_description": "Invalid client or Invalid client credentials"})
		return
	}
	tok := e.authServer.Issue(r.PostForm.Get("client_id"), time.Hour)
	vendors.WriteJSON(w, http.StatusOK, map[string]any{"access_token": tok, "expires_in": 3600, "token_type": "Bearer"})
}

func reply(w http.ResponseWriter, status, code int, message string) {
	vendors.WriteJSON(w, status, map[string]any{"code": code, "message": message})
}

func (e *Emulator) send(w http.ResponseWriter, r *http.Request, appID string) {
	access, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	client, ok, expired := e.authServer.Holder(access)
	e.mu.Lock()
	tokenApp := e.apps[client]
	e.mu.Unlock()
	switch {
	case !ok || tokenApp != appID:
		reply(w, http.StatusUnauthorized, 80200001, "Oauth authentication error")
		return
	case expired:
		reply(w, http.StatusUnauthorized, 80200003, "Oauth Token expired")
		return
	}
	if _, err := strconv.ParseInt(r.Header.Get("timestamp"), 10, 64); err != nil {
		reply(w, http.StatusBadRequest, 80100001, "the timestamp header is missing or not a number")
		return
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		reply(w, http.StatusBadRequest, 80100001, "the body could not be read")
		return
	}
	req, refused := validate(raw)
	if refused != nil {
		reply(w, http.StatusBadRequest, refused.code, refused.msg)
		return
	}
	requestID := vendors.RandomID("")
	data := map[string]any{"sendResult": true, "requestId": requestID, "failTokens": []string{}, "expireTokens": []string{}}
	switch vendors.TokenScriptOf(req.tokens[0]) {
	case vendors.ScriptUnregistered:
		data["sendResult"], data["expireTokens"] = false, req.tokens
	case vendors.ScriptQuota:
		http.Error(w, "Service Unavailable: flow control", http.StatusServiceUnavailable)
		return
	case vendors.ScriptDown:
		reply(w, http.StatusInternalServerError, 81000001, "System inner error")
		return
	case vendors.ScriptSlow:
		if !vendors.Sleep(r.Context(), e.slow) {
			return
		}
	}
	vendors.WriteJSON(w, http.StatusOK, map[string]any{"code": 200, "message": "success", "data": data})
	if data["sendResult"] == true {
		e.sendReceipt(appID, req, requestID)
	}
}

// sendReceipt reports the message's fate to the app's receipt URL in the
// Huawei shape Honor kept, per the token's receipt script.
func (e *Emulator) sendReceipt(appID string, req sent, requestID string) {
	e.mu.Lock()
	url := e.receipts[appID]
	e.mu.Unlock()
	poster := e.ReceiptPoster()
	if url == "" || poster == nil {
		return
	}
	status := 0
	switch vendors.ReceiptScriptOf(req.tokens[0]) {
	case vendors.ReceiptNone:
		return
	case vendors.ReceiptNotificationsOff:
		status = 6
	case vendors.ReceiptInactive:
		status = 10
	}
	entry := map[string]any{
		"biTag": req.biTag, "appid": appID, "token": req.tokens[0], "status": status,
		"requestId": requestID,
	}
	write := func(entries []any) ([]byte, http.Header) {
		now := time.Now().UnixMilli()
		vendors.StampEntries(entries, func(m map[string]any) { m["timestamp"] = now })
		return vendors.StatusesBody(entries), nil
	}
	poster.Post(vendors.ReceiptCallback{URL: url, ContentType: "application/json", Write: write}, entry, 0)
}
