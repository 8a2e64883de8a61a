package vendors

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// AuthServer is the part every token-issuing emulator shares: the apps the
// "vendor console" knows with their secrets, and the access tokens handed
// out.
type AuthServer struct {
	mu      sync.Mutex
	secrets map[string]string // app → secret
	tokens  map[string]issued
	issued  int
	now     func() time.Time
}

type issued struct {
	app     string
	expires time.Time
}

// NewAuthServer knows no apps.
func NewAuthServer() *AuthServer {
	return &AuthServer{secrets: map[string]string{}, tokens: map[string]issued{}, now: time.Now}
}

// Register makes an app known with its secret, as creating it in the
// vendor's console does.
func (i *AuthServer) Register(app, secret string) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.secrets[app] = secret
}

// Secret is a known app's secret.
func (i *AuthServer) Secret(app string) (string, bool) {
	i.mu.Lock()
	defer i.mu.Unlock()
	s, ok := i.secrets[app]
	return s, ok
}

// Issue hands out a fresh access token for app.
func (i *AuthServer) Issue(app string, ttl time.Duration) string {
	b := make([]byte, 24)
	rand.Read(b) // never fails since Go 1.24
	tok := base64.RawURLEncoding.EncodeToString(b)
	i.mu.Lock()
	defer i.mu.Unlock()
	i.tokens[tok] = issued{app: app, expires: i.now().Add(ttl)}
	i.issued++
	return tok
}

// Holder is the app a token was issued to; ok is false for a token never
// issued, and expired for one past its time.
func (i *AuthServer) Holder(token string) (app string, ok, expired bool) {
	i.mu.Lock()
	defer i.mu.Unlock()
	t, ok := i.tokens[token]
	return t.app, ok, ok && !i.now().Before(t.expires)
}

// ExpireAll ends every issued token, as time passing would.
func (i *AuthServer) ExpireAll() {
	i.mu.Lock()
	defer i.mu.Unlock()
	for k, t := range i.tokens {
		t.expires = i.now()
		i.tokens[k] = t
	}
}

// Issued counts the tokens handed out.
func (i *AuthServer) Issued() int {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.issued
}

// WriteJSON answers with a JSON body.
func WriteJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body) //nolint:errcheck // the client is gone
}

// RandomID makes a unique ID: emulators' message IDs, request IDs.
func RandomID(prefix string) string {
	b := make([]byte, 9)
	rand.Read(b) // never fails since Go 1.24
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// MustJSON encodes an emulator's own receipt body: maps of strings and
// numbers, which always encode.
func MustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("emulator receipt: " + err.Error())
	}
	return b
}
