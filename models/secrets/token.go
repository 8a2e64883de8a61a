// Package secrets holds the console's cryptography: argon2id password
// hashes, random bearer tokens stored as SHA-256, and AES-GCM sealing of
// vendor credentials at rest.
package secrets

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"

	"github.com/pushcheck/pushcheck/models"
)

// Bearer secrets (sessions, API keys, operator tokens, setup links) are 32
// random bytes. They carry enough entropy that an unsalted SHA-256 is a safe
// stored form, and it keeps the lookup a single indexed equality.

// NewToken returns a fresh random secret with the given prefix.
func NewToken(prefix string) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("new token: %w", err)
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b), nil
}

// HashToken is the stored, indexed form of a bearer secret.
func HashToken(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// TokenHint is what the console shows of a secret after it was issued.
func TokenHint(secret string) string {
	return models.TruncateUTF8(secret, 8)
}
