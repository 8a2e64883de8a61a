package fcm

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/vendors"
)

// Google's OAuth 2.0 JWT bearer grant for service accounts, as described in
// "Using OAuth 2.0 for Server to Server Applications"
// (https://developers.google.com/identity/protocols/oauth2/service-account#httprest).

// googleTokenURI is the only audience the assertion may name: "When making
// an access token request this value is always
// https://oauth2.googleapis.com/token".
const googleTokenURI = "https://oauth2.googleapis.com/token"

// maxAssertionLifetime: exp is "a maximum of 1 hour after the issued time".
const maxAssertionLifetime = time.Hour

// Google's error_description texts for refused assertions, as its token
// endpoint returns them with HTTP 400 and error invalid_grant.
const (
	grantAccountNotFound = "Invalid grant: account not found"
	grantBadSignature    = "Invalid JWT Signature."
	grantBadAudience     = "Invalid JWT: Failed audience check."
	grantBadTimes        = "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim."
)

func oauthError(w http.ResponseWriter, code, description string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusBadRequest)
	json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": description}) //nolint:errcheck // client gone
}

// token is the JWT-bearer grant of oauth2.googleapis.com/token. The
// assertion must be RS256-signed by the service account's registered key;
// its header kid, when present, must be that key's private_key_id (Google's
// own example header is {"alg":"RS256","typ":"JWT"}, so an assertion
// without kid is checked against the account's key); aud must be the token
// URI exactly; iat may not be in the future, exp must be after now and at
// most an hour after iat.
func (e *Emulator) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer" {
		oauthError(w, "unsupported_grant_type", "Invalid grant_type: "+r.PostForm.Get("grant_type"))
		return
	}
	parts := strings.Split(r.PostForm.Get("assertion"), ".")
	if len(parts) != 3 {
		oauthError(w, "invalid_grant", "Invalid JWT: malformed")
		return
	}
	var header struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}
	var claims struct {
		Iss   string `json:"iss"`
		Scope string `json:"scope"`
		Aud   string `json:"aud"`
		Iat   *int64 `json:"iat"`
		Exp   *int64 `json:"exp"`
	}
	if vendors.DecodeJWTSegment(parts[0], &header) != nil || vendors.DecodeJWTSegment(parts[1], &claims) != nil {
		oauthError(w, "invalid_grant", "Invalid JWT: malformed")
		return
	}
	e.mu.Lock()
	acct, known := e.accounts[claims.Iss]
	e.mu.Unlock()
	if !known {
		oauthError(w, "invalid_grant", grantAccountNotFound)
		return
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	switch {
	case header.Alg != "RS256" || (header.Kid != "" && header.Kid != acct.keyID):
		oauthError(w, "invalid_grant", grantBadSignature)
		return
	case err != nil || rsa.VerifyPKCS1v15(acct.pub, crypto.SHA256, digest[:], sig) != nil:
		oauthError(w, "invalid_grant", grantBadSignature)
		return
	case claims.Aud != googleTokenURI:
		oauthError(w, "invalid_grant", grantBadAudience)
		return
	case !reasonableTimes(claims.Iat, claims.Exp, e.now()):
		oauthError(w, "invalid_grant", grantBadTimes)
		return
	case !strings.Contains(claims.Scope, "firebase.messaging") && !strings.Contains(claims.Scope, "cloud-platform"):
		oauthError(w, "invalid_scope", "the scope does not allow FCM")
		return
	}
	b := make([]byte, 24)
	rand.Read(b) // never fails since Go 1.24
	access := "ya29.sandbox-" + base64.RawURLEncoding.EncodeToString(b)
	e.mu.Lock()
	e.tokens[access] = acct.project
	e.holders[access] = claims.Iss
	e.mu.Unlock()
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(map[string]any{"access_token": access, "expires_in": 3599, "token_type": "Bearer"}) //nolint:errcheck // client gone
}

// reasonableTimes is Google's "short-lived token … in a reasonable
// timeframe": both times present, iat not after now, exp after now and
// after iat by at most an hour.
func reasonableTimes(iat, exp *int64, now time.Time) bool {
	if iat == nil || exp == nil {
		return false
	}
	return *iat <= now.Unix() && *exp > now.Unix() && *exp > *iat && *exp-*iat <= int64(maxAssertionLifetime/time.Second)
}
