package harmony

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/vendors"
)

// The v3 API's authorization, from Huawei's guide "Generating a JWT based
// on a service account" (push-jwt-token) and the response codes page:
// the bearer is the JWT itself, PS256-signed by a service-account key of
// the project in the URL.

// clockSkew is how far ahead of Huawei's clock a JWT's iat may be.
// Huawei publishes no figure ("your server's time must be calibrated");
// a minute covers servers kept on NTP.
const clockSkew = time.Minute

// signingKey is a service-account key the sandbox's API Console knows:
// its sub-account (the JWT's iss) and public key.
type signingKey struct {
	subAccount string
	pub        *rsa.PublicKey
}

// authenticate checks the Authorization header against the project in
// the URL. Huawei answers a missing or foreign credential, an OAuth access
// token, a JWT of another project and a bad signature alike with 80200001;
// an expired JWT with 80200005; a JWT valid for more than a day with
// 80300036.
func (e *Emulator) authenticate(r *http.Request, projectID string) *refusal {
	jwt, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	parts := strings.Split(strings.TrimSpace(jwt), ".")
	if !ok || len(parts) != 3 {
		// An OAuth access token is opaque, not three segments: HarmonyOS 5
		// and later take no OAuth (80200001, cause 5).
		return authError("the Authorization header carries no service-account JWT")
	}
	var header struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
		Typ string `json:"typ"`
	}
	var claims struct {
		Iss string          `json:"iss"`
		Aud json.RawMessage `json:"aud"`
		Iat *int64          `json:"iat"`
		Exp *int64          `json:"exp"`
	}
	if vendors.DecodeJWTSegment(parts[0], &header) != nil || vendors.DecodeJWTSegment(parts[1], &claims) != nil {
		return authError("the JWT does not decode")
	}
	e.mu.Lock()
	key, known := e.projects[projectID].keys[header.Kid]
	e.mu.Unlock()
	switch {
	case header.Alg != "PS256":
		return authError("the JWT's alg is " + header.Alg + "; Push Kit takes PS256 only")
	case header.Typ != "" && header.Typ != "JWT":
		return authError("the JWT's typ is not JWT")
	case !known:
		return authError("the JWT's kid names no service-account key of project " + projectID)
	case claims.Iss != key.subAccount:
		return authError("the JWT's iss is not the key's sub_account")
	case !audience1(claims.Aud):
		return authError("the JWT's aud is not " + audience)
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if err != nil || rsa.VerifyPSS(key.pub, crypto.SHA256, digest[:], sig, pssOptions()) != nil {
		return authError("the JWT's signature does not verify with the key")
	}
	now := e.now()
	switch {
	case claims.Iat == nil || claims.Exp == nil:
		return authError("the JWT has no iat or exp")
	case *claims.Exp-*claims.Iat > int64(maxJWTLifetime/time.Second):
		return &refusal{status: http.StatusUnauthorized, code: "80300036", msg: "JWT expire period over threshold."}
	case *claims.Exp <= now.Unix():
		return &refusal{status: http.StatusUnauthorized, code: "80200005", msg: "Jwt token expired."}
	case time.Unix(*claims.Iat, 0).After(now.Add(clockSkew)):
		return authError("the JWT's iat is in the future")
	}
	return nil
}

// authError is 80200001; the detail is the sandbox's, Huawei says only
// "Authentication Error.".
func authError(detail string) *refusal {
	return &refusal{status: http.StatusUnauthorized, code: "80200001", msg: "Authentication Error. (sandbox: " + detail + ")"}
}

// audience1 accepts aud as the URL, or a list holding only it (JWT allows
// both).
func audience1(raw json.RawMessage) bool {
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return one == audience
	}
	var list []string
	return json.Unmarshal(raw, &list) == nil && len(list) == 1 && list[0] == audience
}
