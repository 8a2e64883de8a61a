package huawei

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Emulator answers like Huawei's OAuth server and the Push Kit v1 send
// API: client credentials checked against the registered secret, access
// tokens that expire and belong to one client, the message rules of §3
// with their business codes, and the scripted tokens of the README.
type Emulator struct {
	authServer *vendors.AuthServer
	slow       time.Duration

	mu sync.Mutex
	vendors.ReceiptPosterSlot
	receipts map[string]receiptConfig // client ID → the console's receipt configuration
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
	var req sendRequest
	if err != nil || json.Unmarshal(raw, &req) != nil {
		reply(w, http.StatusBadRequest, "80100001", "Some request parameters are incorrect: the body is not JSON")
		return
	}
	if status, code, msg := validate(req, raw); code != "" {
		reply(w, status, code, msg)
		return
	}
	switch vendors.TokenScriptOf(req.Message.Token[0]) {
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
	if !req.ValidateOnly {
		e.sendReceipt(clientID, req.Message, requestID)
	}
}

// sendReceipt reports the message's fate to the app's receipt URL, as
// Huawei does a moment after delivery, per the token's receipt script.
func (e *Emulator) sendReceipt(clientID string, m message, requestID string) {
	e.mu.Lock()
	cfg, ok := e.receipts[clientID]
	e.mu.Unlock()
	poster := e.ReceiptPoster()
	if !ok || poster == nil {
		return
	}
	status := 0
	switch vendors.ReceiptScriptOf(m.Token[0]) {
	case vendors.ReceiptNone:
		return
	case vendors.ReceiptNotificationsOff:
		status = 6
	case vendors.ReceiptInactive:
		status = 10
	}
	body := func() []byte {
		return vendors.MustJSON(map[string]any{"statuses": []map[string]any{{
			"biTag": m.Android.BiTag, "appid": clientID, "token": m.Token[0], "status": status,
			"timestamp": time.Now().UnixMilli(), "requestId": requestID,
		}}})
	}
	header := http.Header{}
	if cfg.key != "" {
		ts := strconv.FormatInt(time.Now().UnixMilli(), 10)
		header.Set(vendors.HMSCallbackHeader, vendors.HMSCallbackID(cfg.key, ts, vendors.RandomID(""), cfg.user))
	}
	poster.Post(cfg.url, "application/json", body, header, 0)
}

// validate applies the send API's rules (§3.2-3.3) with Huawei's codes.
func validate(req sendRequest, raw []byte) (int, string, string) {
	m := req.Message
	tokenBytes := 0
	for _, t := range m.Token {
		tokenBytes += len(t)
	}
	n := m.Android.Notification
	switch {
	case len(m.Token) == 0:
		return http.StatusBadRequest, "80100001", "Some request parameters are incorrect: token is empty"
	case len(m.Token) > maxTokens:
		return http.StatusBadRequest, "80300010", "The number of tokens in the message body exceeds the default value"
	case len(raw)-tokenBytes > maxBody:
		return http.StatusBadRequest, "80300008", "The message body size exceeds the default value"
	case n.Title == "" || n.Body == "":
		return http.StatusBadRequest, "80100003", "Incorrect message structure: notification title and body are required"
	case n.ClickAction == nil:
		return http.StatusBadRequest, "80100003", "Incorrect message structure: click_action is required for notification messages"
	case n.ClickAction.Type < 1 || n.ClickAction.Type > 3 || (n.ClickAction.Type == 1 && n.ClickAction.Intent == "" && n.ClickAction.Action == ""):
		return http.StatusBadRequest, "80100003", "Incorrect message structure: click_action type 1 needs intent or action"
	case n.Importance != "" && n.Importance != "LOW" && n.Importance != "NORMAL":
		return http.StatusBadRequest, "80100003", "Incorrect message structure: importance must be LOW or NORMAL"
	case m.Android.Category != "" && !slices.Contains(categories(), m.Android.Category):
		return http.StatusBadRequest, "80100003", "Incorrect message structure: illegal category " + m.Android.Category
	case m.Android.TargetUserType != 0 && m.Android.TargetUserType != 1:
		return http.StatusBadRequest, "80100003", "Incorrect message structure: target_user_type must be 0 or 1"
	}
	if b := n.Badge; b != nil {
		switch {
		case b.Class == "":
			return http.StatusBadRequest, "80100003", "Incorrect message structure: badge class is required"
		case b.SetNum != nil && (*b.SetNum < 0 || *b.SetNum > maxBadge):
			return http.StatusBadRequest, "80100003", "Incorrect message structure: badge setNum must be between 0 and 99"
		}
	}
	return 0, "", ""
}
