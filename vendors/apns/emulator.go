package apns

import (
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sideshow/apns2"
)

// Scripted tokens: APNs tokens are hex, so the sandbox reads the scripts of
// PRODUCT.md from hex markers anywhere in the token (README "Sandbox").
const (
	MarkerUnregistered = "deaddead" // 410 Unregistered
	MarkerQuota        = "feedbeef" // 429 TooManyRequests
	MarkerSlow         = "51015101" // answers after 3 s
	MarkerDown         = "d0d0d0d0" // 503 ServiceUnavailable
)

// Emulator answers like APNs' provider API: HTTP/2 only, JWT (ES256) or
// client-certificate authentication, Apple's headers and limits, and its
// error bodies. Keys and certificates must be registered first, as they are
// with Apple.
type Emulator struct {
	mu    sync.Mutex
	keys  map[string]acceptedKey // "teamID/keyID"
	certs map[[32]byte]string    // client certificate → topic
	slow  time.Duration
	now   func() time.Time
}

type acceptedKey struct {
	pub   *ecdsa.PublicKey
	topic string
}

// NewEmulator makes an emulator with no accepted credentials.
func NewEmulator() *Emulator {
	return &Emulator{keys: map[string]acceptedKey{}, certs: map[[32]byte]string{}, slow: 3 * time.Second, now: time.Now}
}

// AcceptKey registers a signing key for a topic, as creating a key in the
// Apple developer portal does.
func (e *Emulator) AcceptKey(teamID, keyID, topic string, pub *ecdsa.PublicKey) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.keys[teamID+"/"+keyID] = acceptedKey{pub: pub, topic: topic}
}

// AcceptCertificate registers a push certificate for its topic.
func (e *Emulator) AcceptCertificate(leaf *x509.Certificate, topic string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.certs[sha256.Sum256(leaf.Raw)] = topic
}

func (e *Emulator) fail(w http.ResponseWriter, status int, reason string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	body := map[string]any{"reason": reason}
	if status == http.StatusGone {
		body["timestamp"] = e.now().UnixMilli()
	}
	json.NewEncoder(w).Encode(body) //nolint:errcheck // the client went away
}

func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("apns-id")
	if id == "" {
		id = newUUID()
	}
	w.Header().Set("apns-id", id)
	if r.ProtoMajor != 2 {
		http.Error(w, "APNs speaks HTTP/2 only", http.StatusHTTPVersionNotSupported)
		return
	}
	if r.Method != http.MethodPost {
		e.fail(w, http.StatusMethodNotAllowed, "MethodNotAllowed")
		return
	}
	token, ok := strings.CutPrefix(r.URL.Path, "/3/device/")
	if !ok {
		e.fail(w, http.StatusNotFound, "BadPath")
		return
	}
	status, reason := e.check(r, token)
	if reason != "" {
		e.fail(w, status, reason)
		return
	}
	switch {
	case strings.Contains(token, MarkerUnregistered):
		e.fail(w, http.StatusGone, "Unregistered")
		return
	case strings.Contains(token, MarkerQuota):
		e.fail(w, http.StatusTooManyRequests, "TooManyRequests")
		return
	case strings.Contains(token, MarkerDown):
		e.fail(w, http.StatusServiceUnavailable, "ServiceUnavailable")
		return
	case strings.Contains(token, MarkerSlow):
		select {
		case <-time.After(e.slow):
		case <-r.Context().Done():
			return
		}
	}
	w.Header().Set("apns-unique-id", newUUID())
	w.WriteHeader(http.StatusOK)
}

// check applies APNs' validation in its order: authentication, topic,
// token, headers, payload.
func (e *Emulator) check(r *http.Request, token string) (int, string) {
	topic, status, reason := e.authenticate(r)
	if reason != "" {
		return status, reason
	}
	reqTopic := r.Header.Get("apns-topic")
	pushType := r.Header.Get("apns-push-type")
	switch {
	case reqTopic == "":
		return http.StatusBadRequest, "MissingTopic"
	case !strings.HasPrefix(reqTopic, topic):
		return http.StatusBadRequest, "TopicDisallowed"
	case token == "":
		return http.StatusBadRequest, "MissingDeviceToken"
	case !isHex(token) || len(token) < 64 || strings.Trim(token, "0") == "":
		// No device has an all-zero token: APNs answers it like any
		// unknown token.
		return http.StatusBadRequest, "BadDeviceToken"
	}
	if !validPushType(pushType) {
		return http.StatusBadRequest, "InvalidPushType"
	}
	switch p := r.Header.Get("apns-priority"); p {
	case "", "10", "5", "1":
		if pushType == "background" && p == "10" {
			return http.StatusBadRequest, "BadPriority"
		}
	default:
		return http.StatusBadRequest, "BadPriority"
	}
	if len(r.Header.Get("apns-collapse-id")) > 64 {
		return http.StatusBadRequest, "BadCollapseId"
	}
	if exp := r.Header.Get("apns-expiration"); exp != "" {
		if _, err := strconv.ParseInt(exp, 10, 64); err != nil {
			return http.StatusBadRequest, "BadExpirationDate"
		}
	}
	limit := payloadLimit(apns2.EPushType(pushType))
	body, err := io.ReadAll(io.LimitReader(r.Body, int64(limit)+1))
	switch {
	case err != nil:
		return http.StatusBadRequest, "PayloadEmpty"
	case len(body) > limit:
		return http.StatusRequestEntityTooLarge, "PayloadTooLarge"
	case len(body) == 0 || !json.Valid(body):
		return http.StatusBadRequest, "PayloadEmpty"
	}
	return 0, ""
}

func (e *Emulator) authenticate(r *http.Request) (topic string, status int, reason string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if auth := r.Header.Get("authorization"); auth != "" {
		jwt, ok := strings.CutPrefix(auth, "bearer ")
		if !ok {
			return "", http.StatusForbidden, "InvalidProviderToken"
		}
		return e.verifyJWT(jwt)
	}
	if r.TLS != nil && len(r.TLS.PeerCertificates) > 0 {
		leaf := r.TLS.PeerCertificates[0]
		topic, ok := e.certs[sha256.Sum256(leaf.Raw)]
		switch {
		case !ok:
			return "", http.StatusForbidden, "BadCertificate"
		case e.now().After(leaf.NotAfter):
			return "", http.StatusForbidden, "BadCertificate"
		}
		return topic, 0, ""
	}
	return "", http.StatusForbidden, "MissingProviderToken"
}

// verifyJWT checks an APNs provider token: ES256 over header.claims with a
// registered key, kid and iss naming it, iat within the last hour.
func (e *Emulator) verifyJWT(jwt string) (string, int, string) {
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		return "", http.StatusForbidden, "InvalidProviderToken"
	}
	var header struct{ Alg, Kid string }
	var claims struct {
		Iss string
		Iat int64
	}
	if decodeSegment(parts[0], &header) != nil || decodeSegment(parts[1], &claims) != nil || header.Alg != "ES256" {
		return "", http.StatusForbidden, "InvalidProviderToken"
	}
	key, ok := e.keys[claims.Iss+"/"+header.Kid]
	if !ok {
		return "", http.StatusForbidden, "InvalidProviderToken"
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || len(sig) != 64 {
		return "", http.StatusForbidden, "InvalidProviderToken"
	}
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if !ecdsa.Verify(key.pub, digest[:], new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])) {
		return "", http.StatusForbidden, "InvalidProviderToken"
	}
	if e.now().Sub(time.Unix(claims.Iat, 0)) > time.Hour {
		return "", http.StatusForbidden, "ExpiredProviderToken"
	}
	return key.topic, 0, ""
}

func decodeSegment(seg string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func validPushType(t string) bool {
	switch t {
	case "", "alert", "background", "location", "voip", "complication", "fileprovider", "mdm", "liveactivity", "pushtotalk":
		return true
	}
	return false
}

func isHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil
}

func newUUID() string {
	b := make([]byte, 16)
	rand.Read(b) // never fails since Go 1.24
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%X-%X-%X-%X-%X", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
