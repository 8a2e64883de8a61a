package secrets

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pushcheck/pushcheck/models"
)

// Sealer encrypts vendor credentials at rest with AES-256-GCM under the
// console's secret key (PUSHCHECK_SECRET_KEY). A sealed value is
// "v1:" + base64(nonce ‖ ciphertext); the version prefix leaves room for
// key rotation.
type Sealer struct {
	aead cipher.AEAD
}

// SecretKeyLen is the key size: AES-256.
const SecretKeyLen = 32

// ParseSecretKey accepts 32 bytes as base64 (standard or URL alphabet,
// padded or not) or as 64 hex digits.
func ParseSecretKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if b, err := hex.DecodeString(s); err == nil && len(b) == SecretKeyLen {
		return b, nil
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil && len(b) == SecretKeyLen {
			return b, nil
		}
	}
	return nil, fmt.Errorf("the secret key must be %d bytes as base64 or hex (generate one with: openssl rand -base64 32)", SecretKeyLen)
}

// NewSecretKey returns a fresh random key, base64-encoded.
func NewSecretKey() (string, error) {
	b := make([]byte, SecretKeyLen)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("new secret key: %w", err)
	}
	return base64.StdEncoding.EncodeToString(b), nil
}

// NewSealer builds a sealer from a 32-byte key.
func NewSealer(key []byte) (*Sealer, error) {
	if len(key) != SecretKeyLen {
		return nil, fmt.Errorf("sealer: key is %d bytes, want %d", len(key), SecretKeyLen)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("sealer: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("sealer: %w", err)
	}
	return &Sealer{aead: aead}, nil
}

const sealedPrefix = "v1:"

// Seal encrypts plaintext. context binds the ciphertext to its use (for
// example "certificate"), so a sealed value cannot be replayed elsewhere.
func (s *Sealer) Seal(plaintext []byte, context string) (string, error) {
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("seal: %w", err)
	}
	out := s.aead.Seal(nonce, nonce, plaintext, []byte(context))
	return sealedPrefix + base64.StdEncoding.EncodeToString(out), nil
}

// Open decrypts a sealed value. A wrong key or tampered value fails.
func (s *Sealer) Open(sealed, context string) ([]byte, error) {
	raw, ok := strings.CutPrefix(sealed, sealedPrefix)
	if !ok {
		return nil, fmt.Errorf("open sealed value: unknown format")
	}
	b, err := base64.StdEncoding.DecodeString(raw)
	if err != nil || len(b) < s.aead.NonceSize() {
		return nil, fmt.Errorf("open sealed value: corrupt")
	}
	n := s.aead.NonceSize()
	plain, err := s.aead.Open(nil, b[:n], b[n:], []byte(context))
	if err != nil {
		return nil, fmt.Errorf("open sealed value: wrong PUSHCHECK_SECRET_KEY or tampered data")
	}
	return plain, nil
}

const certificateSecretsContext = "certificate-secrets"

// SealCertificateSecrets encrypts a certificate's secrets for storage.
func (s *Sealer) SealCertificateSecrets(cs models.CertificateSecrets) (string, error) {
	plain, err := json.Marshal(cs)
	if err != nil {
		return "", fmt.Errorf("seal certificate secrets: %w", err)
	}
	return s.Seal(plain, certificateSecretsContext)
}

// OpenCertificateSecrets decrypts a certificate's stored secrets; a
// certificate without any has none.
func (s *Sealer) OpenCertificateSecrets(c models.Certificate) (models.CertificateSecrets, error) {
	var cs models.CertificateSecrets
	if c.SealedSecrets == "" {
		return cs, nil
	}
	plain, err := s.Open(c.SealedSecrets, certificateSecretsContext)
	if err != nil {
		return cs, fmt.Errorf("certificate %d: %w", c.ID, err)
	}
	if err := json.Unmarshal(plain, &cs); err != nil {
		return cs, fmt.Errorf("certificate %d: secrets: %w", c.ID, err)
	}
	return cs, nil
}
