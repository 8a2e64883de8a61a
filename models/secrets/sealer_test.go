package secrets_test

import (
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models/secrets"
)

func TestSealerRoundTripAndTamper(t *testing.T) {
	keyText, err := secrets.NewSecretKey()
	if err != nil {
		t.Fatal(err)
	}
	key, err := secrets.ParseSecretKey(keyText)
	if err != nil {
		t.Fatal(err)
	}
	s, err := secrets.NewSealer(key)
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := s.Seal([]byte("master secret"), "certificate")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sealed, "master secret") || !strings.HasPrefix(sealed, "v1:") {
		t.Fatalf("sealed = %q", sealed)
	}
	if plain, err := s.Open(sealed, "certificate"); err != nil || string(plain) != "master secret" {
		t.Fatalf("open: %q %v", plain, err)
	}
	if _, err := s.Open(sealed, "other"); err == nil {
		t.Fatal("opened under another context")
	}
	other, _ := secrets.NewSecretKey()
	otherKey, _ := secrets.ParseSecretKey(other)
	o, _ := secrets.NewSealer(otherKey)
	if _, err := o.Open(sealed, "certificate"); err == nil {
		t.Fatal("opened with another key")
	}
	flipped := []byte(sealed)
	flipped[len(flipped)-3] ^= 1
	if _, err := s.Open(string(flipped), "certificate"); err == nil {
		t.Fatal("opened tampered data")
	}
	if _, err := secrets.ParseSecretKey("too short"); err == nil {
		t.Fatal("short key accepted")
	}
	if _, err := secrets.ParseSecretKey(strings.Repeat("ab", 32)); err != nil {
		t.Fatalf("hex key: %v", err)
	}
}
