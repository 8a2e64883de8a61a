package fcm

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Scripted tokens of the sandbox (README "Sandbox"): a token containing the
// word triggers FCM's own answer.
const (
	ScriptUnregistered = "unregistered" // 404 UNREGISTERED
	ScriptQuota        = "quota"        // 429 QUOTA_EXCEEDED
	ScriptSlow         = "slow"         // answers after 3 s
	ScriptDown         = "down"         // 503 UNAVAILABLE
)

// Emulator answers like Google's OAuth token endpoint (service-account JWT
// bearer grant, RS256 checked against the registered key) and FCM's v1
// send: access token, project, one target, string data, reserved keys,
// TTL, size, validate_only, and Google's error bodies.
type Emulator struct {
	mu       sync.Mutex
	accounts map[string]*rsa.PublicKey // client_email → key
	projects map[string]string         // client_email → project
	tokens   map[string]string         // access token → project
	slow     time.Duration
	now      func() time.Time
}

// NewEmulator makes an emulator with no accepted service accounts.
func NewEmulator() *Emulator {
	return &Emulator{accounts: map[string]*rsa.PublicKey{}, projects: map[string]string{}, tokens: map[string]string{}, slow: 3 * time.Second, now: time.Now}
}

// AcceptServiceAccount registers a service account, as creating its key in
// Google Cloud does.
func (e *Emulator) AcceptServiceAccount(sa serviceAccount) error {
	block, _ := pem.Decode([]byte(sa.PrivateKey))
	if block == nil {
		return fmt.Errorf("service account key is not PEM")
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return err
	}
	rsaKey, ok := key.(*rsa.PrivateKey)
	if !ok {
		return fmt.Errorf("service account key is not RSA")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.accounts[sa.ClientEmail] = &rsaKey.PublicKey
	e.projects[sa.ClientEmail] = sa.ProjectID
	return nil
}

func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/token":
		e.token(w, r)
	case r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/v1/projects/") && strings.HasSuffix(r.URL.Path, "/messages:send"):
		e.send(w, r, strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/v1/projects/"), "/messages:send"))
	default:
		googleError(w, http.StatusNotFound, "NOT_FOUND", "", "the requested URL was not found")
	}
}

func oauthError(w http.ResponseWriter, code, description string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": description}) //nolint:errcheck // client gone
}

// token is the JWT-bearer grant of oauth2.googleapis.com/token.
func (e *Emulator) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer" {
		oauthError(w, "unsupported_grant_type", "Invalid grant_type")
		return
	}
	parts := strings.Split(r.PostForm.Get("assertion"), ".")
	if len(parts) != 3 {
		oauthError(w, "invalid_grant", "Invalid JWT: malformed")
		return
	}
	var claims struct {
		Iss, Scope, Aud string
		Iat, Exp        int64
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil || json.Unmarshal(payload, &claims) != nil {
		oauthError(w, "invalid_grant", "Invalid JWT: claims")
		return
	}
	e.mu.Lock()
	pub, known := e.accounts[claims.Iss]
	project := e.projects[claims.Iss]
	e.mu.Unlock()
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	switch {
	case !known:
		oauthError(w, "invalid_grant", "Invalid JWT Signature.")
		return
	case err != nil || rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], sig) != nil:
		oauthError(w, "invalid_grant", "Invalid JWT Signature.")
		return
	case claims.Exp < e.now().Unix() || claims.Iat > e.now().Add(5*time.Minute).Unix():
		oauthError(w, "invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values")
		return
	case !strings.Contains(claims.Scope, "firebase.messaging") && !strings.Contains(claims.Scope, "cloud-platform"):
		oauthError(w, "invalid_scope", "the scope does not allow FCM")
		return
	}
	b := make([]byte, 24)
	rand.Read(b) // never fails since Go 1.24
	access := "ya29.sandbox-" + base64.RawURLEncoding.EncodeToString(b)
	e.mu.Lock()
	e.tokens[access] = project
	e.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"access_token": access, "expires_in": 3599, "token_type": "Bearer"}) //nolint:errcheck // client gone
}

// googleError writes Google's error shape, with the FcmError detail when
// there is an FCM code.
func googleError(w http.ResponseWriter, status int, rpcStatus, fcmCode, message string) {
	body := map[string]any{"code": status, "message": message, "status": rpcStatus}
	if fcmCode != "" {
		body["details"] = []map[string]string{{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": fcmCode}}
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": body}) //nolint:errcheck // client gone
}

type sendRequest struct {
	ValidateOnly bool `json:"validate_only"`
	Message      struct {
		Token     string            `json:"token"`
		Topic     string            `json:"topic"`
		Condition string            `json:"condition"`
		Data      map[string]string `json:"data"`
		Android   *struct {
			Priority string `json:"priority"`
			TTL      string `json:"ttl"`
		} `json:"android"`
	} `json:"message"`
}

func (e *Emulator) send(w http.ResponseWriter, r *http.Request, project string) {
	access, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	e.mu.Lock()
	tokenProject, ok := e.tokens[access]
	e.mu.Unlock()
	switch {
	case !ok:
		googleError(w, http.StatusUnauthorized, "UNAUTHENTICATED", "", "Request had invalid authentication credentials. Expected OAuth 2 access token.")
		return
	case tokenProject != project:
		googleError(w, http.StatusForbidden, "PERMISSION_DENIED", "", "Permission 'cloudmessaging.messages.create' denied on resource '//cloudresourcemanager.googleapis.com/projects/"+project+"'")
		return
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	var req sendRequest
	if err != nil || json.Unmarshal(raw, &req) != nil {
		googleError(w, http.StatusBadRequest, "INVALID_ARGUMENT", "INVALID_ARGUMENT", "Invalid JSON payload received.")
		return
	}
	if msg := validate(req, raw); msg != "" {
		googleError(w, http.StatusBadRequest, "INVALID_ARGUMENT", "INVALID_ARGUMENT", msg)
		return
	}
	token := req.Message.Token
	switch {
	case strings.Contains(token, ScriptUnregistered):
		googleError(w, http.StatusNotFound, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found.")
		return
	case strings.Contains(token, ScriptQuota):
		googleError(w, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded for quota metric 'Messages'.")
		return
	case strings.Contains(token, ScriptDown):
		googleError(w, http.StatusServiceUnavailable, "UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable.")
		return
	case strings.Contains(token, ScriptSlow):
		select {
		case <-time.After(e.slow):
		case <-r.Context().Done():
			return
		}
	}
	id := "0:" + strconv.FormatInt(e.now().UnixMicro(), 10) + "%sandbox"
	if req.ValidateOnly {
		id = "fake_message_id"
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	json.NewEncoder(w).Encode(map[string]string{"name": "projects/" + project + "/messages/" + id}) //nolint:errcheck // client gone
}

// validate applies FCM's documented message rules (docs/vendors/fcm.md §3).
func validate(req sendRequest, raw []byte) string {
	m := req.Message
	targets := 0
	for _, t := range []string{m.Token, m.Topic, m.Condition} {
		if t != "" {
			targets++
		}
	}
	if targets != 1 {
		return "Exactly one of token, topic or condition must be specified."
	}
	for k := range m.Data {
		if reservedDataKey(k) {
			return fmt.Sprintf("Invalid data payload key: %s", k)
		}
	}
	if len(raw) > maxPayload+512 { // the limit is on the message content; allow for the envelope
		return "Message is too big. Message payload size limit is 4096 bytes."
	}
	if a := m.Android; a != nil {
		if a.Priority != "" && a.Priority != "high" && a.Priority != "normal" {
			return "Invalid value at 'message.android.priority'"
		}
		if a.TTL != "" {
			secs, err := strconv.ParseFloat(strings.TrimSuffix(a.TTL, "s"), 64)
			if err != nil || secs < 0 || secs > 2419200 {
				return "Invalid value at 'message.android.ttl': TTL must be between 0 and 2419200 seconds (4 weeks)"
			}
		}
	}
	return ""
}
