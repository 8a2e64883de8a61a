package secrets

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"runtime/debug"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Password hashing uses argon2id with OWASP's 2023 minimum (19 MiB, t=2, p=1):
// a login costs a few tens of milliseconds and a stolen hash stays expensive.
// The parameters travel inside the encoded hash, so they can be raised later
// without invalidating existing passwords.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// HashPassword encodes pw as a PHC-style argon2id string.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key := argonKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches an encoded hash. A malformed hash
// never matches.
func CheckPassword(encoded, pw string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	var memory, iterations uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &iterations, &threads); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false
	}
	got := argonKey([]byte(pw), salt, iterations, memory, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// argonKey is argon2.IDKey, whose memory is then handed back to the
// operating system. Each call takes its whole memory cost (19 MiB) in one
// block; left to itself, the runtime kept it resident for as long as we
// watched (an idle console was 60 MB three minutes after a sign-in, 40 MB
// before it): the collection that frees it waits for the heap to double
// or for the two-minute forced one, and the scavenger then keeps what
// fits under the heap's goal. A full collection after a password check
// (sign-ins are throttled) returns it; it runs beside the request, which
// does not wait for it.
func argonKey(pw, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte {
	key := argon2.IDKey(pw, salt, time, memory, threads, keyLen)
	go debug.FreeOSMemory()
	return key
}
