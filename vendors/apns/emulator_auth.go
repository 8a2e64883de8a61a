package apns

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"encoding/base64"
	"math/big"
	"net/http"
	"strings"
	"time"

	"github.com/sideshow/apns2/token"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Provider authentication, from "Establishing a token-based connection to
// APNs" (https://developer.apple.com/documentation/usernotifications/establishing-a-token-based-connection-to-apns)
// and "Establishing a certificate-based connection to APNs".

// clockSkew is how far ahead of APNs' clock a provider token's iat may be
// before the token is refused as invalid. Apple publishes no figure; a
// minute covers the drift of servers kept on NTP and no more.
const clockSkew = time.Minute

// tokenLifetime: "APNs rejects any request whose token contains a timestamp
// that is more than one hour old" (ExpiredProviderToken).
const tokenLifetime = time.Hour

// authenticate finds the topic the request's credentials were registered
// for. A client certificate wins: Apple's authorization header table says
// "When the provider certificate is used to establish a connection, this
// request header is ignored". Otherwise the header must be
// "authorization: bearer <provider token>".
//
// Apple writes the scheme "bearer" in lower case and shows no other; HTTP
// makes authentication schemes case-insensitive (RFC 9110 §11.1,
// https://www.rfc-editor.org/rfc/rfc9110#section-11.1) and no Apple source
// says APNs refuses "Bearer", so any casing of the scheme is accepted; any
// other scheme is InvalidProviderToken, and a scheme without a token is
// MissingProviderToken ("the authorization header is missing or no provider
// token is specified").
func (e *Emulator) authenticate(r *http.Request) (cred credentials, status int, reason string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if r.TLS != nil && len(r.TLS.PeerCertificates) > 0 {
		leaf := r.TLS.PeerCertificates[0]
		cert, ok := e.certs[sha256.Sum256(leaf.Raw)]
		if !ok || e.now().After(leaf.NotAfter) {
			return credentials{certAuth: true}, http.StatusForbidden, "BadCertificate"
		}
		return credentials{topic: cert.topic, topics: cert.topics, certAuth: true}, 0, ""
	}
	auth := strings.TrimSpace(r.Header.Get("authorization"))
	if auth == "" {
		return credentials{}, http.StatusForbidden, "MissingProviderToken"
	}
	scheme, jwt, _ := strings.Cut(auth, " ")
	switch {
	case !strings.EqualFold(scheme, "bearer"):
		return credentials{}, http.StatusForbidden, "InvalidProviderToken"
	case jwt == "":
		return credentials{}, http.StatusForbidden, "MissingProviderToken"
	}
	topic, status, reason := e.verifyJWT(jwt)
	return credentials{topic: topic}, status, reason
}

// credentials are what authenticated a request: the app's topic (its
// bundle ID), and for a client certificate the topics it may push to (a
// signing key may push to every topic of the app).
type credentials struct {
	topic    string
	topics   []string
	certAuth bool
}

// verifyJWT checks an APNs provider token: header {"alg":"ES256","kid":
// <Key ID>}, claims {"iss":<Team ID>,"iat":<seconds>}, an ES256 signature
// by the registered key that kid and iss name. A token that fails any of
// these, or whose iat is ahead of APNs' clock, is InvalidProviderToken
// ("The provider token is not valid, or the token signature can't be
// verified"); one whose iat is over an hour old is ExpiredProviderToken.
func (e *Emulator) verifyJWT(jwt string) (string, int, string) {
	const invalid = "InvalidProviderToken"
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		return "", http.StatusForbidden, invalid
	}
	var header struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}
	var claims struct {
		Iss string `json:"iss"`
		Iat *int64 `json:"iat"`
	}
	if vendors.DecodeJWTSegment(parts[0], &header) != nil || vendors.DecodeJWTSegment(parts[1], &claims) != nil ||
		header.Alg != "ES256" || header.Kid == "" || claims.Iss == "" || claims.Iat == nil {
		return "", http.StatusForbidden, invalid
	}
	key, ok := e.keys[claims.Iss+"/"+header.Kid]
	if !ok {
		return "", http.StatusForbidden, invalid
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || len(sig) != 64 {
		return "", http.StatusForbidden, invalid
	}
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if !ecdsa.Verify(key.pub, digest[:], new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])) {
		return "", http.StatusForbidden, invalid
	}
	now, iat := e.now(), time.Unix(*claims.Iat, 0)
	switch {
	case iat.After(now.Add(clockSkew)):
		return "", http.StatusForbidden, invalid
	case now.Sub(iat) > tokenLifetime:
		return "", http.StatusForbidden, "ExpiredProviderToken"
	}
	return key.topic, 0, ""
}

// Accept registers a sandbox certificate's .p8 key or .p12 certificate
// (vendors.Acceptor), as Apple's developer account knows them. A key or
// file that no longer loads is skipped: saving refused it, and a send
// through the certificate says what is wrong.
func (e *Emulator) Accept(c models.Certificate, s models.CertificateSecrets) {
	if c.Settings.Auth == "token" {
		if key, err := token.AuthKeyFromBytes(s.P8); err == nil {
			e.AcceptKey(c.Settings.TeamID, c.Settings.KeyID, c.Settings.BundleID, &key.PublicKey)
		}
		return
	}
	if cert, err := LoadP12(s.P12, s.P12Password); err == nil {
		e.AcceptCertificate(cert.Leaf, c.Topic)
	}
}
