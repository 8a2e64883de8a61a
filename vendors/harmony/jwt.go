package harmony

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// audience is the JWT's aud, fixed by Huawei: the OAuth token URL, though
// nothing is ever posted there (push-jwt-token).
const audience = "https://oauth-login.cloud.huawei.com/oauth2/v3/token"

// pssOptions is PS256's salt as every JWT library (and Java's
// SHA256withRSA/PSS) writes it: as long as the SHA-256 digest.
func pssOptions() *rsa.PSSOptions { return &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash} }

// jwtKey is what signing needs of a certificate's key file.
type jwtKey struct {
	keyID, subAccount string
	key               *rsa.PrivateKey
}

func loadKey(s models.CertificateSecrets) (jwtKey, error) {
	sa, key, err := parseServiceAccount(s.ServiceAccountJSON)
	if err != nil {
		return jwtKey{}, err
	}
	return jwtKey{keyID: sa.KeyID, subAccount: sa.SubAccount, key: key}, nil
}

// mint signs a JWT as Huawei's guide builds it: header {"kid":key_id,
// "typ":"JWT","alg":"PS256"}, claims iss = sub_account, aud, iat and
// exp = iat + 3600, signed with RSASSA-PSS over SHA-256.
func (k jwtKey) mint(now time.Time) (vendors.AccessToken, error) {
	iat := now.Unix()
	exp := iat + int64(jwtLifetime/time.Second)
	input, err := signingInput(map[string]string{"kid": k.keyID, "typ": "JWT", "alg": "PS256"},
		map[string]any{"iss": k.subAccount, "aud": audience, "iat": iat, "exp": exp})
	if err != nil {
		return vendors.AccessToken{}, err
	}
	digest := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPSS(rand.Reader, k.key, crypto.SHA256, digest[:], pssOptions())
	if err != nil {
		return vendors.AccessToken{}, fmt.Errorf("signing the JWT: %w", err)
	}
	return vendors.AccessToken{Value: input + "." + base64.RawURLEncoding.EncodeToString(sig), ExpiresAt: time.Unix(exp, 0)}, nil
}

// signingInput is base64url(header) "." base64url(claims).
func signingInput(header, claims any) (string, error) {
	h, err := json.Marshal(header)
	if err != nil {
		return "", err
	}
	c, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(c), nil
}
