package apns

import (
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/pushcheck/pushcheck/vendors"
)

// Scripted tokens: APNs tokens are hex, so the sandbox reads the scripts of
// PRODUCT.md from hex markers anywhere in the token (README "Sandbox").
const (
	MarkerUnregistered = "deaddead" // 410 Unregistered
	MarkerQuota        = "feedbeef" // 429 TooManyRequests
	MarkerSlow         = "51015101" // answers after 3 s
	MarkerDown         = "d0d0d0d0" // 503 ServiceUnavailable
)

// developmentHost is APNs' development (sandbox) host. Only it answers with
// apns-unique-id: "An identifier that is only available in the Development
// environment" (https://developer.apple.com/documentation/usernotifications/handling-notification-responses-from-apns).
const developmentHost = "api.sandbox.push.apple.com"

// Emulator answers like APNs' provider API: HTTP/2 only, JWT (ES256) or
// client-certificate authentication, Apple's headers, topics, payload rules
// and limits, and its error bodies. Keys and certificates must be
// registered first, as they are with Apple. The rules are in
// emulator_rules.go and emulator_auth.go.
type Emulator struct {
	mu    sync.Mutex
	keys  map[string]acceptedKey           // "teamID/keyID"
	certs map[[32]byte]acceptedCertificate // by the client certificate's hash
	slow  time.Duration
	now   func() time.Time
	// book is keyed by "teamID/keyID", or a client certificate's SHA-256.
	book vendors.CertificateBook
}

type acceptedKey struct {
	pub   *ecdsa.PublicKey
	topic string
}

// acceptedCertificate is a push certificate's subject topic and the topics
// it may push to.
type acceptedCertificate struct {
	topic  string
	topics []string
}

// NewEmulator makes an emulator with no accepted credentials.
func NewEmulator() *Emulator {
	return &Emulator{keys: map[string]acceptedKey{}, certs: map[[32]byte]acceptedCertificate{}, slow: 3 * time.Second, now: time.Now}
}

// AcceptKey registers a signing key for a topic (the app's bundle ID), as
// creating a key in the Apple developer portal does.
func (e *Emulator) AcceptKey(teamID, keyID, topic string, pub *ecdsa.PublicKey) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.keys[teamID+"/"+keyID] = acceptedKey{pub: pub, topic: topic}
}

// AcceptCertificate registers a push certificate for its topic. Like
// Apple, the emulator then takes pushes to the topics the certificate
// names in its topics extension, or to its one topic when it has none.
func (e *Emulator) AcceptCertificate(leaf *x509.Certificate, topic string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	facts := readFacts(leaf)
	facts.topic = topic
	e.certs[sha256.Sum256(leaf.Raw)] = acceptedCertificate{topic: topic, topics: facts.pushTopics()}
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
	// APNs echoes a valid apns-id and makes one up otherwise
	// (https://developer.apple.com/documentation/usernotifications/handling-notification-responses-from-apns).
	id := r.Header.Get("apns-id")
	if !canonicalUUID(id) {
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
	if requestHost(r) == developmentHost {
		w.Header().Set("apns-unique-id", newUUID())
	}
	w.WriteHeader(http.StatusOK)
}

// requestHost is the host the client addressed: HTTP/2's :authority,
// which Go's server puts in r.Host, without a port.
func requestHost(r *http.Request) string {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return strings.ToLower(host)
}

func newUUID() string {
	b := make([]byte, 16)
	rand.Read(b) // never fails since Go 1.24
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%X-%X-%X-%X-%X", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
