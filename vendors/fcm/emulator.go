package fcm

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pushcheck/pushcheck/vendors"
)

// Scripted tokens of the sandbox (README "Sandbox"): a token containing the
// word triggers FCM's own answer.
const (
	ScriptUnregistered = "unregistered" // 404 UNREGISTERED
	ScriptQuota        = "quota"        // 429 QUOTA_EXCEEDED
	ScriptSlow         = "slow"         // answers after 3 s
	ScriptDown         = "down"         // 503 UNAVAILABLE
)

// Emulator answers like Google's OAuth token endpoint (the service-account
// JWT bearer grant, emulator_oauth.go) and FCM's v1 send: access token,
// project, the Message schema and its rules (emulator_schema.go,
// emulator_rules.go), size, validate_only, and Google's error bodies.
type Emulator struct {
	mu       sync.Mutex
	accounts map[string]account      // client_email → its key and project
	tokens   map[string]string       // access token → project
	holders  map[string]string       // access token → client_email
	book     vendors.CertificateBook // by client_email
	slow     time.Duration
	now      func() time.Time
}

// account is what Google knows of a service account: the public half of
// its key, the key's ID (private_key_id) and its project.
type account struct {
	pub     *rsa.PublicKey
	keyID   string
	project string
}

// NewEmulator makes an emulator with no accepted service accounts.
func NewEmulator() *Emulator {
	return &Emulator{accounts: map[string]account{}, tokens: map[string]string{}, holders: map[string]string{}, slow: 3 * time.Second, now: time.Now}
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
	e.accounts[sa.ClientEmail] = account{pub: &rsaKey.PublicKey, keyID: sa.PrivateKeyID, project: sa.ProjectID}
	return nil
}

func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/token":
		e.token(w, r)
	case r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/v1/projects/") && strings.HasSuffix(r.URL.Path, "/messages:send"):
		e.send(w, r, strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/v1/projects/"), "/messages:send"))
	default:
		googleError(w, http.StatusNotFound, "NOT_FOUND", "", "the requested URL was not found", nil)
	}
}

// googleError writes Google's error shape: the FcmError detail when there
// is an FCM code, and a google.rpc.BadRequest detail naming the field when
// there is one, as FCM's answers to bad requests carry
// (https://firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode).
func googleError(w http.ResponseWriter, status int, rpcStatus, fcmCode, message string, field *violation) {
	body := map[string]any{"code": status, "message": message, "status": rpcStatus}
	var details []map[string]any
	if fcmCode != "" {
		details = append(details, map[string]any{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": fcmCode})
	}
	if field != nil {
		details = append(details, map[string]any{"@type": "type.googleapis.com/google.rpc.BadRequest",
			"fieldViolations": []map[string]string{{"field": field.field, "description": field.description}}})
	}
	if details != nil {
		body["details"] = details
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": body}) //nolint:errcheck // client gone
}

func (e *Emulator) send(w http.ResponseWriter, r *http.Request, project string) {
	access, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	e.mu.Lock()
	tokenProject, ok := e.tokens[access]
	e.mu.Unlock()
	switch {
	case !ok:
		googleError(w, http.StatusUnauthorized, "UNAUTHENTICATED", "", "Request had invalid authentication credentials. Expected OAuth 2 access token.", nil)
		return
	case tokenProject != project:
		googleError(w, http.StatusForbidden, "PERMISSION_DENIED", "", "Permission 'cloudmessaging.messages.create' denied on resource '//cloudresourcemanager.googleapis.com/projects/"+project+"'", nil)
		return
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	if err != nil {
		raw = nil
	}
	req, v := validate(raw)
	switch {
	case v != nil && v.parse:
		// Google's JSON parser answers before FCM sees the message: no
		// FcmError detail, only the field.
		googleError(w, http.StatusBadRequest, "INVALID_ARGUMENT", "", v.description, v)
		return
	case v != nil:
		googleError(w, http.StatusBadRequest, "INVALID_ARGUMENT", "INVALID_ARGUMENT", v.description, v)
		return
	}
	token := req.token
	switch {
	case strings.Contains(token, ScriptUnregistered):
		googleError(w, http.StatusNotFound, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found.", nil)
		return
	case strings.Contains(token, ScriptQuota):
		googleError(w, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded for quota metric 'Messages'.", nil)
		return
	case strings.Contains(token, ScriptDown):
		googleError(w, http.StatusServiceUnavailable, "UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable.", nil)
		return
	case strings.Contains(token, ScriptSlow):
		select {
		case <-time.After(e.slow):
		case <-r.Context().Done():
			return
		}
	}
	id := "0:" + strconv.FormatInt(e.now().UnixMicro(), 10) + "%sandbox"
	if req.validateOnly {
		id = "fake_message_id"
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	json.NewEncoder(w).Encode(map[string]string{"name": "projects/" + project + "/messages/" + id}) //nolint:errcheck // client gone
}

// holder is the service account an access token was issued to.
func (e *Emulator) holder(access string) (string, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	email, ok := e.holders[access]
	return email, ok
}
